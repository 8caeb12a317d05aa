import { eq, sql } from 'drizzle-orm';
import { dimensionsOf, type ResponseContext } from '../../analytics/dimensions';
import type { SurveyDefinition } from '../../schemas/survey';
import type { AnswerRow } from '../../surveys/answers';
import { respondentScores } from '../../surveys/scores';
import { utcDay } from '../../dates';
import { addToCells, clientContext, type CellEntry } from '../analytics/cells';
import type { Queryable } from '../db';
import { preparedStatement } from '../db/prepared';
import { answers, clients, responses, responseSources } from '../db/schema';
import { openCasesForNewResponses, type JudgedResponse } from '../followups/cases';
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

// Every submission runs these: prepared once per connection, not built and prepared per response.
const insertResponse = preparedStatement((db) =>
	db
		.insert(responses)
		.values({
			surveyVersionId: sql.placeholder('surveyVersionId'),
			clientId: sql.placeholder('clientId'),
			language: sql.placeholder('language'),
			submittedAt: sql.placeholder('submittedAt'),
			source: sql.placeholder('source'),
			context: sql.placeholder('context')
		})
		// The new id from the run's result: RETURNING makes SQLite buffer the row first.
		.prepare()
);
// Nullable JSON columns take text already serialised: drizzle would store a placeholder's null as the text 'null'.
const insertAnswer = preparedStatement((db) =>
	db
		.insert(answers)
		.values({
			responseId: sql.placeholder('responseId'),
			questionId: sql.placeholder('questionId'),
			score: sql.placeholder('score'),
			notApplicable: sql.placeholder('notApplicable'),
			text: sql.placeholder('text'),
			choices: sql`${sql.placeholder('choices')}`,
			sentimentLanguage: sql.placeholder('sentimentLanguage'),
			sentimentLabel: sql.placeholder('sentimentLabel'),
			sentimentScore: sql.placeholder('sentimentScore'),
			sentimentComparative: sql.placeholder('sentimentComparative'),
			sentimentDetail: sql`${sql.placeholder('sentimentDetail')}`,
			sentimentVersion: sql.placeholder('sentimentVersion')
		})
		.prepare()
);
const markAnswered = preparedStatement((db) =>
	db
		.update(clients)
		.set({ lastAnsweredAt: sql`${sql.placeholder('atMs')}` })
		.where(eq(clients.id, sql.placeholder('clientId')))
		.prepare()
);

const unscored = {
	sentimentLanguage: null,
	sentimentLabel: null,
	sentimentScore: null,
	sentimentComparative: null,
	sentimentDetail: null,
	sentimentVersion: null
};
const jsonOrNull = (value: unknown) =>
	value === null || value === undefined ? null : JSON.stringify(value);

/**
 * Stores complete responses with a snapshot of their clients, scores the tone of their open
 * answers, and adds them to the CSI cells. Call it inside a transaction: the responses and the
 * dashboard's sums change together or not at all. A batch (an import) reads each client and
 * writes each cell once.
 */
export function recordResponses(db: Queryable, inputs: NewResponse[]): number[] {
	const contexts = new Map<number, ResponseContext>();
	const cellEntries: CellEntry[] = [];
	const live: (JudgedResponse & { submittedAt: Date })[] = [];
	let scorer: Scorer | undefined;
	const ids = inputs.map((input) => {
		let context: ResponseContext = {};
		if (input.clientId !== null) {
			context =
				contexts.get(input.clientId) ?? clientContext(db, input.clientId, input.submittedAt);
			contexts.set(input.clientId, context);
		}
		const source = input.source ?? 'survey';
		const id = Number(insertResponse(db).run({ ...input, source, context }).lastInsertRowid);
		const stored = input.answers.map((row) => {
			if (!row.text) return { ...row, ...unscored };
			scorer ??= currentScorer(db);
			return { ...row, ...sentimentColumnsFor(row.text, input.language, scorer) };
		});
		for (const row of stored) {
			insertAnswer(db).run({
				...row,
				responseId: id,
				choices: jsonOrNull(row.choices),
				sentimentDetail: jsonOrNull(row.sentimentDetail)
			});
		}
		if (input.clientId !== null && source !== 'import')
			markAnswered(db).run({ atMs: input.submittedAt.getTime(), clientId: input.clientId });
		const scores = respondentScores(input.definition, input.answers, context.annualValue ?? null);
		cellEntries.push({
			surveyVersionId: input.surveyVersionId,
			day: utcDay(input.submittedAt),
			dimensions: dimensionsOf(context, input.language),
			scores
		});
		// Imported past responses are history, not news: receivers hear of answers as they arrive,
		// and no case is opened for them.
		if (source !== 'import') {
			emitWebhookEvent(
				db,
				'response.completed',
				() => responseCompletedData(db, id, input),
				input.submittedAt
			);
			live.push({
				id,
				clientId: input.clientId,
				definition: input.definition,
				answers: stored,
				submittedAt: input.submittedAt
			});
		}
		return id;
	});
	addToCells(db, cellEntries);
	openCasesForNewResponses(db, live);
	return ids;
}

export const recordResponse = (db: Queryable, input: NewResponse): number =>
	recordResponses(db, [input])[0]!;
