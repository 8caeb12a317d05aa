import type { Queryable } from '../db';
import type { DomainEvents } from '../events/domain-events';
import { caseAlert, digestAlert } from '../../webhooks/chat-alert';
import { emitWebhookEvent } from './emit';
import {
	caseWebhookData,
	clientName,
	overdueDigestData,
	responseCompletedData,
	reviewImportedData
} from './payloads';

/*
 * The subscribers that turn domain events into webhook deliveries, queued in the event's
 * transaction (`db` is its `tx`): a receiver hears of a change if and only if it was committed.
 */

/** Live answers only: imported past responses are history, not news. */
export async function announceRecordedResponses(
	db: Queryable,
	{ responses }: DomainEvents['response.recorded']
): Promise<void> {
	for (const response of responses) {
		if (response.source === 'import') continue;
		await emitWebhookEvent(
			db,
			'response.completed',
			() => responseCompletedData(db, response),
			response.submittedAt
		);
	}
}

export async function announceImportedReviews(
	db: Queryable,
	{ reviews, at }: DomainEvents['review.imported']
): Promise<void> {
	for (const review of reviews)
		await emitWebhookEvent(db, 'review.imported', () => reviewImportedData(review), at);
}

/** To Slack and Teams too: the case as a message, naming the client where the target may. */
async function announceCase(
	db: Queryable,
	event: 'followup.created' | 'followup.resolved',
	caseId: number,
	at: Date
): Promise<void> {
	await emitWebhookEvent(
		db,
		event,
		() => caseWebhookData(db, caseId),
		at,
		async (data, options) => caseAlert(event, data, await clientName(db, data.clientId), options)
	);
}

export async function announceOpenedCase(
	db: Queryable,
	{ caseId, at }: DomainEvents['case.opened']
): Promise<void> {
	await announceCase(db, 'followup.created', caseId, at);
}

export async function announceResolvedCase(
	db: Queryable,
	{ caseId, at }: DomainEvents['case.resolved']
): Promise<void> {
	await announceCase(db, 'followup.resolved', caseId, at);
}

/** The owners' daily digest, also for the channels that want it. */
export async function announceOverdueCases(
	db: Queryable,
	{ cases, total, at }: DomainEvents['cases.overdue']
): Promise<void> {
	const names = new Map(
		cases.flatMap(({ clientId, clientName }) =>
			clientId !== null && clientName !== null ? [[clientId, clientName] as const] : []
		)
	);
	await emitWebhookEvent(
		db,
		'followup.digest',
		() => overdueDigestData(cases, total),
		at,
		(data, options) => digestAlert(data, names, options)
	);
}
