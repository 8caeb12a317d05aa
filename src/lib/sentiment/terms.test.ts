import { describe, expect, it } from 'vitest';
import { topTerms } from './index';

describe('topTerms', () => {
	it('counts terms of positive and negative texts with the language’s stop words left out', () => {
		const terms = topTerms([
			{
				text: 'The staff were friendly and the room was clean.',
				language: 'en',
				label: 'positive'
			},
			{ text: 'Friendly staff!', language: 'en', label: 'positive' },
			{ text: 'The flight was late.', language: 'en', label: 'negative' }
		]);
		expect(terms.positive.slice(0, 2)).toEqual([
			{ term: 'friendly', count: 2 },
			{ term: 'staff', count: 2 }
		]);
		expect(terms.positive.map((t) => t.term)).not.toContain('the');
		expect(terms.negative.map((t) => t.term)).toEqual(['flight', 'late']);
	});

	it('groups inflections under their most frequent form (Verspätung, Verspätungen)', () => {
		const terms = topTerms([
			{ text: 'Verspätung und unfreundliches Personal.', language: 'de', label: 'negative' },
			{ text: 'Wieder eine Verspätung.', language: 'de', label: 'negative' },
			{ text: 'Ständig Verspätungen.', language: 'de', label: 'negative' }
		]);
		expect(terms.negative[0]).toEqual({ term: 'verspätung', count: 3 });
	});

	it('counts a term once per text, so one rant does not make a trend', () => {
		const terms = topTerms([{ text: 'late late late late', language: 'en', label: 'negative' }]);
		expect(terms.negative).toEqual([{ term: 'late', count: 1 }]);
	});

	it('ignores neutral and unscored texts and honours the limit', () => {
		const terms = topTerms(
			[
				{ text: 'alpha beta gamma delta', language: 'en', label: 'positive' },
				{ text: 'ignored words here', language: 'en', label: 'neutral' },
				{ text: 'ignored too', language: 'ja', label: null }
			],
			2
		);
		expect(terms.positive).toHaveLength(2);
		expect(terms.negative).toEqual([]);
	});
});
