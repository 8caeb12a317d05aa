/**
 * Statistics for honest change, per ../shared/DOMAIN.md ("Trust: uncertainty and change"): confidence intervals of means,
 * Welch's t-test, the two-proportion z-test with Fisher's exact test for small cells, Holm and Benjamini–Hochberg corrections,
 * Pearson's r, the NPS with its CI, Kish's effective n and control-chart limits. Pure functions, no I/O.
 *
 * Special functions follow Numerical Recipes (Press et al., 3rd ed.): log-gamma by Lanczos (§6.1), the regularized incomplete
 * beta by its continued fraction with modified Lentz (§6.4), the incomplete gamma by series / continued fraction (§6.2); for
 * df ≥ 1000 the t distribution uses Hill's normalizing transformation (CACM Algorithm 395, 1970).
 */

/** Count, sum and sum of squares of a sample: everything a mean, SD and CI need; mergeable by addition. */
export type Moments = { n: number; sum: number; sumSq: number };

export function momentsOf(values: number[]): Moments {
	let sum = 0;
	let sumSq = 0;
	for (const value of values) {
		sum += value;
		sumSq += value * value;
	}
	return { n: values.length, sum, sumSq };
}

/**
 * Σ(x − x̄)² from raw sums. sumSq − sum²/n cancels badly when the spread is small next to the mean, and its rounding error is
 * about n·ε·sumSq: anything below that is noise, not spread, so it counts as 0 (this also absorbs tiny negative results).
 * Without it, two constant groups would look "significantly" different through rounding noise alone.
 */
function centredSumOfSquares(n: number, sum: number, sumSq: number): number {
	const centred = sumSq - (sum * sum) / n;
	return centred > 4 * n * Number.EPSILON * Math.abs(sumSq) ? centred : 0;
}

/** Sample variance (n − 1 denominator); NaN for n < 2. */
function sampleVariance(m: Moments): number {
	return m.n < 2 ? NaN : centredSumOfSquares(m.n, m.sum, m.sumSq) / (m.n - 1);
}

export type MeanEstimate = { n: number; mean: number; sd: number; ciLow: number; ciHigh: number };

/** mean ± t((1 + confidence)/2, n − 1)·s/√n with the sample SD s (n − 1). n = 0 → all NaN; n = 1 → a mean but no SD and no CI. */
export function meanEstimate(m: Moments, confidence = 0.95): MeanEstimate {
	const mean = m.n > 0 ? m.sum / m.n : NaN;
	const sd = Math.sqrt(sampleVariance(m));
	const halfWidth =
		m.n < 2 ? NaN : (studentTQuantile((1 + confidence) / 2, m.n - 1) * sd) / Math.sqrt(m.n);
	return { n: m.n, mean, sd, ciLow: mean - halfWidth, ciHigh: mean + halfWidth };
}

// Lanczos approximation, g = 7, n = 9: relative error below 1e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
	-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (reflection formula below ½, where the series loses accuracy). */
function logGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	const z = x - 1;
	let series = LANCZOS_COEFFICIENTS[0]!;
	for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++)
		series += LANCZOS_COEFFICIENTS[i]! / (z + i);
	const t = z + LANCZOS_G + 0.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/** Stirling's series for ln Γ(x) − [(x − ½)ln x − x + ½ln 2π], to x⁻¹³ (Abramowitz & Stegun 6.1.40): ~1e-16 for x ≥ 10. */
function stirlingCorrection(x: number): number {
	const inverseSq = 1 / (x * x);
	const series = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];
	return series.reduceRight((sum, coefficient) => sum * inverseSq + coefficient, 0) / x;
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). For a large df, ln Γ(a) and ln Γ(a + b) are huge and nearly equal, so their
 * difference is taken from Stirling's series instead: (a − ½)·ln(1 + b/a) + b·ln(a + b) − b + δ(a + b) − δ(a), a ≥ b.
 * Plain differences of ln Γ would lose about log10(df) digits of the t density.
 */
