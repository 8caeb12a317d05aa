import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import type { Db } from '../db';
import { needsConfirmation } from '../../clients/bulk-confirmation';
import { forUpdate } from '../db/dialect';
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

/** How many failed emails were queued again, or how many must first be confirmed. */
export type CampaignRetry = { retried: number } | { toConfirm: number };

/**
 * Queues every failed email of a campaign again. More than a handful go only when
 * `confirmedCount` is their very number, counted in the transaction that queues them: what the
 * owner confirmed is what is sent, even when more failed meanwhile.
 */
export async function retryFailedOfCampaign(
	db: Db,
	campaignId: number,
	actor: Actor,
	confirmedCount?: number,
	now = new Date()
): Promise<CampaignRetry> {
	return inTransaction(db, async (tx): Promise<CampaignRetry> => {
		const ofCampaign = tx
			.select({ id: invitations.id })
			.from(invitations)
			.where(eq(invitations.campaignId, campaignId));
		const failed = and(
			eq(outboxMessages.status, 'failed'),
			inArray(outboxMessages.invitationId, ofCampaign)
		);
		const count = (
			await forUpdate(tx.select({ id: outboxMessages.id }).from(outboxMessages).where(failed))
		).length;
		if (needsConfirmation(count, confirmedCount)) return { toConfirm: count };
		const retried = (
			await tx
				.update(outboxMessages)
				.set(queuedAgain(now))
				.where(failed)
				.returning({ id: outboxMessages.id })
		).length;
		if (retried)
			await recordAudit(tx, actor, 'campaign.retry-failed', `campaign:${campaignId}`, {
				emails: retried
			});
		return { retried };
	});
}
