import { eq, sql } from 'drizzle-orm';
import { answerableQuestions } from '../../schemas/survey';
import { answersOfRows } from '../../surveys/answers';
import { askedQuestions } from '../../surveys/logic';
import { localize } from '../../surveys/localize';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import {
	answers,
	clients,
	csiModels,
	followupCases,
	modelVersions,
	responses,
	surveys,
	surveyVersions
} from '../db/schema';
import { storedDefinition } from '../surveys/stored-definition';
import { responseAnnotation } from './annotations';

/**
 * One response as staff read it: every question in survey order with its answer and, for texts,
 * its tone; its score and what made it, its follow-up case, staff's tags and note.
 */
export async function responseView(db: Queryable, id: number) {
	const row = await first(
		db
			.select({
				response: responses,
				survey: { id: surveys.id, name: surveys.name },
				version: surveyVersions.version,
				json: sql<string>`${surveyVersions.definition}`,
				client: { id: clients.id, name: clients.name },
				model: { name: csiModels.name, version: modelVersions.version },
				case: { id: followupCases.id, status: followupCases.status }
			})
			.from(responses)
			.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
			.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
			.leftJoin(clients, eq(clients.id, responses.clientId))
			.leftJoin(modelVersions, eq(modelVersions.id, responses.scoreBasis))
			.leftJoin(csiModels, eq(csiModels.id, modelVersions.modelId))
			.leftJoin(followupCases, eq(followupCases.responseId, responses.id))
			.where(eq(responses.id, id))
	);
	if (!row) return null;
	const definition = storedDefinition(row.response.surveyVersionId, row.json);
	const stored = new Map(
		(await db.select().from(answers).where(eq(answers.responseId, id))).map((answer) => [
			answer.questionId,
			answer
		])
	);
	// Replaying the display logic on the answers tells a question the respondent skipped from one never shown.
	const asked = askedQuestions(definition, answersOfRows(definition, [...stored.values()]));
	const annotation = (await responseAnnotation(db, id))!;
	const text = (value: Parameters<typeof localize>[0]) =>
		localize(value, definition.defaultLanguage, definition.defaultLanguage);
	const questions = answerableQuestions(definition);
	return {
		id,
		submittedAt: row.response.submittedAt,
		source: row.response.source,
		language: row.response.language,
		survey: row.survey,
		version: row.version,
		client: row.client?.id ? row.client : null,
		score: row.response.score,
		/** The model and weight version a CSI was computed with; null without a model, or before scoring. */
		scoredWith: row.model?.name ? row.model : null,
		scored: row.response.scoreBasis !== null,
		case: row.case?.id ? row.case : null,
		...annotation,
		answers: questions.map((question) => {
			const answer = stored.get(question.id);
			const options =
				'options' in question
					? new Map(question.options.map((option) => [option.id, text(option.label)]))
					: null;
			return {
				id: question.id,
				question: text(question.text) || question.id,
				type: question.type,
				score: answer?.score ?? null,
				scale: question.type === 'nps' ? '0–10' : '1–5',
				notApplicable: answer?.notApplicable ?? false,
				text: answer?.text ?? null,
				choices: answer?.choices?.map((choice) => options?.get(choice) ?? choice) ?? null,
				// A date is stored as text too, but only open answers have a tone.
				sentiment:
					answer?.text && question.type === 'text'
						? (answer.sentimentLabel ?? (answer.sentimentVersion ? 'not scored' : null))
						: null,
				answered: answer !== undefined,
				asked: asked.has(question.id)
			};
		})
	};
}
