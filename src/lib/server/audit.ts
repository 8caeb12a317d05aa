import { desc } from 'drizzle-orm';
import type { Queryable } from './db';
import { auditLog } from './db/schema';

/** Who acted: a signed-in user or an API key (the CLI and the demo seed act as neither). */
export type Actor = { userId?: string | null; apiKeyId?: string | null };

/**
 * Records an action on personal data. `subject` names the record (`client:42`), never the person:
 * the log must stay free of personal data, or erasing a client would leave it behind here.
 */
export function recordAudit(
	db: Queryable,
	actor: Actor,
	action: string,
	subject: string,
	details?: Record<string, unknown>
) {
	db.insert(auditLog)
		.values({
			at: new Date(),
			actorUserId: actor.userId ?? null,
			actorApiKeyId: actor.apiKeyId ?? null,
			action,
			subject,
			details: details ?? null
		})
		.run();
}

export function recentAudit(db: Queryable, limit = 100) {
	return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
}
