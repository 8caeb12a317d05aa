import { eq } from 'drizzle-orm';
import type { SurveyDefinition } from '../../schemas/survey';
import type { AnswerRow } from '../../surveys/answers';
import { respondentScores } from '../../surveys/scores';
import { dimensionsOf } from '../../analytics/dimensions';
import { addToCells, clientContext, utcDay } from '../analytics/cells';
import type { Queryable } from '../db';
import { answers, clients, responses, responseSources } from '../db/schema';

export type NewResponse = {
	surveyVersionId: number;
	definition: SurveyDefinition;
	clientId: number | null;
	language: string;
	submittedAt: Date;
	source?: (typeof responseSources)[number];
	answers: AnswerRow[];
};

/**
 * Stores a complete response with a snapshot of its client and adds it to the CSI cells. Call it
 * inside a transaction: the response and the dashboard's sums change together or not at all.
 */
export function recordResponse(db: Queryable, input: NewResponse): number {
	const context = input.clientId === null ? {} : clientContext(db, input.clientId, input.submittedAt);
	const { id } = db
		.insert(responses)
		.values({
			surveyVersionId: input.surveyVersionId,
			clientId: input.clientId,
			language: input.language,
			submittedAt: input.submittedAt,
			source: input.source ?? 'survey',
			context
		})
		.returning({ id: responses.id })
		.get();
	if (input.answers.length) db.insert(answers).values(input.answers.map((row) => ({ ...row, responseId: id }))).run();
	if (input.clientId !== null && input.source !== 'import') {
		db.update(clients).set({ lastAnsweredAt: input.submittedAt }).where(eq(clients.id, input.clientId)).run();
	}
	const scores = respondentScores(input.definition, input.answers, context.annualValue ?? null);
	addToCells(db, input.surveyVersionId, utcDay(input.submittedAt), dimensionsOf(context, input.language), scores);
	return id;
}
