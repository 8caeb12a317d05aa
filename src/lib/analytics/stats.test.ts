import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	benjaminiHochbergAdjust,
	controlChartCheck,
	fisherExactTest,
	holmAdjust,
	kishEffectiveN,
	meanEstimate,
	momentsOf,
	normalCdf,
	npsEstimate,
	pearson,
	studentTCdf,
	studentTQuantile,
	twoProportionTest,
	welchTest,
	type CoMoments
} from './stats';

// Reference values come from outside this code: printed t tables (to 3 decimals) and, for all digits, SciPy 1.17
// (scipy.stats.t.ppf / t.cdf / norm.cdf / ttest_ind(equal_var=False) / fisher_exact), with the non-integer-df quantiles
// re-derived at 40 digits with mpmath's betainc + findroot. Hand arithmetic is written out next to the assertion.

/** |actual − expected| ≤ tolerance·|expected|. */
function expectRelativelyClose(actual: number, expected: number, tolerance = 1e-9) {
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

function coMomentsOf(pairs: [number, number][]): CoMoments {
	return pairs.reduce(
		(c, [x, y]) => ({
			n: c.n + 1,
			sumX: c.sumX + x,
			sumY: c.sumY + y,
			sumXX: c.sumXX + x * x,
			sumYY: c.sumYY + y * y,
			sumXY: c.sumXY + x * y
		}),
		{ n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }
	);
}

// Wikipedia, "Welch's t-test", example 1.
const earlier = [
	27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4
];
const later = [
	27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4
];

describe('Student t distribution', () => {
	it.each([
		[0.975, 1, 12.706204736174694],
		[0.975, 2, 4.302652729749462],
		[0.975, 9, 2.262157162798205],
		[0.975, 29, 2.045229642132703],
		[0.975, 120, 1.9799304050824402],
		[0.995, 10, 3.16927267261695]
	])('gives the tabulated quantile t(%s, %s)', (p, df, expected) => {
		expectRelativelyClose(studentTQuantile(p, df), expected);
	});

	it('gives quantiles for the non-integer df of Welch tests', () => {
		// mpmath, 40 digits: 2.3330396268649746116 and 2.0599580324598346709.
		expectRelativelyClose(studentTQuantile(0.975, 7.5), 2.3330396268649745);
		expectRelativelyClose(studentTQuantile(0.975, 24.9), 2.0599580324598348);
		expectRelativelyClose(studentTQuantile(0.9, 0.5), 10.27032441023451);
	});

	it('keeps its precision in the extreme tails and at very large df', () => {
		expectRelativelyClose(studentTQuantile(1e-10, 3), -2225.769284683093);
		expectRelativelyClose(studentTQuantile(0.999999, 3), 103.29946777942898);
		// mpmath, 40 digits: 1.9599663568141070353 (df 10⁶); 1.9623414611334499787 (999) and 1.962339080826408485 (1000),
		// either side of the switch to Hill's transformation; 1.9611508260994380305 (2000).
		expectRelativelyClose(studentTQuantile(0.975, 1e6), 1.959966356814107, 1e-12);
		expectRelativelyClose(studentTQuantile(0.975, 999), 1.96234146113345, 1e-12);
		expectRelativelyClose(studentTQuantile(0.975, 1000), 1.9623390808264085, 1e-12);
		expectRelativelyClose(studentTQuantile(0.975, 2000), 1.961150826099438, 1e-12);
	});

	it('is symmetric around 0 and has the median at 0', () => {
		expect(studentTQuantile(0.5, 4)).toBe(0);
		expect(studentTQuantile(0.025, 9)).toBeCloseTo(-studentTQuantile(0.975, 9), 14);
		expect(studentTCdf(0, 3.3)).toBe(0.5);
	});

	it('gives the CDF at known points', () => {
		expectRelativelyClose(studentTCdf(2.0, 5), 0.9490302605850708, 1e-12);
		expectRelativelyClose(studentTCdf(-1.5, 7.5), 0.08724028529323204, 1e-12);
		expectRelativelyClose(studentTCdf(0.3, 0.7), 0.5853824068143325, 1e-12);
		expectRelativelyClose(studentTCdf(2.0, 1e6), 0.9772497330743404, 1e-13);
	});

	it('has a quantile that inverts the CDF for any df', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
				fc.double({ min: 0.2, max: 1e7, noNaN: true }),
				(p, df) => {
					expect(Math.abs(studentTCdf(studentTQuantile(p, df), df) - p)).toBeLessThanOrEqual(
						1e-10 * Math.min(p, 1 - p) + 1e-15
					);
				}
			)
		);
	});

	it('has no answer for a df that is not positive', () => {
		expect(studentTQuantile(0.975, 0)).toBeNaN();
		expect(studentTCdf(1, -1)).toBeNaN();
	});
});

