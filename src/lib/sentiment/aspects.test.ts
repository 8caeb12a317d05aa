import { describe, expect, it } from 'vitest';
import { analyzeText, type FactorKeywords } from './index';

const factors: FactorKeywords = [
	{
		key: 'punctuality',
		keywords: ['delay', 'late', 'on time', 'Verspätung', 'myöhäs', 'întârziere', 'vertraging']
	},
	{ key: 'staff', keywords: ['staff', 'crew', 'Personal', 'henkilökunta', 'personeel'] },
	{ key: 'food', keywords: ['food', 'meal'] }
];
const aspects = (text: string, language?: string) =>
	analyzeText(text, { language, factors }).aspects;
const aspect = (text: string, factor: string, language?: string) =>
	aspects(text, language).find((a) => a.factor === factor);

describe('aspect sentiment by factor', () => {
	it('gives each factor the sentences that mention it', () => {
		const result = aspects(
			'The flight was delayed by two hours. The crew were lovely though!',
			'en'
		);
		expect(result.map((a) => [a.factor, a.label, a.sentences])).toEqual([
			['punctuality', 'negative', 1],
			['staff', 'positive', 1]
		]);
	});

	it('leaves out factors no sentence mentions', () => {
		expect(aspect('The crew were lovely.', 'food', 'en')).toBeUndefined();
	});

	it('matches inflections and word starts: delayed, Verspätungen, myöhästyi, întârziat', () => {
		expect(aspect('Delayed again.', 'punctuality', 'en')?.label).toBe('negative');
		expect(aspect('Ständig Verspätungen, eine Katastrophe.', 'punctuality', 'de')?.label).toBe(
			'negative'
		);
		expect(aspect('Juna myöhästyi tunnin.', 'punctuality', 'fi')?.label).toBe('negative');
		expect(aspect('Trenul a întârziat două ore.', 'punctuality', 'ro')?.label).toBe('negative');
	});

	it('matches a keyword inside a compound (Flugverspätung) and case-insensitively', () => {
		expect(aspect('Die FLUGVERSPÄTUNG war ärgerlich.', 'punctuality', 'de')?.sentences).toBe(1);
	});

	it('matches multi-word keywords word by word ("on time")', () => {
		expect(aspect('We landed right on time, great job.', 'punctuality', 'en')?.label).toBe(
			'positive'
		);
	});

	it('counts a sentence toward every factor it mentions, and sums several sentences', () => {
		const result = aspects(
			'The staff were rude about the delay. The crew apologised. Lovely staff on the way back.',
			'en'
		);
		expect(result.find((a) => a.factor === 'punctuality')?.sentences).toBe(1);
		expect(result.find((a) => a.factor === 'staff')?.sentences).toBe(3);
	});

	it('computes the factor comparative over the tokens of its sentences, labelled with the given thresholds', () => {
		const text = 'Staff were friendly. Nothing else to say about the trip at all really.';
		const staff = analyzeText(text, { language: 'en', factors })!.aspects[0]!;
		expect(staff).toMatchObject({ factor: 'staff', score: 2, comparative: 2 / 3, sentences: 1 });
		const strict = analyzeText(text, {
			language: 'en',
			factors,
			thresholds: { positive: 0.9, negative: -0.9 }
		});
		expect(strict.aspects[0]!.label).toBe('neutral');
	});

	it('has no aspects when the text is not scored', () => {
		expect(analyzeText('O atraso foi enorme.', { language: 'pt', factors }).aspects).toEqual([]);
	});
});
