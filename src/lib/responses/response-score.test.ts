import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../schemas/survey';
import { answerRows } from '../surveys/answers';
import { surveyTemplates } from '../surveys/templates';
import { responseScore } from './response-score';

const airline = surveyTemplates.find((template) => template.id === 'airline-csi')!;
const airlineWeights = airline.model!.factors.map(({ key, weight }) => ({ key, weight }));
const airlineRows = (answers: Record<string, string>) => answerRows(airline.definition, answers);

const noModel = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'Did we resolve it?' },
	pages: [
		{
			id: 'p1',
			questions: [
				{ id: 'speed', type: 'rating', factor: 'speed', text: { en: 'Speed?' } },
				{ id: 'care', type: 'rating', factor: 'speed', text: { en: 'Care?' } },
				{ id: 'overall', type: 'overall', text: { en: 'Overall?' } },
				{ id: 'matters', type: 'importance', factor: 'speed', text: { en: 'Matters?' } },
				{ id: 'recommend', type: 'nps', text: { en: 'Recommend?' } }
			]
		}
	]
});

describe('a response’s score', () => {
	// Airline weights: punctuality 3, customs 2, safety 3, snacks 1 (9 in all).
	it('is the respondent CSI with the model’s weights: (5, 4, 3, –) → (3·100 + 2·75 + 3·50) / 8 = 75', () => {
		const rows = airlineRows({ punctuality: '5', customs: '4', safety: '3', overall: '1' });
		expect(responseScore(airline.definition, rows, airlineWeights)).toBe(75);
	});

	it('has none when the answered factors carry less than half the weight, whatever the overall answer', () => {
		// Punctuality alone carries 3 of 9.
		const rows = airlineRows({ punctuality: '2', overall: '5' });
		expect(responseScore(airline.definition, rows, airlineWeights)).toBeNull();
	});

	it('follows the weights given, and counts a respondent at exactly half of them', () => {
		const rows = airlineRows({ punctuality: '2', snacks: '4' });
		// Weights 1, 1, 1, 1: punctuality and snacks carry 2 of 4 → (25 + 75) / 2 = 50.
		const equal = airlineWeights.map(({ key }) => ({ key, weight: 1 }));
		expect(responseScore(airline.definition, rows, equal)).toBe(50);
	});

	it('is the mean satisfaction rating, rescaled, for a survey without a model: (4, 2, 5) → mean 11/3 → 66.67', () => {
		const rows = answerRows(noModel, {
			speed: '4',
			care: '2',
			overall: '5',
			matters: '1',
			recommend: '0'
		});
		// Importance and NPS answers are not satisfaction: (4 + 2 + 5) / 3 = 3.6667 → (3.6667 − 1) × 25.
		expect(responseScore(noModel, rows, null)).toBeCloseTo(66.6667, 4);
	});

	it('has none without a satisfaction rating', () => {
		const rows = answerRows(noModel, { matters: '5', recommend: '10' });
		expect(responseScore(noModel, rows, null)).toBeNull();
	});
});

describe('a matrix of ratings', () => {
	const weights = [
		{ key: 'punctuality', weight: 3 },
		{ key: 'comfort', weight: 1 }
	];
	const rating = (id: string, factor: string) => ({
		id,
		type: 'rating',
		factor,
		text: { en: `${id}?` },
		allowNotApplicable: true
	});
	const survey = (questions: unknown[]) =>
		surveyDefinitionSchema.parse({
			defaultLanguage: 'en',
			languages: ['en'],
			title: { en: 'Trip' },
			pages: [
				{
					id: 'p1',
					questions: [...questions, { id: 'overall', type: 'overall', text: { en: 'Overall?' } }]
				}
			]
		});
	const separate = survey([rating('departure', 'punctuality'), rating('seat', 'comfort')]);
	const matrix = survey([
		{
			id: 'trip',
			type: 'matrix',
			text: { en: 'How satisfied are you with…' },
			allowNotApplicable: true,
			rows: [
				{ id: 'departure', factor: 'punctuality', text: { en: 'the departure?' } },
				{ id: 'seat', factor: 'comfort', text: { en: 'your seat?' } }
			]
		}
	]);

	// (4, 2) → punctuality 75, comfort 25 → (3·75 + 1·25) / 4 = 62.5
	it('scores its rows as the same ratings asked separately: (4, 2) with weights 3 and 1 → 62.5', () => {
		const answers = { departure: '4', seat: '2', overall: '3' };
		expect(responseScore(matrix, answerRows(matrix, answers), weights)).toBe(62.5);
		expect(responseScore(separate, answerRows(separate, answers), weights)).toBe(62.5);
		expect(answerRows(matrix, answers)).toEqual(answerRows(separate, answers));
	});

	// Without a model: the mean of the 1–5 answers (4, 2, 3) = 3 → 50.
	it('counts its rows in the plain mean without a model, and leaves a not-applicable row out', () => {
		expect(
			responseScore(matrix, answerRows(matrix, { departure: '4', seat: '2', overall: '3' }), null)
		).toBe(50);
		// (5, 3) → 4 → 75; the seat's "not applicable" counts for nothing.
		expect(
			responseScore(matrix, answerRows(matrix, { departure: '5', seat: 'na', overall: '3' }), null)
		).toBe(75);
	});
});