describe('normal CDF', () => {
	it('gives known values, also deep in the lower tail', () => {
		expectRelativelyClose(normalCdf(1.959963984540054), 0.975, 1e-14);
		expectRelativelyClose(normalCdf(0.5), 0.6914624612740131, 1e-14);
		expectRelativelyClose(normalCdf(-3), 0.0013498980316300933, 1e-13);
		expectRelativelyClose(normalCdf(-8), 6.22096057427174e-16, 1e-12);
		expect(normalCdf(0)).toBe(0.5);
	});
});

describe('confidence interval of a mean', () => {
	it('is mean ± t(0.975, n−1)·s/√n', () => {
		// SciPy: mean 20.82, s 2.8048936827317665, t.interval(0.95, 14, …) = (19.26670165245124, 22.373298347548754).
		const estimate = meanEstimate(momentsOf(earlier));
		expect(estimate.n).toBe(15);
		expectRelativelyClose(estimate.mean, 20.82, 1e-14);
		expectRelativelyClose(estimate.sd, 2.8048936827317665, 1e-12);
		expectRelativelyClose(estimate.ciLow, 19.26670165245124, 1e-12);
		expectRelativelyClose(estimate.ciHigh, 22.373298347548754, 1e-12);
	});

	it('narrows at a lower confidence level', () => {
		// t(0.95, 1) = tan(0.45π) = 6.313751514675037 (SciPy; table 6.314): mean 3, s √2, half-width t·√2/√2.
		const estimate = meanEstimate(momentsOf([2, 4]), 0.9);
		expectRelativelyClose(estimate.ciHigh - 3, 6.313751514675037);
	});

	it('has a mean but no SD or interval with one answer, and nothing with none', () => {
		expect(meanEstimate(momentsOf([4]))).toEqual({
			n: 1,
			mean: 4,
			sd: NaN,
			ciLow: NaN,
			ciHigh: NaN
		});
		expect(meanEstimate(momentsOf([]))).toEqual({
			n: 0,
			mean: NaN,
			sd: NaN,
			ciLow: NaN,
			ciHigh: NaN
		});
	});

	it('has zero width when everyone gave the same rating, despite rounding in the sums', () => {
		const estimate = meanEstimate(momentsOf(Array(1000).fill(4.1)));
		expect(estimate.sd).toBe(0);
		expect(estimate.ciHigh - estimate.ciLow).toBe(0);
	});

	it('merges period moments by adding them', () => {
		const [first, second] = [momentsOf([1, 2, 3]), momentsOf([4, 5])];
		expect({
			n: first.n + second.n,
			sum: first.sum + second.sum,
			sumSq: first.sumSq + second.sumSq
		}).toEqual(momentsOf([1, 2, 3, 4, 5]));
	});
});

describe("Welch's test of a change in mean", () => {
	it("reproduces Wikipedia's example 1 (t 2.46, df 24.99, p 0.021)", () => {
		// SciPy ttest_ind(later, earlier, equal_var=False): t 2.455356398286006, df 24.988529290231416, p 0.021378001462866992.
		const test = welchTest(momentsOf(earlier), momentsOf(later));
		expectRelativelyClose(test.delta, 2.166666666666668, 1e-12);
		expectRelativelyClose(test.statistic, 2.455356398286006, 1e-12);
		expectRelativelyClose(test.df, 24.988529290231416, 1e-12);
		expectRelativelyClose(test.p, 0.021378001462866992, 1e-9);
	});

	it('reports a drop as a negative delta with the same p', () => {
		const test = welchTest(momentsOf(later), momentsOf(earlier));
		expect(test.statistic).toBeCloseTo(-2.455356398286006, 12);
		expect(test.p).toBeCloseTo(0.021378001462866992, 12);
	});

	it('falls back to the one varying group’s df when the other has no spread', () => {
		// s_a = 0 → df = (s_b²/n_b)² / ((s_b²/n_b)²/(n_b−1)) = n_b − 1.
		expect(welchTest(momentsOf([3, 3, 3]), momentsOf([1, 2, 3, 4])).df).toBeCloseTo(3, 12);
	});

	it('gives no p when a period has fewer than two answers or neither varies', () => {
		expect(welchTest(momentsOf([4]), momentsOf([1, 2, 3])).p).toBeNaN();
		const flat = welchTest(momentsOf([4.1, 4.1, 4.1]), momentsOf([3.7, 3.7]));
		expect(flat.p).toBeNaN();
		expect(flat.delta).toBeCloseTo(-0.4, 12);
	});
});

