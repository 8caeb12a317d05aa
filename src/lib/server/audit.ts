import { desc } from 'drizzle-orm';
import type { Db, Queryable } from './db';
import { auditLog } from './db/schema';
import { sqliteWriterOf } from './db/sqlite-connections';
import { inTransaction } from './db/transaction';

/** Who acted: a signed-in user or an API key (the CLI and the demo seed act as neither). */
export type Actor = { userId?: string | null; apiKeyId?: string | null };

type Entry = typeof auditLog.$inferInsert;

function entryOf(
	actor: Actor,
	action: string,
	subject: string,
	details?: Record<string, unknown>
): Entry {
	return {
		at: new Date(),
		actorUserId: actor.userId ?? null,
		actorApiKeyId: actor.apiKeyId ?? null,
		action,
		subject,
		details: details ?? null
	};
}

/**
 * Records an action on personal data. `subject` names the record (`client:42`), never the person:
 * the log must stay free of personal data, or erasing a client would leave it behind here.
 * Inside a transaction pass its `tx`: the entry is written with the change it records, or not at
 * all. Given the app's database (a view, an export, outside any transaction), it is written in a
 * transaction of its own.
 */
export async function recordAudit(
	db: Queryable,
	actor: Actor,
	action: string,
	subject: string,
	details?: Record<string, unknown>
): Promise<void> {
	const entry = entryOf(actor, action, subject, details);
	// Only the database openSqlite gave has a writer behind it; a transaction's tx writes itself.
	if (sqliteWriterOf(db as Db))
		await inTransaction(db as Db, async (tx) => {
			await tx.insert(auditLog).values(entry);
		});
	else await db.insert(auditLog).values(entry);
}

export async function recentAudit(db: Queryable, limit = 100) {
	return await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}
