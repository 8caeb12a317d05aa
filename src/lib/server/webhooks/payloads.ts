import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { surveyVersions } from '../db/schema';
import type { NewResponse } from '../responses/record';

/** `data` of `response.completed`: the response and its answers; the client only by id. */
export function responseCompletedData(db: Queryable, responseId: number, response: NewResponse) {
	const version = db
		.select({ surveyId: surveyVersions.surveyId, version: surveyVersions.version })
		.from(surveyVersions)
		.where(eq(surveyVersions.id, response.surveyVersionId))
		.get();
	return {
		responseId,
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
