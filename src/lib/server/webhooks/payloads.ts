import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { followupCases, surveyVersions, users } from '../db/schema';
import type { ImportedReview, RecordedResponse } from '../events/domain-events';
import { staffLink } from '../followups/emails';

/** `data` of `response.completed`: the response and its answers; the client only by id. */
export function responseCompletedData(db: Queryable, response: RecordedResponse) {
	const version = db
		.select({ surveyId: surveyVersions.surveyId, version: surveyVersions.version })
		.from(surveyVersions)
		.where(eq(surveyVersions.id, response.surveyVersionId))
		.get();
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

/** `data` of `review.imported`: the review with its tone; the client only by id. */
export const reviewImportedData = (review: ImportedReview) => ({
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
