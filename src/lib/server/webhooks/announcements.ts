import type { Queryable } from '../db';
import type { DomainEvents } from '../events/domain-events';
import { emitWebhookEvent } from './emit';
import { caseWebhookData, responseCompletedData, reviewImportedData } from './payloads';

/*
 * The subscribers that turn domain events into webhook deliveries, queued in the event's
 * transaction: a receiver hears of a change if and only if it was committed.
 */

/** Live answers only: imported past responses are history, not news. */
export function announceRecordedResponses(
	db: Queryable,
	{ responses }: DomainEvents['response.recorded']
): void {
	for (const response of responses) {
		if (response.source === 'import') continue;
		emitWebhookEvent(
			db,
			'response.completed',
			() => responseCompletedData(db, response),
			response.submittedAt
		);
	}
}

export function announceImportedReviews(
	db: Queryable,
	{ reviews, at }: DomainEvents['review.imported']
): void {
	for (const review of reviews)
		emitWebhookEvent(db, 'review.imported', () => reviewImportedData(review), at);
}

export function announceOpenedCase(db: Queryable, { caseId, at }: DomainEvents['case.opened']) {
	emitWebhookEvent(db, 'followup.created', () => caseWebhookData(db, caseId), at);
}

export function announceResolvedCase(db: Queryable, { caseId, at }: DomainEvents['case.resolved']) {
	emitWebhookEvent(db, 'followup.resolved', () => caseWebhookData(db, caseId), at);
}
