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
		// Rounded to four decimals (#18).
		expect(staff).toMatchObject({ factor: 'staff', score: 2, comparative: 0.6667, sentences: 1 });
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

describe('aspect tone by clause: what owners saw go wrong (#18)', () => {
	const airline: FactorKeywords = [
		{ key: 'punctuality', keywords: ['delay', 'late', 'on time', 'departure'] },
		{ key: 'customs', keywords: ['customs', 'passport', 'queue', 'border'] },
		{ key: 'snacks', keywords: ['food', 'snack', 'meal', 'drink'] }
	];
	const tone = (text: string, factor: string) =>
		analyzeText(text, { language: 'en', factors: airline }).aspects.find((a) => a.factor === factor)
			?.label;

	it('"Nice snacks, but honestly I care more about leaving on time": the snacks are good, punctuality is not praised', () => {
		const text = 'Nice snacks, but honestly I care more about leaving on time';
		expect(tone(text, 'snacks')).toBe('positive');
		expect(tone(text, 'punctuality')).toBe('neutral');
	});

	it('"Departure was 40 minutes late, otherwise fine": punctuality is negative', () => {
		expect(tone('Departure was 40 minutes late, otherwise fine', 'punctuality')).toBe('negative');
	});

	it('names the words that gave each factor its tone, summing to its score', () => {
		const result = analyzeText('Nice snacks, but we left 40 minutes late.', {
			language: 'en',
			factors: airline
		});
		const byFactor = new Map(result.aspects.map((a) => [a.factor, a]));
		expect(byFactor.get('snacks')!.words.map((w) => w.word)).toEqual(['nice']);
		expect(byFactor.get('punctuality')!.words.map((w) => w.word)).toEqual(['late']);
		for (const aspect of result.aspects)
			expect(aspect.words.reduce((sum, w) => sum + w.score, 0)).toBeCloseTo(aspect.score, 2);
	});

	it('counts a factor mentioned without an evaluation as a neutral mention', () => {
		expect(tone('We went through customs at nine. The crew were lovely.', 'customs')).toBe(
			'neutral'
		);
	});
});

describe('topics: the words a manager tags texts by', () => {
	const topics: FactorKeywords = [
		{ key: '1', keywords: ['app', 'website'] },
		{ key: '2', keywords: ['price', 'Preis', 'hinta'] }
	];

	it('tags a text with the topics it mentions, each with the tone of its clause', () => {
		const result = analyzeText('The app kept crashing, but the price was fair.', {
			language: 'en',
			factors,
			topics
		});
		expect(result.topics.map(({ topic, label }) => [topic, label])).toEqual([
			['1', 'negative'],
			['2', 'positive']
		]);
		expect(result.aspects).toEqual([]);
	});

	it('matches a topic word inflected or inside a compound, as factor keywords match', () => {
		const tags = (text: string, language: string) =>
			analyzeText(text, { language, topics }).topics.map(({ topic }) => topic);
		expect(tags('Die Ticketpreise sind viel zu hoch.', 'de')).toEqual(['2']);
		expect(tags('Hintaan nähden hyvä lento.', 'fi')).toEqual(['2']);
	});

	it('tags nothing when no topic is given or the text is not scored', () => {
		expect(analyzeText('The app is great', { language: 'en' }).topics).toEqual([]);
		expect(analyzeText('La aplicación es buena', { language: 'es', topics }).topics).toEqual([]);
	});
});