function logBeta(a: number, b: number): number {
	const [large, small] = a >= b ? [a, b] : [b, a];
	if (large < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
	const leadingTerms =
		(large - 0.5) * Math.log1p(small / large) + small * Math.log(large + small) - small;
	return (
		logGamma(small) - (leadingTerms + stirlingCorrection(large + small) - stirlingCorrection(large))
	);
}

const TINY = 1e-300;
const CONVERGED = 1e-16;
// The continued fractions need O(√max(a, b)) terms; a generous cap, since failing to converge is a bug worth an exception.
const MAX_ITERATIONS = 100_000;

/** Continued fraction for I_x(a, b) (Numerical Recipes betacf), evaluated by the modified Lentz method. */
function incompleteBetaFraction(x: number, a: number, b: number): number {
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < TINY) d = TINY;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= MAX_ITERATIONS; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < CONVERGED) return h;
	}
	throw new Error(`Incomplete beta did not converge for a = ${a}, b = ${b}, x = ${x}.`);
}

/**
 * Regularized incomplete beta I_x(a, b). The caller passes y = 1 − x computed without cancellation (e.g. t²/(df + t²)),
 * because the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) needs 1 − x to full precision in the tails.
 */
function regularizedIncompleteBeta(x: number, a: number, b: number, y = 1 - x): number {
	if (x <= 0) return 0;
	if (y <= 0) return 1;
	// Of x and y, the one nearer 1 goes through log1p of the other: a·ln x with a large df/2 magnifies any rounding in x.
	const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
	const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
	const logFront = a * logX + b * logY - logBeta(a, b);
	const front = Math.exp(logFront);
	if (x < (a + 1) / (a + b + 2)) return (front * incompleteBetaFraction(x, a, b)) / a;
	return 1 - (front * incompleteBetaFraction(y, b, a)) / b;
}

// From here on Hill's transformation is more accurate than the continued fraction, which loses about df·1e-17 (relative).
const LARGE_DF = 1000;

/**
 * P(T > t) for t ≥ 0: ½·I_{df/(df+t²)}(df/2, ½), accurate far into the tail. For large df the continued fraction's recurrence
 * magnifies the rounding of x ≈ 1, so there P(T > t) = Φ(−z) with Hill's normalizing transformation z(t, df) instead.
 */
function studentTUpperTail(t: number, df: number): number {
	if (t === Infinity) return 0;
	if (df >= LARGE_DF) return 0.5 * erfc(hillNormalDeviate(t, df) / Math.SQRT2);
	const tSq = t * t;
	return 0.5 * regularizedIncompleteBeta(df / (df + tSq), df / 2, 0.5, tSq / (df + tSq));
}

/**
 * Hill (1970), CACM Algorithm 395, asymptotic branch: the z with Φ(−z) = P(T > t). Its error falls like df⁻³; against mpmath at
 * 40 digits it is below 1e-16 (relative, tail) for |t| ≤ 5 and 4e-13 at t = 12 when df = 1000.
 */
function hillNormalDeviate(t: number, df: number): number {
	const a = df - 0.5;
	const b = 48 * a * a;
	const y = a * Math.log1p((t * t) / df);
	return (
		(((((-0.4 * y - 3.3) * y - 24) * y - 85.5) / (0.8 * y * y + 100 + b) + y + 3) / b + 1) *
		Math.sqrt(y)
	);
}

/** Student t density (1 + t²/df)^(−(df+1)/2) / (√df·B(df/2, ½)), used as the derivative in the quantile's Newton steps. */
function studentTDensity(t: number, df: number): number {
	return Math.exp(
		-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5)
	);
}

/** Student t CDF for any df > 0, including the non-integer df of Welch's test. */
export function studentTCdf(t: number, df: number): number {
	if (!(df > 0) || Number.isNaN(t)) return NaN;
	return t >= 0 ? 1 - studentTUpperTail(t, df) : studentTUpperTail(-t, df);
}

/**
 * Student t quantile for any df > 0: safeguarded Newton on the upper tail (a bisection step whenever Newton leaves the bracket),
 * solved for the smaller tail so that extreme p keep their precision; converges to ~1e-14 relative.
 */
export function studentTQuantile(p: number, df: number): number {
	if (!(df > 0) || !(p >= 0 && p <= 1)) return NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	const tail = Math.min(p, 1 - p);
	const t = upperTailQuantile(tail, df);
	return p > 0.5 ? t : -t;
}

