import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText, detectLanguage, type FactorKeywords } from './index';

const factors: FactorKeywords = [
	{ key: 'punctuality', keywords: ['late', 'on time', 'Verspätung', 'myöhäs'] },
	{ key: 'empty', keywords: [] }
];
const languages = fc.constantFrom(
	undefined,
	null,
	'',
	'en',
	'de',
	'nl',
	'fi',
	'ro',
	'pt-BR',
	'xx',
	'-'
);
const texts = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	// Any UTF-16 units, lone surrogates included.
	fc.string({
		unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
		maxLength: 100
	}),
	// Words the lexicons know, negators and punctuation, in any order.
	fc
		.array(
			fc.constantFrom(
				'not',
				'nicht',
				'ei',
				'nu',
				'never again',
				'good',
				'schlecht',
				'myöhässä',
				'but',
				',',
				'.',
				'!',
				'👍',
				':)',
				'late',
				'on',
				'time',
				"n't"
			),
			{ maxLength: 30 }
		)
		.map((parts) => parts.join(' '))
);

describe('analyzeText on arbitrary input', () => {
	it('never throws, and its numbers are finite and consistent', () => {
		fc.assert(
			fc.property(texts, languages, fc.boolean(), (text, language, withFactors) => {
				const result = analyzeText(text, { language, factors: withFactors ? factors : undefined });
				expect(Number.isFinite(result.score)).toBe(true);
				expect(Number.isFinite(result.comparative)).toBe(true);
				expect(result.scored).toBe(result.label !== null);
				if (!result.scored) expect(result.score).toBe(0);
				for (const aspect of result.aspects) expect(Number.isFinite(aspect.comparative)).toBe(true);
				expect(result.words.reduce((sum, w) => sum + w.score, 0)).toBeCloseTo(result.score, 6);
			}),
			{ numRuns: 500 }
		);
	});

	it('detectLanguage never throws', () => {
		fc.assert(
			fc.property(texts, (text) => void detectLanguage(text)),
			{ numRuns: 300 }
		);
	});
});
