import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { followupCases, users } from '../db/schema';
import { emitWebhookEvent } from '../webhooks/emit';
import { staffLink } from './emails';

/** `data` of `followup.created` and `followup.resolved`: the case as it is now; the client only by id, like `response.completed`. */
export function caseWebhookData(db: Queryable, caseId: number) {
	const row = db
		.select({ kase: followupCases, assignee: { name: users.name, email: users.email } })
		.from(followupCases)
		.leftJoin(users, eq(users.id, followupCases.assigneeId))
		.where(eq(followupCases.id, caseId))
		.get()!;
	const { kase } = row;
	return {
		caseId: kase.id,
		url: staffLink(`/cases/${kase.id}`),
		status: kase.status,
		clientId: kase.clientId,
		responseId: kase.responseId,
		reviewId: kase.reviewId,
		triggers: kase.trigger.triggers,
		items: kase.trigger.items,
		assignee: row.assignee?.email ? row.assignee : null,
		dueAt: kase.dueAt.toISOString(),
		createdAt: kase.createdAt.toISOString(),
		resolvedAt: kase.resolvedAt?.toISOString() ?? null,
		resolutionNote: kase.resolutionNote
	};
}

/** Queues the event for subscribed webhooks, in the caller's transaction (so only if the change commits). */
export function announceCase(
	db: Queryable,
	event: 'followup.created' | 'followup.resolved',
	caseId: number,
	now: Date
): void {
	emitWebhookEvent(db, event, () => caseWebhookData(db, caseId), now);
}
