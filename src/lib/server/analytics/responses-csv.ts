import { and, asc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import Papa from 'papaparse';
import { dimensionsOf } from '../../analytics/dimensions';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { NOT_APPLICABLE } from '../../surveys/answers';
import { neutraliseFormula } from '../clients/csv-import';
import type { Queryable } from '../db';
import { answers, clients, responses, surveys, surveyVersions } from '../db/schema';
import type { Selection } from './selection';

const fixedColumns = ['responseId', 'submittedAt', 'survey', 'surveyVersion', 'language', 'source', 'email'];

type AnswerCell = { score: number | null; notApplicable: boolean; text: string | null; choices: string[] | null };

/** An answer as the response import reads it back: a score, `na`, a text, or option ids joined by `|`. */
function answerText(answer: AnswerCell | undefined): string {
	if (!answer) return '';
	if (answer.notApplicable) return NOT_APPLICABLE;
	if (answer.score !== null) return String(answer.score);
	if (answer.choices) return answer.choices.join('|');
	return answer.text ?? '';
}

const csvLines = (rows: string[][]) => `${Papa.unparse(rows.map((row) => row.map(neutraliseFormula)), { newline: '\r\n' })}\r\n`;

/**
 * The selection's responses as CSV, one row per response and one column per question of the
 * surveys' versions (by question id), yielded a batch at a time: 100,000 responses never sit in
 * memory at once, and the server answers other requests between batches. Erased clients' rows
 * keep their answers with an empty email. Every cell is formula-neutralised: answers are typed
 * by outsiders.
 */
export function* responsesCsv(db: Queryable, selection: Selection, batchSize = 1000): Generator<string> {
	const versions = selection.versionIds.length
		? db
				.select({ id: surveyVersions.id, version: surveyVersions.version, definition: surveyVersions.definition, survey: surveys.name })
				.from(surveyVersions)
				.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
				.where(inArray(surveyVersions.id, selection.versionIds))
				.orderBy(asc(surveys.name), asc(surveyVersions.version))
				.all()
		: [];
	const versionById = new Map(versions.map((version) => [version.id, version]));
	const questionIds = [
		...new Set(versions.flatMap(({ definition }) => surveyDefinitionSchema.parse(definition).pages.flatMap((page) => page.questions.map(({ id }) => id))))
	];
	yield csvLines([[...fixedColumns, ...questionIds]]);
	if (!versions.length) return;

	let afterId = 0;
	for (;;) {
		const batch = db
			.select({
				id: responses.id,
				surveyVersionId: responses.surveyVersionId,
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
					inArray(responses.surveyVersionId, selection.versionIds),
					gt(responses.id, afterId),
					selection.from ? gte(responses.submittedAt, new Date(`${selection.from}T00:00:00Z`)) : undefined,
					selection.to ? lte(responses.submittedAt, new Date(`${selection.to}T23:59:59.999Z`)) : undefined
				)
			)
			.orderBy(asc(responses.id))
			.limit(batchSize)
			.all();
		if (!batch.length) return;
		afterId = batch.at(-1)!.id;
		// Segments, tags and managers as they were when the client answered, like the dashboard's figures.
		const kept = batch.filter(({ context, language }) => {
			const dimensions = dimensionsOf(context, language);
			return selection.required.every((required) => dimensions.includes(required));
		});
		if (!kept.length) continue;
		const answersOf = new Map<number, Map<string, AnswerCell>>();
		for (const row of db.select().from(answers).where(inArray(answers.responseId, kept.map(({ id }) => id))).all()) {
			let byQuestion = answersOf.get(row.responseId);
			if (!byQuestion) answersOf.set(row.responseId, (byQuestion = new Map()));
			byQuestion.set(row.questionId, row);
		}
		yield csvLines(
			kept.map((response) => {
				const version = versionById.get(response.surveyVersionId)!;
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
}