/** The t ≥ 0 with P(T > t) = tail, for 0 < tail < ½. */
function upperTailQuantile(tail: number, df: number): number {
	let low = 0;
	let high = 1;
	while (studentTUpperTail(high, df) > tail) {
		low = high;
		high *= 2;
	}
	let t = (low + high) / 2;
	for (let iteration = 0; iteration < 500; iteration++) {
		const excess = studentTUpperTail(t, df) - tail;
		if (excess === 0) return t;
		if (excess > 0) low = t;
		else high = t;
		const newton = t + excess / studentTDensity(t, df);
		const next = newton > low && newton < high ? newton : (low + high) / 2;
		if (Math.abs(next - t) <= 1e-14 * next || high - low <= 1e-14 * high) return next;
		t = next;
	}
	return t;
}

/**
 * Regularized upper incomplete gamma Q(a, x) (Numerical Recipes gammq): the series for P when x < a + 1, the continued
 * fraction (modified Lentz) for Q otherwise — each where it converges fast and keeps relative precision.
 */
function regularizedUpperGamma(a: number, x: number): number {
	if (x <= 0) return 1;
	const logFront = -x + a * Math.log(x) - logGamma(a);
	if (x < a + 1) {
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n <= MAX_ITERATIONS && Math.abs(term) > Math.abs(sum) * CONVERGED; n++) {
			term *= x / (a + n);
			sum += term;
		}
		return 1 - sum * Math.exp(logFront);
	}
	let b = x + 1 - a;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i <= MAX_ITERATIONS; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < CONVERGED) break;
	}
	return Math.exp(logFront) * h;
}

/** erfc(x) = Q(½, x²) for x ≥ 0, and 2 − erfc(−x) below 0. */
function erfc(x: number): number {
	return x >= 0 ? regularizedUpperGamma(0.5, x * x) : 2 - regularizedUpperGamma(0.5, x * x);
}

/** Standard normal CDF Φ(z) = ½·erfc(−z/√2), accurate to ~1e-15 relative, also deep in the lower tail. */
export function normalCdf(z: number): number {
	if (Number.isNaN(z)) return NaN;
	return 0.5 * erfc(-z / Math.SQRT2);
}

/** A test of change between an earlier period a and a later period b: delta = b − a. */
export type ChangeTest = { delta: number; statistic: number; df: number; p: number };

/**
 * Welch's t-test of two independent means, two-sided, with Welch–Satterthwaite df:
 * t = (x̄_b − x̄_a) / √(s_a²/n_a + s_b²/n_b), df = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a−1) + (s_b²/n_b)²/(n_b−1)).
 * Either n < 2, or both groups without spread, leaves no standard error: statistic, df and p are then NaN.
 */
export function welchTest(a: Moments, b: Moments): ChangeTest {
	const delta = b.sum / b.n - a.sum / a.n;
	const varianceOfMeanA = sampleVariance(a) / a.n;
	const varianceOfMeanB = sampleVariance(b) / b.n;
	const varianceOfDelta = varianceOfMeanA + varianceOfMeanB;
	if (!(varianceOfDelta > 0)) return { delta, statistic: NaN, df: NaN, p: NaN };
	const statistic = delta / Math.sqrt(varianceOfDelta);
	const df =
		varianceOfDelta ** 2 / (varianceOfMeanA ** 2 / (a.n - 1) + varianceOfMeanB ** 2 / (b.n - 1));
	return { delta, statistic, df, p: Math.min(1, 2 * studentTUpperTail(Math.abs(statistic), df)) };
}

function assertCount(x: number, n: number): void {
	if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n)
		throw new RangeError(`Expected whole counts with 0 ≤ x ≤ n, got x = ${x}, n = ${n}.`);
}

/**
 * Two-proportion z-test with the pooled proportion, two-sided: z = (x2/n2 − x1/n1) / √(p̂(1 − p̂)(1/n1 + 1/n2)).
 * The normal approximation is trusted only when every expected cell count (p̂·n and (1 − p̂)·n) is at least 5; otherwise the
 * p comes from Fisher's exact test and statistic is NaN. df is NaN for both: neither test has degrees of freedom. A period
 * without answers leaves nothing to test: delta, statistic and p are NaN.
 */
