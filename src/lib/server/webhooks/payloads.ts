import { eq } from 'drizzle-orm';
import type { WebhookEventData } from '../../webhooks/event-data';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { clients, followupCases, surveyVersions, users } from '../db/schema';
import type { ImportedReview, RecordedResponse } from '../events/domain-events';
import { staffLink, type OverdueCase } from '../followups/emails';

/*
 * Each event's `data`, typed by the schemas in src/lib/webhooks/event-data.ts that the OpenAPI
 * document is generated from.
 */

/** `data` of `response.completed`: the response and its answers; the client only by id. */
export async function responseCompletedData(
	db: Queryable,
	response: RecordedResponse
): Promise<WebhookEventData<'response.completed'>> {
	const version = await first(
		db
			.select({ surveyId: surveyVersions.surveyId, version: surveyVersions.version })
			.from(surveyVersions)
			.where(eq(surveyVersions.id, response.surveyVersionId))
	);
	return {
		responseId: response.id,
		surveyId: version?.surveyId ?? null,
		surveyVersion: version?.version ?? null,
		clientId: response.clientId,
		submittedAt: response.submittedAt.toISOString(),
		language: response.language,
		answers: response.answers.map((answer) => ({
			questionId: answer.questionId,
			score: answer.score,
			notApplicable: answer.notApplicable,
			text: answer.text,
			choices: answer.choices
		}))
	};
}

/** `data` of `followup.created` and `followup.resolved`: the case as it is now; the client only by id, like `response.completed`. */
export async function caseWebhookData(
	db: Queryable,
	caseId: number
): Promise<WebhookEventData<'followup.created'>> {
	const row = (await first(
		db
			.select({ kase: followupCases, assignee: { name: users.name, email: users.email } })
			.from(followupCases)
			.leftJoin(users, eq(users.id, followupCases.assigneeId))
			.where(eq(followupCases.id, caseId))
	))!;
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

/** `data` of `review.imported`: the review with its tone; the client only by id. */
export const reviewImportedData = (
	review: ImportedReview
): WebhookEventData<'review.imported'> => ({
	reviewId: review.id,
	source: review.source,
	externalId: review.externalId,
	author: review.author,
	stars: review.stars,
	title: review.title,
	text: review.text,
	reviewedAt: review.reviewedAt.toISOString(),
	language: review.language,
	clientId: review.clientId,
	sentiment: review.sentimentLabel
});

/** `data` of `followup.digest`: the listed overdue cases, the client only by id. */
export function overdueDigestData(
	cases: OverdueCase[],
	total: number
): WebhookEventData<'followup.digest'> {
	return {
		total,
		url: staffLink('/cases?view=overdue'),
		cases: cases.map((item) => ({
			caseId: item.id,
			url: staffLink(`/cases/${item.id}`),
			clientId: item.clientId,
			assignee: item.assignee,
			dueAt: item.dueAt.toISOString()
		}))
	};
}

/** The client's name, for chat messages that may name them; the payloads carry the id only. */
export async function clientName(db: Queryable, clientId: number | null): Promise<string | null> {
	if (clientId === null) return null;
	return (
		(await first(db.select({ name: clients.name }).from(clients).where(eq(clients.id, clientId))))
			?.name ?? null
	);
}