describe('test of a change in a share (top-2-box)', () => {
	it('uses the pooled z-test when every expected cell is at least 5', () => {
		// 40/100 → 60/100: pooled 0.5, SE √(0.25·(1/100 + 1/100)) = √0.005, z = 0.2/√0.005 = 2√2; p = 2(1 − Φ(2√2)) = 0.0046777349810472576.
		const test = twoProportionTest(40, 100, 60, 100);
		expect(test.method).toBe('z');
		expect(test.delta).toBeCloseTo(0.2, 15);
		expectRelativelyClose(test.statistic, 2 * Math.SQRT2, 1e-12);
		expectRelativelyClose(test.p, 0.0046777349810472576, 1e-10);
		expect(test.df).toBeNaN();
	});

	it('switches to Fisher’s exact test when an expected cell is below 5', () => {
		// 2/10 → 7/10: pooled 0.45, expected 4.5 successes per period < 5. SciPy fisher_exact([[2, 8], [7, 3]]) = 0.06977851869492736.
		const test = twoProportionTest(2, 10, 7, 10);
		expect(test.method).toBe('fisher');
		expect(test.statistic).toBeNaN();
		expect(test.delta).toBeCloseTo(0.5, 15);
		expectRelativelyClose(test.p, 0.06977851869492736, 1e-10);
	});

	it('has nothing to test for a period without answers', () => {
		expect(twoProportionTest(0, 0, 5, 10).p).toBeNaN();
	});

	it('refuses counts that cannot be counts', () => {
		expect(() => twoProportionTest(11, 10, 5, 10)).toThrow(RangeError);
		expect(() => fisherExactTest(1.5, 10, 5, 10)).toThrow(RangeError);
	});
});

describe("Fisher's exact test", () => {
	it("gives p = 34/70 for Fisher's lady tasting tea (3, 1; 1, 3)", () => {
		// Hypergeometric over k = 0..4: 1, 16, 36, 16, 1 (/70); tables no likelier than k = 3 (16/70): 1 + 16 + 16 + 1 = 34.
		expectRelativelyClose(fisherExactTest(3, 4, 1, 4), 34 / 70, 1e-12);
	});

	it('matches SciPy on an unbalanced table', () => {
		// SciPy fisher_exact([[1, 11], [5, 4]]) = 0.04643962848297214.
		expectRelativelyClose(fisherExactTest(1, 12, 5, 9), 0.04643962848297214, 1e-10);
	});

	it('gives p = 1 when nobody (or everybody) said yes', () => {
		expect(fisherExactTest(0, 8, 0, 5)).toBe(1);
		expect(twoProportionTest(8, 8, 5, 5)).toMatchObject({ method: 'fisher', p: 1 });
	});
});

describe('correction for many tests', () => {
	const p = [0.01, 0.04, 0.03, 0.005];

	it("adjusts Holm's way: sorted p times m, m−1, … and never decreasing", () => {
		// Sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → 0.06.
		holmAdjust(p).forEach((adjusted, index) =>
			expect(adjusted).toBeCloseTo([0.03, 0.06, 0.06, 0.02][index]!, 15)
		);
	});

	it("adjusts Benjamini–Hochberg's way: sorted p times m/i and never increasing from the top", () => {
		// 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04.
		benjaminiHochbergAdjust(p).forEach((adjusted, index) =>
			expect(adjusted).toBeCloseTo([0.02, 0.04, 0.04, 0.02][index]!, 15)
		);
	});

	it('leaves missing p-values out, and out of the count of tests', () => {
		// m = 2: Holm 0.01·2 = 0.02, 0.04·1 → 0.04; BH 0.01·2/1 = 0.02, 0.04·2/2 = 0.04.
		const withGaps = [NaN, 0.04, 0.01, NaN];
		expect(holmAdjust(withGaps).map((value) => Number(value.toFixed(10)))).toEqual([
			NaN,
			0.04,
			0.02,
			NaN
		]);
		expect(benjaminiHochbergAdjust(withGaps).map((value) => Number(value.toFixed(10)))).toEqual([
			NaN,
			0.04,
			0.02,
			NaN
		]);
	});

	it('caps adjusted p-values at 1', () => {
		expect(holmAdjust([0.6, 0.7, 0.8])).toEqual([1, 1, 1]);
		expect(benjaminiHochbergAdjust([0.9, 0.95])).toEqual([0.95, 0.95]);
	});

	const pValues = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(NaN)), {
		maxLength: 30
	});

	it('never makes a p-value smaller, nor larger than 1 (Holm)', () => {
		fc.assert(
			fc.property(pValues, (raw) => {
				holmAdjust(raw).forEach((adjusted, index) => {
					if (Number.isNaN(raw[index]!)) return expect(adjusted).toBeNaN();
					expect(adjusted).toBeGreaterThanOrEqual(raw[index]!);
					expect(adjusted).toBeLessThanOrEqual(1);
				});
			})
		);
	});

	it('is never stricter with Benjamini–Hochberg than with Holm', () => {
		fc.assert(
			fc.property(pValues, (raw) => {
				const holm = holmAdjust(raw);
				benjaminiHochbergAdjust(raw).forEach((adjusted, index) => {
					if (Number.isNaN(raw[index]!)) return expect(adjusted).toBeNaN();
					expect(adjusted).toBeGreaterThanOrEqual(raw[index]!);
					expect(adjusted).toBeLessThanOrEqual(holm[index]!);
				});
			})
		);
	});
});