export function twoProportionTest(
	x1: number,
	n1: number,
	x2: number,
	n2: number
): ChangeTest & { method: 'z' | 'fisher' } {
	assertCount(x1, n1);
	assertCount(x2, n2);
	const delta = x2 / n2 - x1 / n1;
	if (n1 === 0 || n2 === 0) return { delta, statistic: NaN, df: NaN, p: NaN, method: 'z' };
	const pooled = (x1 + x2) / (n1 + n2);
	const smallestExpected = Math.min(pooled, 1 - pooled) * Math.min(n1, n2);
	if (!(smallestExpected >= 5))
		return { delta, statistic: NaN, df: NaN, p: fisherExactTest(x1, n1, x2, n2), method: 'fisher' };
	const statistic = delta / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	return {
		delta,
		statistic,
		df: NaN,
		p: Math.min(1, erfc(Math.abs(statistic) / Math.SQRT2)),
		method: 'z'
	};
}

// Tables whose probability equals the observed one up to rounding must count as "as extreme" (as in R's fisher.test).
const FISHER_RELATIVE_TOLERANCE = 1e-7;

/**
 * Fisher's exact test of the 2×2 table (x1, n1 − x1; x2, n2 − x2), two-sided: the sum of the hypergeometric probabilities
 * (margins fixed) of all tables no more probable than the observed one. Probabilities come from the ratio recurrence
 * P(k+1)/P(k) = (n1 − k)(K − k) / ((k + 1)(n2 − K + k + 1)), started at the mode so nothing overflows.
 */
export function fisherExactTest(x1: number, n1: number, x2: number, n2: number): number {
	assertCount(x1, n1);
	assertCount(x2, n2);
	const probabilities = hypergeometricProbabilities(n1, n2, x1 + x2);
	const observed = probabilities.get(x1)!;
	let p = 0;
	for (const probability of probabilities.values())
		if (probability <= observed * (1 + FISHER_RELATIVE_TOLERANCE)) p += probability;
	return Math.min(1, p);
}

/** P(X = k) for X the successes among n1 draws of the K successes in n1 + n2, keyed by k. */
function hypergeometricProbabilities(n1: number, n2: number, K: number): Map<number, number> {
	const low = Math.max(0, K - n2);
	const high = Math.min(n1, K);
	const mode = Math.min(high, Math.max(low, Math.floor(((n1 + 1) * (K + 1)) / (n1 + n2 + 2))));
	const ratio = (k: number) => ((n1 - k) * (K - k)) / ((k + 1) * (n2 - K + k + 1));
	const weights = new Map<number, number>([[mode, 1]]);
	for (let k = mode; k < high; k++) weights.set(k + 1, weights.get(k)! * ratio(k));
	for (let k = mode; k > low; k--) weights.set(k - 1, weights.get(k)! / ratio(k - 1));
	let total = 0;
	for (const weight of weights.values()) total += weight;
	return new Map([...weights].map(([k, weight]) => [k, weight / total]));
}

/** Indices of the non-NaN p-values, smallest p first; NaN p-values are not tests and do not count in m. */
function rankedIndices(p: number[]): number[] {
	return p
		.map((value, index) => [value, index] as const)
		.filter(([value]) => !Number.isNaN(value))
		.sort(([a], [b]) => a - b)
		.map(([, index]) => index);
}

/** Holm's step-down adjustment: p_(i) · (m − i + 1), made non-decreasing along the ranking, capped at 1 (as R's p.adjust). */
export function holmAdjust(p: number[]): number[] {
	const ranked = rankedIndices(p);
	const adjusted = p.map(() => NaN);
	let runningMax = 0;
	ranked.forEach((index, rank) => {
		runningMax = Math.max(runningMax, Math.min(1, (ranked.length - rank) * p[index]!));
		adjusted[index] = runningMax;
	});
	return adjusted;
}

