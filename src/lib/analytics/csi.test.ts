import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addRespondent,
	cellWithout,
	emptyCell,
	mergedCells,
	OVERALL,
	type RespondentScores
} from './csi-cell';
import {
	asScoreMoments,
	csiSums,
	pairedMoments,
	ratingMoments,
	respondentCsi,
	topTwoBox,
	type FactorWeight
} from './csi';

const airline: FactorWeight[] = [
	{ key: 'punctuality', weight: 3 },
	{ key: 'safety', weight: 2 },
	{ key: 'snacks', weight: 1 }
];

const cellOf = (respondents: RespondentScores[]) => respondents.reduce(addRespondent, emptyCell());

describe('the respondent CSI (DOMAIN.md worked example)', () => {
	it('renormalises weights over the answered factors: (5, 4, N/A) → 90', () => {
		expect(respondentCsi(airline, { punctuality: 5, safety: 4 })).toBe(90);
	});

	it('counts a respondent whose answers carry exactly half the weight: (2, N/A, N/A) → 25', () => {
		expect(respondentCsi(airline, { punctuality: 2 })).toBe(25);
	});

	it('leaves out a respondent below half the weight: (N/A, N/A, 1)', () => {
		expect(respondentCsi(airline, { snacks: 1 })).toBeNull();
	});

	it('gives 57.5 for the three respondents together, from the cell sums', () => {
		const sums = csiSums(
			cellOf([
				{ ratings: { punctuality: 5, safety: 4 } },
				{ ratings: { punctuality: 2 } },
				{ ratings: { snacks: 1 } }
			]),
			airline
		);
		expect(sums.counted.n).toBe(2);
		expect(sums.excluded).toBe(1);
		expect(sums.counted.sum / sums.counted.n).toBeCloseTo(57.5, 12);
		expect(sums.counted.sumSq).toBeCloseTo(90 ** 2 + 25 ** 2, 9);
	});
});

describe('a CSI with weights that do not sum to 1 (own vector)', () => {
	// Weights 0.5, 0.3, 0.7 (total 1.5, half = 0.75). Hand computed:
	// (4, 3, 5) → (0.5·75 + 0.3·50 + 0.7·100) / 1.5 = 122.5 / 1.5 = 81.6667
	// (1, N/A, 2) → (0 + 0.7·25) / 1.2 = 14.5833;  (N/A, 5, N/A) → 0.3 < 0.75, not counted
	// (3, 3, N/A) → (0.5·50 + 0.3·50) / 0.8 = 50
	const weights: FactorWeight[] = [
		{ key: 'a', weight: 0.5 },
		{ key: 'b', weight: 0.3 },
		{ key: 'c', weight: 0.7 }
	];
	const respondents: RespondentScores[] = [
		{ ratings: { a: 4, b: 3, c: 5 } },
		{ ratings: { a: 1, c: 2 } },
		{ ratings: { b: 5 } },
		{ ratings: { a: 3, b: 3 } }
	];

	it('matches the hand-computed respondent CSIs', () => {
		const values = respondents.map(({ ratings }) => respondentCsi(weights, ratings));
		expect(values[0]).toBeCloseTo(81.6667, 4);
		expect(values[1]).toBeCloseTo(14.5833, 4);
		expect(values[2]).toBeNull();
		expect(values[3]).toBeCloseTo(50, 12);
	});

	it('gives the mean of the counted respondents: (81.6667 + 14.5833 + 50) / 3 = 48.75', () => {
		const { counted } = csiSums(cellOf(respondents), weights);
		expect(counted.n).toBe(3);
		expect(counted.sum / counted.n).toBeCloseTo(48.75, 10);
	});
});

describe('factor statistics from a cell', () => {
	const cell = cellOf([
		{ ratings: { punctuality: 5, [OVERALL]: 5 } },
		{ ratings: { punctuality: 4, [OVERALL]: 3 } },
		{ ratings: { punctuality: 2, safety: 3 } },
		{ ratings: { safety: 1, [OVERALL]: 2 } }
	]);

	it('counts ratings, sums and squares per factor over everyone who rated it', () => {
		expect(ratingMoments(cell, 'punctuality')).toEqual({ n: 3, sum: 11, sumSq: 45 });
		expect(asScoreMoments(ratingMoments(cell, 'punctuality'))).toEqual({
			n: 3,
			sum: 200,
			sumSq: 100 ** 2 + 75 ** 2 + 25 ** 2
		});
	});

	it('gives the top-2-box as the count of 4s and 5s', () => {
		expect(topTwoBox(cell, 'punctuality')).toEqual({ count: 2, n: 3 });
		expect(topTwoBox(cell, 'snacks')).toEqual({ count: 0, n: 0 });
	});

	it('pairs two items only over respondents who rated both', () => {
		expect(pairedMoments(cell, 'punctuality', OVERALL)).toEqual({
			n: 2,
			sumX: 9,
			sumY: 8,
			sumXX: 41,
			sumYY: 34,
			sumXY: 37
		});
	});

	it('subtracts a part from the whole: everyone but one respondent', () => {
		const one = cellOf([{ ratings: { punctuality: 2, safety: 3 } }]);
		const rest = cellWithout(cell, one);
		expect(ratingMoments(rest, 'punctuality')).toEqual({ n: 2, sum: 9, sumSq: 41 });
		expect(Object.keys(rest.patterns)).not.toContain('punctuality,safety');
	});

	it('counts NPS answers 0–10 and refuses ratings outside 1–5', () => {
		expect(
			cellOf([
				{ ratings: {}, nps: 10 },
				{ ratings: {}, nps: 0 }
			]).nps
		).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
		expect(() => cellOf([{ ratings: { punctuality: 6 } }])).toThrow(RangeError);
	});
});

