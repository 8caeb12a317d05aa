import { OVERALL, type RespondentScores } from '../analytics/csi-cell';
import { answerableQuestions, type SurveyDefinition } from '../schemas/survey';
import type { AnswerRow } from './answers';

/**
 * What one response contributes to the CSI: its 1–5 ratings by factor key (OVERALL for the
 * overall question) and its NPS answer. When a survey asks about a factor twice, the first
 * question counts, so every respondent contributes one rating per factor.
 */
export function respondentScores(
	definition: SurveyDefinition,
	rows: Pick<AnswerRow, 'questionId' | 'score'>[],
	annualValue: number | null = null
): RespondentScores {
	const scoreOf = new Map(
		rows.filter((row) => row.score !== null).map((row) => [row.questionId, row.score!])
	);
	const scores: RespondentScores = { ratings: {}, nps: null, value: annualValue };
	for (const question of answerableQuestions(definition)) {
		const score = scoreOf.get(question.id);
		if (score === undefined) continue;
		const item =
			question.type === 'rating' ? question.factor : question.type === 'overall' ? OVERALL : null;
		if (item && !(item in scores.ratings)) scores.ratings[item] = score;
		if (question.type === 'nps' && scores.nps === null) scores.nps = score;
	}
	return scores;
}

/**
 * Every item a response to this definition can rate (`respondentScores`' keys), sorted as cells
 * sort them: the positions packed score rows use.
 */
export function ratedItems(definition: SurveyDefinition): string[] {
	const items = new Set<string>();
	for (const question of answerableQuestions(definition)) {
		if (question.type === 'rating' && question.factor) items.add(question.factor);
		if (question.type === 'overall') items.add(OVERALL);
	}
	return [...items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `respondentScores` for many responses of one definition: `questions` are the ids whose scores
 * count, in the definition's order; `score` takes one response's scores of those questions (null
 * for none) and returns what `respondentScores` returns for its answers.
 */
export function respondentScorer(definition: SurveyDefinition): {
	questions: string[];
	score: (scores: (number | null)[], annualValue: number | null) => RespondentScores;
} {
	const counted = answerableQuestions(definition).flatMap(
		(question): { id: string; item: string | null }[] => {
			if (question.type === 'nps') return [{ id: question.id, item: null }];
			const item =
				question.type === 'rating' ? question.factor : question.type === 'overall' ? OVERALL : '';
			return item ? [{ id: question.id, item }] : [];
		}
	);
	return {
		questions: counted.map(({ id }) => id),
		score(scores, annualValue) {
			const result: RespondentScores = { ratings: {}, nps: null, value: annualValue };
			counted.forEach(({ item }, i) => {
				const score = scores[i];
				if (score === null || score === undefined) return;
				if (item === null) result.nps ??= score;
				else if (!(item in result.ratings)) result.ratings[item] = score;
			});
			return result;
		}
	};
}
