import { describe, expect, it } from 'vitest';
import { respondentLanguages } from '../respondent/language';
import { respondentTexts, surveyDefinitionSchema } from '../schemas/survey';
import { definitionProblems } from '../surveys/definition';
import { resolutionSurveyDefinition } from './resolution-survey';

describe('the “Did we resolve it?” survey', () => {
	it('is a valid survey of one overall 1–5 question, needing no CSI model', () => {
		const parsed = surveyDefinitionSchema.safeParse(resolutionSurveyDefinition);
		expect(parsed.error?.issues ?? []).toEqual([]);
		expect(parsed.data).toEqual(resolutionSurveyDefinition);
		expect(definitionProblems(resolutionSurveyDefinition, [])).toEqual([]);
		expect(
			resolutionSurveyDefinition.pages.flatMap((page) =>
				page.questions.map((question) => question.type)
			)
		).toEqual(['overall']);
	});

	it('speaks every language of the respondent’s page, in every text', () => {
		expect(resolutionSurveyDefinition.languages).toEqual([...respondentLanguages]);
		for (const text of respondentTexts(resolutionSurveyDefinition))
			expect(Object.keys(text.text).sort(), text.label).toEqual([...respondentLanguages].sort());
		for (const part of ['subject', 'body'] as const)
			expect(Object.keys(resolutionSurveyDefinition.email![part]!).sort()).toEqual(
				[...respondentLanguages].sort()
			);
	});
});