describe('value-weighted CSI sums', () => {
	it('weights each counted respondent by their value', () => {
		const sums = csiSums(
			cellOf([
				{ ratings: { punctuality: 5, safety: 5, snacks: 5 }, value: 3 },
				{ ratings: { punctuality: 1, safety: 1, snacks: 1 }, value: 1 },
				{ ratings: { punctuality: 3, safety: 3, snacks: 3 } }
			]),
			airline
		);
		expect(sums.valued).toMatchObject({ n: 2, sumV: 4, sumVSq: 10, sumVCsi: 300 });
		expect(sums.valued.sumVCsiSq).toBeCloseTo(3 * 100 ** 2 + 1 * 0 ** 2, 9);
		expect(sums.valued.sumVCsi / sums.valued.sumV).toBe(75);
	});
});

const rating = fc.integer({ min: 1, max: 5 });
const respondentArb = fc.record({
	punctuality: fc.option(rating, { nil: undefined }),
	safety: fc.option(rating, { nil: undefined }),
	snacks: fc.option(rating, { nil: undefined }),
	[OVERALL]: fc.option(rating, { nil: undefined })
});
const weightsArb = fc.tuple(
	fc.double({ min: 0.01, max: 100, noNaN: true }),
	fc.double({ min: 0.01, max: 100, noNaN: true }),
	fc.double({ min: 0.01, max: 100, noNaN: true })
);
const definedRatings = (ratings: Record<string, number | undefined>) =>
	Object.fromEntries(
		Object.entries(ratings).filter((entry): entry is [string, number] => entry[1] !== undefined)
	);
const withWeights = ([p, s, n]: [number, number, number]): FactorWeight[] => [
	{ key: 'punctuality', weight: p },
	{ key: 'safety', weight: s },
	{ key: 'snacks', weight: n }
];
const cellMean = (respondents: Record<string, number | undefined>[], weights: FactorWeight[]) => {
	const { counted } = csiSums(
		cellOf(respondents.map((ratings) => ({ ratings: definedRatings(ratings) }))),
		weights
	);
	return counted.n ? counted.sum / counted.n : null;
};

describe('CSI properties', () => {
	it('stays within 0–100 and equals the mean of the respondent CSIs', () => {
		fc.assert(
			fc.property(fc.array(respondentArb, { maxLength: 40 }), weightsArb, (respondents, raw) => {
				const weights = withWeights(raw);
				const direct = respondents
					.map((ratings) => respondentCsi(weights, ratings))
					.filter((value): value is number => value !== null);
				const mean = cellMean(respondents, weights);
				if (!direct.length) return mean === null;
				const expected = direct.reduce((sum, value) => sum + value, 0) / direct.length;
				return (
					mean !== null && mean >= -1e-9 && mean <= 100 + 1e-9 && Math.abs(mean - expected) < 1e-7
				);
			})
		);
	});

	it('does not change when every weight is multiplied by the same number', () => {
		fc.assert(
			fc.property(
				fc.array(respondentArb, { minLength: 1, maxLength: 30 }),
				weightsArb,
				fc.double({ min: 0.001, max: 1000, noNaN: true }),
				(respondents, raw, factor) => {
					const plain = cellMean(respondents, withWeights(raw));
					const scaled = cellMean(
						respondents,
						withWeights(raw.map((weight) => weight * factor) as [number, number, number])
					);
					return plain === null
						? scaled === null
						: scaled !== null && Math.abs(plain - scaled) < 1e-7;
				}
			)
		);
	});

	it('does not change when a respondent adds not-applicable answers or answers outside the model', () => {
		fc.assert(
			fc.property(
				fc.array(respondentArb, { minLength: 1, maxLength: 30 }),
				weightsArb,
				(respondents, raw) => {
					const weights = withWeights(raw).filter(({ key }) => key !== 'snacks');
					const withExtra = respondents.map((ratings) => ({
						...ratings,
						snacks: ratings.snacks ?? 3
					}));
					const a = cellMean(respondents, weights);
					const b = cellMean(withExtra, weights);
					return a === null ? b === null : b !== null && Math.abs(a - b) < 1e-7;
				}
			)
		);
	});

	it('merging cells equals adding everyone to one cell', () => {
		fc.assert(
			fc.property(
				fc.array(respondentArb, { maxLength: 30 }),
				fc.array(respondentArb, { maxLength: 30 }),
				(first, second) => {
					const toScores = (list: typeof first) =>
						list.map((ratings) => ({ ratings: definedRatings(ratings) }));
					const merged = mergedCells([cellOf(toScores(first)), cellOf(toScores(second))]);
					expect(merged).toEqual(cellOf(toScores([...first, ...second])));
				}
			)
		);
	});
});
