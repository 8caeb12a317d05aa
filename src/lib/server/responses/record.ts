import { eq, sql } from 'drizzle-orm';
import type { ResponseContext } from '../../analytics/dimensions';
import type { SurveyDefinition } from '../../schemas/survey';
import type { AnswerRow } from '../../surveys/answers';
import { clientContext } from '../analytics/cells';
import type { Queryable } from '../db';
import { preparedInsert, preparedWrite } from '../db/prepared';
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

// Every submission runs these: prepared once per connection, not built and prepared per response.
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
		const id = await insertResponse(db, { ...input, source, context });
		for (const row of input.answers)
			await insertAnswer(db, { ...row, responseId: id, choices: jsonOrNull(row.choices) });
		if (input.clientId !== null && source !== 'import')
			await markAnswered(db, { atMs: input.submittedAt.getTime(), clientId: input.clientId });
		recorded.push({ ...input, id, source, context });
	}
	await domainEvents.dispatch(db, 'response.recorded', { responses: recorded });
	return recorded.map((response) => response.id);
}

export const recordResponse = async (db: Queryable, input: NewResponse): Promise<number> =>
	(await recordResponses(db, [input]))[0]!;
