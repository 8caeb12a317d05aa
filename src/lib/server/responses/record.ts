import { eq, sql } from 'drizzle-orm';
import type { ResponseContext } from '../../analytics/dimensions';
import type { SurveyDefinition } from '../../schemas/survey';
import type { AnswerRow } from '../../surveys/answers';
import { clientContext } from '../analytics/cells';
import type { Queryable } from '../db';
import { preparedInsert, preparedPgSql, preparedWrite } from '../db/prepared';
import { onPostgres } from '../db/transaction';
import { answers, clients, responses, responseSources } from '../db/schema';
import { domainEvents } from '../events/bus';
import type { RecordedResponse } from '../events/domain-events';

export type NewResponse = {
	surveyVersionId: number;
	definition: SurveyDefinition;
	clientId: number | null;
	language: string;
	submittedAt: Date;
	source?: (typeof responseSources)[number];
	answers: AnswerRow[];
};

// Every submission runs these on SQLite: prepared once per connection, not built per response.
const insertResponse = preparedInsert(
	'insert_response',
	(db) =>
		db.insert(responses).values({
			surveyVersionId: sql.placeholder('surveyVersionId'),
			clientId: sql.placeholder('clientId'),
			language: sql.placeholder('language'),
			submittedAt: sql.placeholder('submittedAt'),
			source: sql.placeholder('source'),
			context: sql.placeholder('context')
		}),
	responses.id
);
// Nullable JSON columns take text already serialised: drizzle would store a placeholder's null as the text 'null'.
const insertAnswer = preparedWrite('insert_answer', (db) =>
	db.insert(answers).values({
		responseId: sql.placeholder('responseId'),
		questionId: sql.placeholder('questionId'),
		score: sql.placeholder('score'),
		notApplicable: sql.placeholder('notApplicable'),
		text: sql.placeholder('text'),
		choices: sql`${sql.placeholder('choices')}`
	})
);
const markAnswered = preparedWrite('mark_client_answered', (db) =>
	db
		.update(clients)
		.set({ lastAnsweredAt: sql`${sql.placeholder('atMs')}` })
		.where(eq(clients.id, sql.placeholder('clientId')))
);

const jsonOrNull = (value: unknown) =>
	value === null || value === undefined ? null : JSON.stringify(value);

// PostgreSQL: the response, its answers and the client's mark in one round trip (SQLite runs the
// three statements above without any).
const insertWithAnswers = preparedPgSql<{ id: number }>(
	'insert_response_with_answers',
	`with response as (
		insert into responses (survey_version_id, client_id, language, submitted_at, source, context)
		values ($1, $2, $3, $4, $5, $6) returning id
	), answered as (
		insert into answers (response_id, question_id, score, not_applicable, text, choices)
		select response.id, answer.* from response,
			unnest(cast($7 as text[]), cast($8 as integer[]), cast($9 as boolean[]), cast($10 as text[]), cast($11 as json[])) as answer
	), marked as (
		update clients set last_answered_at = $4 where id = $2 and cast($12 as boolean)
	)
	select id from response`
);

/** Stores one response with its answers, and marks its client answered unless it is imported. */
async function insertResponseOf(
	db: Queryable,
	input: NewResponse,
	source: NonNullable<NewResponse['source']>,
	context: ResponseContext
): Promise<number> {
	const marks = input.clientId !== null && source !== 'import';
	if (onPostgres(db)) {
		const rows = input.answers;
		const [row] = await insertWithAnswers(db, [
			input.surveyVersionId,
			input.clientId,
			input.language,
			input.submittedAt.getTime(),
			source,
			JSON.stringify(context),
			rows.map(({ questionId }) => questionId),
			rows.map(({ score }) => score),
			rows.map(({ notApplicable }) => notApplicable),
			rows.map(({ text }) => text),
			rows.map(({ choices }) => jsonOrNull(choices)),
			marks
		]);
		return row!.id;
	}
	const id = await insertResponse(db, { ...input, source, context });
	for (const row of input.answers)
		await insertAnswer(db, { ...row, responseId: id, choices: jsonOrNull(row.choices) });
	if (marks)
		await markAnswered(db, { atMs: input.submittedAt.getTime(), clientId: input.clientId });
	return id;
}

/**
 * Stores complete responses with a snapshot of their clients, then dispatches `response.recorded`
 * for what follows from them (tone, CSI cells, follow-ups, webhooks). Call it with the `tx` of an
 * `inTransaction`: the responses and everything that follows change together or not at all (the
 * statements are prepared on the writer connection the `tx` queries). A batch
 * (an import) reads each client once and is one event.
 */
export async function recordResponses(db: Queryable, inputs: NewResponse[]): Promise<number[]> {
	const contexts = new Map<number, ResponseContext>();
	const recorded: RecordedResponse[] = [];
	for (const input of inputs) {
		let context: ResponseContext = {};
		if (input.clientId !== null) {
			context =
				contexts.get(input.clientId) ??
				(await clientContext(db, input.clientId, input.submittedAt));
			contexts.set(input.clientId, context);
		}
		const source = input.source ?? 'survey';
		const id = await insertResponseOf(db, input, source, context);
		recorded.push({ ...input, id, source, context });
	}
	await domainEvents.dispatch(db, 'response.recorded', { responses: recorded });
	return recorded.map((response) => response.id);
}

export const recordResponse = async (db: Queryable, input: NewResponse): Promise<number> =>
	(await recordResponses(db, [input]))[0]!;
