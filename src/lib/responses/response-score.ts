import { ratingToScore, respondentCsi, type FactorWeight } from '../analytics/csi';
import { answerableQuestions, type SurveyDefinition } from '../schemas/survey';
import type { AnswerRow } from '../surveys/answers';
import { respondentScores } from '../surveys/scores';

/**
 * One response's score on 0–100, as the inbox filters by it and the client card follows it. With
 * the weights of the survey's CSI model it is the respondent CSI (`CSI_r`, docs/csi.md: weights
 * renormalised over the factors answered, null when those carry less than half of the weight).
 * A survey without a model has no weights: the mean of its 1–5 satisfaction answers (rating and
 * overall questions, not-applicable left out) rescaled the same way, null when there is none.
 */
export function responseScore(
	definition: SurveyDefinition,
	rows: Pick<AnswerRow, 'questionId' | 'score'>[],
	weights: FactorWeight[] | null
): number | null {
	if (weights) return respondentCsi(weights, respondentScores(definition, rows).ratings);
	const satisfaction = new Set(
		answerableQuestions(definition)
			.filter((question) => question.type === 'rating' || question.type === 'overall')
			.map((question) => question.id)
	);
	const ratings = rows
		.filter((row) => satisfaction.has(row.questionId) && row.score !== null)
		.map((row) => row.score!);
	if (!ratings.length) return null;
	return ratingToScore(ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length);
}
