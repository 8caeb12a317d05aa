import { describe, expect, it } from 'vitest';
import { scoreCorpus, shareOf, type GoldText, type Prediction } from './evaluate';

describe('strict accuracy on a labelled corpus', () => {
	const gold: GoldText[] = [
		{ label: 'negative', aspects: { punctuality: 'negative', snacks: 'positive' } },
		{ label: 'positive', aspects: {} },
		{ label: 'neutral', aspects: { customs: 'neutral' } },
		{ label: 'positive', aspects: { safety: 'positive' } }
	];
	const predicted: Prediction[] = [
		// Right overall; punctuality right, snacks wrong tone.
		{
			label: 'negative',
			aspects: [
				{ factor: 'punctuality', label: 'negative' },
				{ factor: 'snacks', label: 'negative' }
			]
		},
		// A polar text called neutral is wrong; a factor it does not talk about is spurious.
		{ label: 'neutral', aspects: [{ factor: 'snacks', label: 'positive' }] },
		// Neutral for a neutral text is right, and so is the neutral mention.
		{ label: 'neutral', aspects: [{ factor: 'customs', label: 'neutral' }] },
		// Not scored is wrong, and a factor not found is wrong.
		{ label: null, aspects: [] }
	];

	it('counts a text right only with its own label, and a factor only with its own tone', () => {
		expect(scoreCorpus(gold, predicted)).toEqual({
			overall: { right: 2, total: 4 },
			aspects: { right: 2, total: 4 },
			spurious: 1
		});
	});

	it('gives shares, 0 for nothing counted', () => {
		expect(shareOf({ right: 3, total: 4 })).toBe(0.75);
		expect(shareOf({ right: 0, total: 0 })).toBe(0);
	});

	it('refuses predictions that do not pair with the texts', () => {
		expect(() => scoreCorpus(gold, predicted.slice(1))).toThrow(
			'4 labelled texts but 3 predictions'
		);
	});
});
