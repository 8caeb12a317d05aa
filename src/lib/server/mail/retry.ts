import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import type { Db } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { invitations, outboxMessages } from '../db/schema';

/**
 * A failed email back in the queue as if new: all its tries again, from now. For mail outages
 * longer than the retries; the outbox still skips it if its client was erased or unsubscribed.
 */
const queuedAgain = (now: Date) => ({
	status: 'queued' as const,
	attempts: 0,
	nextAttemptAt: now,
	note: 'queuedAgain' as const,
	serverResponse: null
});

/** Queues one failed email again; false when it is not (or no longer) failed. */
export async function retryFailedMessage(
	db: Db,
	messageId: number,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const retried = await first(
			tx
				.update(outboxMessages)
				.set(queuedAgain(now))
				.where(and(eq(outboxMessages.id, messageId), eq(outboxMessages.status, 'failed')))
				.returning({ id: outboxMessages.id })
		);
		if (retried) await recordAudit(tx, actor, 'outbox.retry', `outbox:${messageId}`);
		return retried !== undefined;
	});
}

/** Queues every failed email of a campaign again; returns how many. */
export async function retryFailedOfCampaign(
	db: Db,
	campaignId: number,
	actor: Actor,
	now = new Date()
): Promise<number> {
	return inTransaction(db, async (tx) => {
		const ofCampaign = tx
			.select({ id: invitations.id })
			.from(invitations)
			.where(eq(invitations.campaignId, campaignId));
		const retried = (
			await tx
				.update(outboxMessages)
				.set(queuedAgain(now))
				.where(
					and(eq(outboxMessages.status, 'failed'), inArray(outboxMessages.invitationId, ofCampaign))
				)
				.returning({ id: outboxMessages.id })
		).length;
		if (retried)
			await recordAudit(tx, actor, 'campaign.retry-failed', `campaign:${campaignId}`, {
				emails: retried
			});
		return retried;
	});
}
