import { describe, expect, it } from 'vitest';
import { derivedWeights, weightShares } from './weights';

describe('stated weights', () => {
	it('count by their share of the total, as in the airline example (3, 2, 1)', () => {
		const shares = weightShares([
			{ key: 'punctuality', weight: 3 },
			{ key: 'safety', weight: 2 },
			{ key: 'snacks', weight: 1 }
		]).map(({ key, share }) => [key, Number(share.toFixed(4))]);
		expect(shares).toEqual([
			['punctuality', 0.5],
			['safety', 0.3333],
			['snacks', 0.1667]
		]);
	});

	it('give the same shares whatever scale they are written in', () => {
		const small = weightShares([
			{ key: 'a', weight: 0.3 },
			{ key: 'b', weight: 0.1 }
		]);
		const large = weightShares([
			{ key: 'a', weight: 30 },
			{ key: 'b', weight: 10 }
		]);
		small.forEach((entry, index) => expect(entry.share).toBeCloseTo(large[index]!.share, 12));
		expect(small[0]!.share).toBeCloseTo(0.75, 12);
	});

	it('refuse a set without a positive total', () => {
		expect(() => weightShares([])).toThrow(RangeError);
		expect(() => weightShares([{ key: 'a', weight: 0 }])).toThrow(RangeError);
	});
});

describe('derived weights', () => {
	it('divide each mean importance by their sum', () => {
		// means 4.5, 3.0, 1.5 → sum 9 → 0.5, 0.3333, 0.1667
		const weights = derivedWeights({ safety: 4.5, punctuality: 3, snacks: 1.5 });
		expect(weights.map(({ key, weight }) => [key, Number(weight.toFixed(4))])).toEqual([
			['safety', 0.5],
			['punctuality', 0.3333],
			['snacks', 0.1667]
		]);
	});

	it('leave out factors nobody rated', () => {
		expect(derivedWeights({ safety: 4, snacks: null }).map((w) => w.key)).toEqual(['safety']);
	});
});
