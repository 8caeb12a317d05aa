import { and, eq, inArray } from 'drizzle-orm';
import { recordAuditSync, type Actor } from '../audit';
import { inSyncTransaction, type Db } from '../db';
import { invitations, outboxMessages } from '../db/schema';

/**
 * A failed email back in the queue as if new: all its tries again, from now. For mail outages
 * longer than the retries; the outbox still skips it if its client was erased or unsubscribed.
 */
const queuedAgain = (now: Date) => ({
	status: 'queued' as const,
	attempts: 0,
	nextAttemptAt: now,
	serverResponse: 'Queued again by an owner after it failed.'
});

/** Queues one failed email again; false when it is not (or no longer) failed. */
export function retryFailedMessage(
	db: Db,
	messageId: number,
	actor: Actor,
	now = new Date()
): boolean {
	return inSyncTransaction(db, () => {
		const retried = db
			.update(outboxMessages)
			.set(queuedAgain(now))
			.where(and(eq(outboxMessages.id, messageId), eq(outboxMessages.status, 'failed')))
			.returning({ id: outboxMessages.id })
			.get();
		if (retried) recordAuditSync(db, actor, 'outbox.retry', `outbox:${messageId}`);
		return retried !== undefined;
	});
}

/** Queues every failed email of a campaign again; returns how many. */
export function retryFailedOfCampaign(
	db: Db,
	campaignId: number,
	actor: Actor,
	now = new Date()
): number {
	return inSyncTransaction(db, () => {
		const ofCampaign = db
			.select({ id: invitations.id })
			.from(invitations)
			.where(eq(invitations.campaignId, campaignId));
		const retried = db
			.update(outboxMessages)
			.set(queuedAgain(now))
			.where(
				and(eq(outboxMessages.status, 'failed'), inArray(outboxMessages.invitationId, ofCampaign))
			)
			.returning({ id: outboxMessages.id })
			.all().length;
		if (retried)
			recordAuditSync(db, actor, 'campaign.retry-failed', `campaign:${campaignId}`, {
				emails: retried
			});
		return retried;
	});
}