/** Benjamini–Hochberg step-up adjustment: p_(i) · m / i, made non-increasing from the largest p down, capped at 1 (as R's p.adjust). */
export function benjaminiHochbergAdjust(p: number[]): number[] {
	const ranked = rankedIndices(p);
	const adjusted = p.map(() => NaN);
	let runningMin = 1;
	for (let rank = ranked.length - 1; rank >= 0; rank--) {
		const index = ranked[rank]!;
		runningMin = Math.min(runningMin, (ranked.length / (rank + 1)) * p[index]!);
		adjusted[index] = runningMin;
	}
	return adjusted;
}

/** Pearson r from co-moments of paired complete observations. */
export type CoMoments = {
	n: number;
	sumX: number;
	sumY: number;
	sumXX: number;
	sumYY: number;
	sumXY: number;
};

/** Pearson's r = Sxy / √(Sxx·Syy) on centred sums; NaN when n < 2 or either variable has no spread. */
export function pearson(c: CoMoments): number {
	if (c.n < 2) return NaN;
	const sxx = centredSumOfSquares(c.n, c.sumX, c.sumXX);
	const syy = centredSumOfSquares(c.n, c.sumY, c.sumYY);
	if (!(sxx > 0 && syy > 0)) return NaN;
	const sxy = c.sumXY - (c.sumX * c.sumY) / c.n;
	return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Φ⁻¹(0.975), the normal quantile of a two-sided 95% interval. */
const Z_975 = 1.959963984540054;

/** NPS with its 95% CI; promoters, passives and detractors are counts of respondents, not shares. */
export type NpsEstimate = {
	n: number;
	value: number;
	promoters: number;
	passives: number;
	detractors: number;
	ciLow: number;
	ciHigh: number;
	/** The normal interval reached past ±100 and was clipped there. */
	ciClipped: boolean;
};

/**
 * NPS from the counts of answers 0..10 (index = answer): promoters 9–10, passives 7–8, detractors 0–6; value = 100(p − d),
 * Var = 100²(p + d − (p − d)²)/n (the variance of a difference of multinomial shares), CI = value ± z(0.975)·√Var clipped
 * to the scale's [−100, 100]. With no answers everything but the counts is NaN.
 */
export function npsEstimate(counts: number[]): NpsEstimate {
	if (counts.length !== 11)
		throw new RangeError(
			`NPS needs the counts of answers 0..10 (11 numbers), got ${counts.length}.`
		);
	const countOf = (from: number, to: number) =>
		counts.slice(from, to + 1).reduce((sum, count) => sum + count, 0);
	const detractors = countOf(0, 6);
	const passives = countOf(7, 8);
	const promoters = countOf(9, 10);
	const n = detractors + passives + promoters;
	const p = promoters / n;
	const d = detractors / n;
	const value = 100 * (p - d);
	const variance = Math.max(0, (100 ** 2 * (p + d - (p - d) ** 2)) / n);
	const halfWidth = Z_975 * Math.sqrt(variance);
	return {
		n,
		value,
		promoters,
		passives,
		detractors,
		ciLow: Math.max(-100, value - halfWidth),
		ciHigh: Math.min(100, value + halfWidth),
		ciClipped: value - halfWidth < -100 || value + halfWidth > 100
	};
}

/** Kish's effective sample size (Σv)² / Σv² of weighted responses: how many unweighted answers they are worth. NaN without weights. */
export function kishEffectiveN(sumV: number, sumVSq: number): number {
	return sumVSq > 0 ? (sumV * sumV) / sumVSq : NaN;
}

/** Control-chart check: is the latest period's mean outside centre ± 3σ/√n? */
export type ControlCheck = { centre: number; lower: number; upper: number; outside: boolean };

/**
 * Shewhart limits for a mean of n answers, centre ± 3σ/√n: a month outside them is drift worth an alert. A mean exactly on a
 * limit counts as inside; a period without answers has no limits and is never outside.
 */
export function controlChartCheck(
	centre: number,
	sigma: number,
	latestMean: number,
	latestN: number
): ControlCheck {
	const halfWidth = latestN > 0 ? (3 * sigma) / Math.sqrt(latestN) : NaN;
	const lower = centre - halfWidth;
	const upper = centre + halfWidth;
	return { centre, lower, upper, outside: latestMean < lower || latestMean > upper };
}
