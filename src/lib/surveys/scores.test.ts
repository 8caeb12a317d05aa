import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../schemas/survey';
import { respondentScorer, respondentScores } from './scores';
import { surveyTemplates } from './templates';

/** Every template, and the first one with its first rating question asked again under another id. */
const definitions: SurveyDefinition[] = [
	...surveyTemplates.map(({ definition }) => definition),
	(() => {
		const base = surveyTemplates[0]!.definition;
		const [page, ...pages] = base.pages;
		const rating = page!.questions.find(({ type }) => type === 'rating')!;
		return {
			...base,
			pages: [{ ...page!, questions: [...page!.questions, { ...rating, id: 'again' }] }, ...pages]
		};
	})()
];

describe('scoring many responses of one survey', () => {
	it('gives what respondentScores gives for the same answers', () => {
		for (const definition of definitions) {
			const scorer = respondentScorer(definition);
			fc.assert(
				fc.property(
					fc.array(fc.option(fc.integer({ min: 0, max: 10 })), {
						minLength: scorer.questions.length,
						maxLength: scorer.questions.length
					}),
					fc.option(fc.integer({ min: 0, max: 100_000 })),
					(scores, value) => {
						const rows = scorer.questions.map((questionId, i) => ({
							questionId,
							score: scores[i]!
						}));
						expect(scorer.score(scores, value)).toEqual(respondentScores(definition, rows, value));
					}
				),
				{ numRuns: 100 }
			);
		}
	});
});
