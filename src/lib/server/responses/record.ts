import { eq } from 'drizzle-orm';
import { dimensionsOf, type ResponseContext } from '../../analytics/dimensions';
import type { SurveyDefinition } from '../../schemas/survey';
import type { AnswerRow } from '../../surveys/answers';
import { respondentScores } from '../../surveys/scores';
import { addToCells, clientContext, utcDay, type CellEntry } from '../analytics/cells';
import type { Queryable } from '../db';
import { answers, clients, responses, responseSources } from '../db/schema';
import { openCasesForResponses } from '../followups/cases';
import { emitWebhookEvent } from '../webhooks/emit';
import { responseCompletedData } from '../webhooks/payloads';
import { currentScorer, sentimentColumnsFor, type Scorer } from '../sentiment/columns';

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
 * Stores complete responses with a snapshot of their clients, scores the tone of their open
 * answers, and adds them to the CSI cells. Call it inside a transaction: the responses and the
 * dashboard's sums change together or not at all. A batch (an import) reads each client and
 * writes each cell once.
 */
export function recordResponses(db: Queryable, inputs: NewResponse[]): number[] {
	const contexts = new Map<number, ResponseContext>();
	const cellEntries: CellEntry[] = [];
	let scorer: Scorer | undefined;
	const ids = inputs.map((input) => {
		let context: ResponseContext = {};
		if (input.clientId !== null) {
			context = contexts.get(input.clientId) ?? clientContext(db, input.clientId, input.submittedAt);
			contexts.set(input.clientId, context);
		}
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
		if (input.answers.length) {
			const rows = input.answers.map((row) => {
				if (!row.text) return { ...row, responseId: id };
				scorer ??= currentScorer(db);
				return { ...row, responseId: id, ...sentimentColumnsFor(row.text, input.language, scorer) };
			});
			db.insert(answers).values(rows).run();
		}
		if (input.clientId !== null && input.source !== 'import') {
			db.update(clients).set({ lastAnsweredAt: input.submittedAt }).where(eq(clients.id, input.clientId)).run();
		}
		const scores = respondentScores(input.definition, input.answers, context.annualValue ?? null);
		cellEntries.push({ surveyVersionId: input.surveyVersionId, day: utcDay(input.submittedAt), dimensions: dimensionsOf(context, input.language), scores });
		// Imported past responses are history, not news: receivers hear of answers as they arrive.
		if (input.source !== 'import') emitWebhookEvent(db, 'response.completed', () => responseCompletedData(db, id, input), input.submittedAt);
		return id;
	});
	addToCells(db, cellEntries);
	// Unhappy answers become follow-up cases as they arrive; imported history opens none.
	openCasesForResponses(db, ids.filter((_, index) => inputs[index]!.source !== 'import'));
	return ids;
}

export const recordResponse = (db: Queryable, input: NewResponse): number => recordResponses(db, [input])[0]!;
