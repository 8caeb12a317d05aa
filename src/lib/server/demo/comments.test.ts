import { describe, expect, it } from 'vitest';
import { analyzeText, type FactorKeywords } from '../../sentiment';
import { templateById } from '../../surveys/templates';
import { demoComments, type CommentKind } from './comments';

// The airline template's factors with their keywords per language, as the demo's model has them.
const factors: FactorKeywords = templateById('airline-csi')!.model!.factors.map(
	({ key, keywords }) => ({ key, keywords: [], byLanguage: keywords })
);
const tonesOf = (text: string, language: string) =>
	Object.fromEntries(
		analyzeText(text, { language, factors }).aspects.map(({ factor, label }) => [factor, label])
	);

/** The tone each kind of demo comment gives the factors it names, as its ratings say. */
const expected: Partial<Record<CommentKind, Record<string, string>>> = {
	winterDelay: { punctuality: 'negative' },
	delay: { punctuality: 'negative' },
	customs: { customs: 'negative' },
	onTime: { punctuality: 'positive' },
	snacks: { snacks: 'positive', punctuality: 'neutral' }
};

describe('the demo’s comments, in every language (#18)', () => {
	for (const [language, kinds] of Object.entries(demoComments))
		it(`give the factors they name the tone their ratings have (${language})`, () => {
			for (const [kind, tones] of Object.entries(expected)) {
				const texts = kinds[kind as CommentKind];
				for (const text of texts) {
					const found = tonesOf(text, language);
					for (const [factor, label] of Object.entries(tones))
						// A complaint about waiting at the gate may name no delay word.
						if (kind !== 'winterDelay' || factor in found)
							expect(found[factor], `${factor} in “${text}”`).toBe(label);
				}
			}
		});
});
