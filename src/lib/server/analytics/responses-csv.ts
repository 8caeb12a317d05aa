import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { dimensionsOf, type ResponseContext } from '../../analytics/dimensions';
import { answerableQuestions, surveyDefinitionSchema } from '../../schemas/survey';
import { NOT_APPLICABLE } from '../../surveys/scale';
import { csvLines } from '../csv-download';
import type { Queryable } from '../db';
import { answers, clients, responses, surveys, surveyVersions } from '../db/schema';
import type { Selection } from './selection';

const fixedColumns = [
	'responseId',
	'submittedAt',
	'survey',
	'surveyVersion',
	'language',
	'source',
	'email'
];

type AnswerCell = {
	score: number | null;
	notApplicable: boolean;
	text: string | null;
	choices: string[] | null;
};

type ResponseRow = {
	id: number;
	submittedAt: Date;
	language: string;
	source: string;
	context: ResponseContext;
	email: string | null;
};

type VersionColumns = { id: number; version: number; survey: string };

/** An answer as the response import reads it back: a score, `na`, a text, or option ids joined by `|`. */
function answerText(answer: AnswerCell | undefined): string {
	if (!answer) return '';
	if (answer.notApplicable) return NOT_APPLICABLE;
	if (answer.score !== null) return String(answer.score);
	if (answer.choices) return answer.choices.join('|');
	return answer.text ?? '';
}

/**
 * The selection's responses as CSV, one row per response and one column per question of the
 * surveys' versions (by question id), yielded a batch at a time: 100,000 responses never sit in
 * memory at once, and the server answers other requests between batches. Rows come by survey
 * version, then in the order they were submitted. Erased clients' rows keep their answers with
 * an empty email. Every cell is formula-neutralised: answers are typed by outsiders.
 */
export async function* responsesCsv(
	db: Queryable,
	selection: Selection,
	batchSize = 1000
): AsyncGenerator<string> {
	const versions = selection.versionIds.length
		? await db
				.select({
					id: surveyVersions.id,
					version: surveyVersions.version,
					definition: surveyVersions.definition,
					survey: surveys.name
				})
				.from(surveyVersions)
				.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
				.where(inArray(surveyVersions.id, selection.versionIds))
				.orderBy(asc(surveys.name), asc(surveyVersions.version))
		: [];
	const questionIds = [
		...new Set(
			versions.flatMap(({ definition }) =>
				answerableQuestions(surveyDefinitionSchema.parse(definition)).map(({ id }) => id)
			)
		)
	];
	yield csvLines([[...fixedColumns, ...questionIds]]);
	for (const version of versions) {
		for await (const batch of responseBatches(db, version.id, selection, batchSize)) {
			const lines = await batchLines(db, batch, selection, version, questionIds);
			if (lines) yield lines;
		}
	}
}

/**
 * Keyset pages along the (version, submitted at) index: each page is an index range, and none
 * sorts what is left, so 100,000 responses cost 100 short reads rather than 100 sorts.
 */
async function* responseBatches(
	db: Queryable,
	versionId: number,
	selection: Selection,
	batchSize: number
): AsyncGenerator<ResponseRow[]> {
	let after: { at: number; id: number } | null = null;
	for (;;) {
		const batch: ResponseRow[] = await db
			.select({
				id: responses.id,
				submittedAt: responses.submittedAt,
				language: responses.language,
				source: responses.source,
				context: responses.context,
				email: clients.email
			})
			.from(responses)
			.leftJoin(clients, eq(clients.id, responses.clientId))
			.where(
				and(
					eq(responses.surveyVersionId, versionId),
					selection.from
						? gte(responses.submittedAt, new Date(`${selection.from}T00:00:00Z`))
						: undefined,
					selection.to
						? lte(responses.submittedAt, new Date(`${selection.to}T23:59:59.999Z`))
						: undefined,
					after
						? sql`(${responses.submittedAt}, ${responses.id}) > (${after.at}, ${after.id})`
						: undefined
				)
			)
			.orderBy(asc(responses.submittedAt), asc(responses.id))
			.limit(batchSize);
		if (!batch.length) return;
		const last = batch.at(-1)!;
		after = { at: last.submittedAt.getTime(), id: last.id };
		yield batch;
	}
}

async function batchLines(
	db: Queryable,
	batch: ResponseRow[],
	selection: Selection,
	version: VersionColumns,
	questionIds: string[]
): Promise<string | null> {
	// Segments, tags and managers as they were when the client answered, like the dashboard's figures.
	const kept = batch.filter(({ context, language }) => {
		const dimensions = dimensionsOf(context, language);
		return selection.required.every((required) => dimensions.includes(required));
	});
	if (!kept.length) return null;
	const answersOf = new Map<number, Map<string, AnswerCell>>();
	for (const row of await db
		.select()
		.from(answers)
		.where(
			inArray(
				answers.responseId,
				kept.map(({ id }) => id)
			)
		)) {
		let byQuestion = answersOf.get(row.responseId);
		if (!byQuestion) answersOf.set(row.responseId, (byQuestion = new Map()));
		byQuestion.set(row.questionId, row);
	}
	return csvLines(
		kept.map((response) => {
			const given = answersOf.get(response.id);
			return [
				String(response.id),
				response.submittedAt.toISOString(),
				version.survey,
				String(version.version),
				response.language,
				response.source,
				response.email ?? '',
				...questionIds.map((questionId) => answerText(given?.get(questionId)))
			];
		})
	);
}
