import { and, avg, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { derivedWeights } from '../../analytics/weights';
import { answerableQuestions, surveyDefinitionSchema } from '../../schemas/survey';
import type { Db, Queryable } from '../db';
import { inTransaction } from '../db/transaction';
import { answers, responses, surveys, surveyVersions } from '../db/schema';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';
import { createModelVersion, getModel } from './service';

export type ImportanceSummary = { key: string; mean: number | null; answers: number };

/** Mean importance clients gave each of the model's current factors, over every survey using it. */
export async function importanceByFactor(
	db: Queryable,
	modelId: number
): Promise<ImportanceSummary[]> {
	const model = await getModel(db, modelId);
	if (!model) return [];
	const totals = new Map(
		model.current.factors.map((factor) => [factor.key, { sum: 0, answers: 0 }])
	);
	const versions = await db
		.select({ id: surveyVersions.id, definition: surveyVersions.definition })
		.from(surveyVersions)
		.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
		.where(eq(surveys.modelId, modelId));
	for (const version of versions) {
		const definition = surveyDefinitionSchema.parse(version.definition);
		const factorOfQuestion = new Map(
			answerableQuestions(definition).flatMap((question) =>
				question.type === 'importance' && question.factor ? [[question.id, question.factor]] : []
			)
		);
		if (!factorOfQuestion.size) continue;
		const rows = await db
			.select({
				questionId: answers.questionId,
				mean: avg(answers.score),
				answers: count(answers.score)
			})
			.from(answers)
			.innerJoin(responses, eq(responses.id, answers.responseId))
			.where(
				and(
					eq(responses.surveyVersionId, version.id),
					inArray(answers.questionId, [...factorOfQuestion.keys()]),
					isNotNull(answers.score)
				)
			)
			.groupBy(answers.questionId);
		for (const row of rows) {
			const total = totals.get(factorOfQuestion.get(row.questionId)!);
			if (!total || !row.answers) continue;
			total.sum += Number(row.mean) * row.answers;
			total.answers += row.answers;
		}
	}
	return [...totals].map(([key, { sum, answers: n }]) => ({
		key,
		mean: n ? sum / n : null,
		answers: n
	}));
}

/** A new model version whose weights are the clients' mean importance of each factor. */
export async function deriveWeightsFromClients(
	db: Db,
	modelId: number,
	authorId: string | null
): Promise<Result<{ version: number }>> {
	// The answers read decide the weights written: both in one transaction.
	return inTransaction(db, async (tx): Promise<Result<{ version: number }>> => {
		const summary = await importanceByFactor(tx, modelId);
		if (!summary.length) return refuse(404, m.factors_model_not_found());
		const unrated = summary.filter((factor) => factor.answers === 0).map((factor) => factor.key);
		if (unrated.length) {
			return refuse(409, m.models_importance_unrated_refused({ factors: unrated.join(', ') }));
		}
		const weights = derivedWeights(
			Object.fromEntries(summary.map((factor) => [factor.key, factor.mean]))
		);
		const n = Math.min(...summary.map((factor) => factor.answers));
		return createModelVersion(
			tx,
			modelId,
			{
				codedNote: { code: 'derived', params: { count: n } },
				weightSource: 'derived',
				factors: weights.map(({ key, weight }) => ({ key, weight, keywords: [] }))
			},
			authorId
		);
	});
}