describe("Pearson's r (derived importance)", () => {
	it('is Sxy/√(Sxx·Syy) on a hand-computed set', () => {
		// x 1..5, y 2,4,5,4,5: means 3 and 4; Sxy = 4+0+0+0+2 = 6, Sxx = 10, Syy = 6 → r = 6/√60 = √0.6.
		const r = pearson(
			coMomentsOf([
				[1, 2],
				[2, 4],
				[3, 5],
				[4, 4],
				[5, 5]
			])
		);
		expect(r).toBeCloseTo(Math.sqrt(0.6), 14);
	});

	it('is ±1 for a perfect line and undefined without spread or pairs', () => {
		expect(
			pearson(
				coMomentsOf([
					[1, 5],
					[2, 3],
					[3, 1]
				])
			)
		).toBeCloseTo(-1, 14);
		expect(
			pearson(
				coMomentsOf([
					[1, 4.1],
					[2, 4.1],
					[3, 4.1]
				])
			)
		).toBeNaN();
		expect(pearson(coMomentsOf([[1, 2]]))).toBeNaN();
	});
});

describe('NPS', () => {
	it('is 100(p − d) with Var = 100²(p + d − (p − d)²)/n and a 95% normal interval', () => {
		// 5 promoters (9–10), 3 passives (7–8), 2 detractors (0–6) of 10: NPS 100(0.5 − 0.2) = 30;
		// Var = 10⁴(0.7 − 0.09)/10 = 610, √610 = 24.698178070456937; 30 ± 1.959963984540054·24.698… = −18.40753950185256, 78.40753950185257.
		const counts = [1, 0, 0, 0, 0, 0, 1, 2, 1, 3, 2];
		const nps = npsEstimate(counts);
		expect(nps).toMatchObject({ n: 10, promoters: 5, passives: 3, detractors: 2 });
		expect(nps.value).toBeCloseTo(30, 12);
		expect(nps.ciLow).toBeCloseTo(-18.40753950185256, 10);
		expect(nps.ciHigh).toBeCloseTo(78.40753950185257, 10);
	});

	it('keeps its interval inside −100..100', () => {
		// 3 promoters, 1 detractor: NPS 50, Var = 10⁴(1 − 0.25)/4 = 1875, half-width 1.96·43.3 ≈ 84.9 → upper clipped.
		const nps = npsEstimate([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3]);
		expect(nps.value).toBeCloseTo(50, 12);
		expect(nps.ciHigh).toBe(100);
		expect(nps.ciClipped).toBe(true);
		expect(nps.ciLow).toBeCloseTo(50 - 1.959963984540054 * Math.sqrt(1875), 10);
	});

	it('has no value without answers and refuses a wrong number of answer options', () => {
		expect(npsEstimate(Array(11).fill(0)).value).toBeNaN();
		expect(() => npsEstimate([1, 2, 3])).toThrow(RangeError);
	});
});

describe("Kish's effective sample size", () => {
	it('is (Σv)²/Σv²', () => {
		// v = 1, 1, 2: (4)²/(1 + 1 + 4) = 16/6.
		expect(kishEffectiveN(4, 6)).toBeCloseTo(16 / 6, 15);
		expect(kishEffectiveN(5, 5)).toBe(5);
		expect(kishEffectiveN(0, 0)).toBeNaN();
	});
});

describe('control chart', () => {
	it('flags a month whose mean leaves centre ± 3σ/√n', () => {
		// centre 70, σ 20, n 25: 70 ± 3·20/5 = 58..82.
		expect(controlChartCheck(70, 20, 57.9, 25)).toEqual({
			centre: 70,
			lower: 58,
			upper: 82,
			outside: true
		});
		expect(controlChartCheck(70, 20, 82.1, 25).outside).toBe(true);
		expect(controlChartCheck(70, 20, 75, 25).outside).toBe(false);
	});

	it('counts a mean exactly on a limit as inside, and a month without answers as never outside', () => {
		expect(controlChartCheck(70, 20, 82, 25).outside).toBe(false);
		expect(controlChartCheck(70, 20, NaN, 0).outside).toBe(false);
	});
});
