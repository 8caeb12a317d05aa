import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../schemas/survey';
import { definitionProblems, findQuestion } from './definition';
import { SUPPORTED_LANGUAGES } from '../sentiment/types';
import { surveyTemplates, templateById } from './templates';

describe('survey templates', () => {
	it('offers the airline, ACSI, service desk and NPS templates under distinct ids', () => {
		const ids = surveyTemplates.map((template) => template.id);
		expect(ids).toEqual(['airline-csi', 'acsi', 'service-desk-csat', 'nps-reasons']);
		expect(new Set(ids).size).toBe(ids.length);
	});

	describe.each(surveyTemplates)('$name', (template) => {
		const factorKeys = template.model?.factors.map((factor) => factor.key) ?? [];

		it('is a valid survey definition, unchanged by parsing', () => {
			const parsed = surveyDefinitionSchema.safeParse(template.definition);
			expect(parsed.error?.issues ?? []).toEqual([]);
			expect(parsed.data).toEqual(template.definition);
		});

		it('fits its model without errors or warnings', () => {
			expect(definitionProblems(template.definition, factorKeys)).toEqual([]);
		});

		it('is in English only', () => {
			expect(template.definition.defaultLanguage).toBe('en');
			expect(template.definition.languages).toEqual(['en']);
		});

		it('weighs every factor positively, with distinct keys and keywords in each language for text analysis', () => {
			for (const factor of template.model?.factors ?? []) {
				expect(factor.weight, factor.key).toBeGreaterThan(0);
				for (const language of SUPPORTED_LANGUAGES)
					expect(factor.keywords[language].length, `${factor.key} ${language}`).toBeGreaterThan(0);
			}
			expect(new Set(factorKeys).size).toBe(factorKeys.length);
		});

		it('asks a rating question for every factor of its model', () => {
			const ratedFactors = template.definition.pages
				.flatMap((page) => page.questions)
				.flatMap((question) => (question.type === 'rating' ? [question.factor] : []));
			expect(ratedFactors.sort()).toEqual([...factorKeys].sort());
		});
	});

	it('let clients skip airline questions that may not apply to their flight', () => {
		const airline = templateById('airline-csi')!;
		const notApplicable = ['punctuality', 'customs', 'safety', 'snacks'].map((id) => {
			const question = findQuestion(airline.definition, id)?.question;
			return question?.type === 'rating' && question.allowNotApplicable;
		});
		expect(notApplicable).toEqual([false, true, false, true]);
		expect(airline.model?.factors.map((factor) => [factor.key, factor.weight])).toEqual([
			['punctuality', 3],
			['customs', 2],
			['safety', 3],
			['snacks', 1]
		]);
	});

	it('keep NPS + reasons free of a model', () => {
		const template = templateById('nps-reasons');
		expect(template?.model).toBeNull();
		expect(template?.definition.pages[0]?.questions.map((question) => question.type)).toEqual([
			'nps',
			'text',
			'single'
		]);
	});

	it('are found by id, and an unknown id finds nothing', () => {
		expect(templateById('acsi')?.name).toBe('ACSI-style');
		expect(templateById('nothing')).toBeNull();
	});
});
