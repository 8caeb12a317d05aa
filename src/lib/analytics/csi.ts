/**
 * The weighted Customer Satisfaction Index of ../shared/DOMAIN.md, as implemented (docs/csi.md).
 * Ratings are 1–5; a factor score is `(r − 1) × 25` on 0–100; not-applicable answers are missing.
 */
import { pairIndex, type CsiCell, type PatternSums } from './csi-cell';
import type { CoMoments, Moments } from './stats';

export type FactorWeight = { key: string; weight: number };

/** A respondent counts only when their answered factors carry at least this share of the total weight. */
export const MIN_WEIGHT_COVERAGE = 0.5;

/** ACSI-style min–max rescaling: 1 → 0, 5 → 100. */
export const ratingToScore = (rating: number) => (rating - 1) * 25;

const totalWeight = (weights: FactorWeight[]) =>
	weights.reduce((sum, { weight }) => sum + weight, 0);

/**
 * One respondent's CSI: weights renormalised over the factors they answered; null when those
 * carry less than half of the total weight.
 */
export function respondentCsi(
	weights: FactorWeight[],
	ratings: Record<string, number | null | undefined>
): number | null {
	const answered = weights.filter(({ key }) => typeof ratings[key] === 'number');
	const answeredWeight = totalWeight(answered);
	if (!(answeredWeight > 0) || answeredWeight < MIN_WEIGHT_COVERAGE * totalWeight(weights))
		return null;
	return (
		answered.reduce((sum, { key, weight }) => sum + weight * ratingToScore(ratings[key]!), 0) /
		answeredWeight
	);
}

/** Sums of the counted respondents' CSIs, plus the same weighted by client value. */
export type CsiSums = {
	counted: Moments;
	/** Respondents who rated factors but fell short of the coverage rule. */
	excluded: number;
	valued: { n: number; sumV: number; sumVSq: number; sumVCsi: number; sumVCsiSq: number };
};

/**
 * Within one pattern CSI_r = a·Σ w_f r_f − 25 with a = 25 / W_P, so
 * Σ CSI_r = a·Σ w_f S_f − 25n and Σ CSI_r² = a²·ΣΣ w_f w_g C_fg − 50a·Σ w_f S_f + 625n.
 */
function patternCsiSums(
	pattern: PatternSums,
	weightOf: Map<string, number>,
	sums: { n: number; sum: number[]; cross: number[] }
) {
	const weighted = pattern.items.map((item) => weightOf.get(item) ?? 0);
	const answeredWeight = weighted.reduce((sum, weight) => sum + weight, 0);
	const a = 25 / answeredWeight;
	let linear = 0;
	let quadratic = 0;
	weighted.forEach((wi, i) => {
		if (!wi) return;
		linear += wi * sums.sum[i]!;
		weighted.forEach((wj, j) => {
			if (wj) quadratic += wi * wj * sums.cross[pairIndex(i, j)]!;
		});
	});
	return {
		sum: a * linear - 25 * sums.n,
		sumSq: a * a * quadratic - 50 * a * linear + 625 * sums.n
	};
}

export function csiSums(cell: CsiCell, weights: FactorWeight[]): CsiSums {
	const weightOf = new Map(weights.map(({ key, weight }) => [key, weight]));
	const threshold = MIN_WEIGHT_COVERAGE * totalWeight(weights);
	const result: CsiSums = {
		counted: { n: 0, sum: 0, sumSq: 0 },
		excluded: 0,
		valued: { n: 0, sumV: 0, sumVSq: 0, sumVCsi: 0, sumVCsiSq: 0 }
	};
	for (const pattern of Object.values(cell.patterns)) {
		const answeredWeight = pattern.items.reduce((sum, item) => sum + (weightOf.get(item) ?? 0), 0);
		if (!(answeredWeight > 0)) continue;
		if (answeredWeight < threshold) {
			result.excluded += pattern.n;
			continue;
		}
		const plain = patternCsiSums(pattern, weightOf, pattern);
		result.counted.n += pattern.n;
		result.counted.sum += plain.sum;
		result.counted.sumSq += plain.sumSq;
		const { valued } = pattern;
		if (!valued.n) continue;
		// The same identities with every respondent's terms multiplied by their value v: n becomes Σv.
		const byValue = patternCsiSums(pattern, weightOf, {
			n: valued.sumV,
			sum: valued.sum,
			cross: valued.cross
		});
		result.valued.n += valued.n;
		result.valued.sumV += valued.sumV;
		result.valued.sumVSq += valued.sumVSq;
		result.valued.sumVCsi += byValue.sum;
		result.valued.sumVCsiSq += byValue.sumSq;
	}
	return result;
}

/** Moments of one item's ratings (1–5) over everyone who rated it. */
export function ratingMoments(cell: CsiCell, item: string): Moments {
	const counts = cell.distribution[item] ?? [0, 0, 0, 0, 0];
	return counts.reduce(
		(moments, count, index) => ({
			n: moments.n + count,
			sum: moments.sum + count * (index + 1),
			sumSq: moments.sumSq + count * (index + 1) ** 2
		}),
		{ n: 0, sum: 0, sumSq: 0 }
	);
}

/** Share of 4s and 5s, with its counts. */
export function topTwoBox(cell: CsiCell, item: string): { count: number; n: number } {
	const counts = cell.distribution[item] ?? [0, 0, 0, 0, 0];
	return { count: counts[3]! + counts[4]!, n: counts.reduce((sum, count) => sum + count, 0) };
}

/** Co-moments of two items' ratings over respondents who rated both (pairwise-complete). */
export function pairedMoments(cell: CsiCell, x: string, y: string): CoMoments {
	const result: CoMoments = { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
	for (const pattern of Object.values(cell.patterns)) {
		const i = pattern.items.indexOf(x);
		const j = pattern.items.indexOf(y);
		if (i < 0 || j < 0) continue;
		result.n += pattern.n;
		result.sumX += pattern.sum[i]!;
		result.sumY += pattern.sum[j]!;
		result.sumXX += pattern.cross[pairIndex(i, i)]!;
		result.sumYY += pattern.cross[pairIndex(j, j)]!;
		result.sumXY += pattern.cross[pairIndex(i, j)]!;
	}
	return result;
}

/** Moments of a rating rescaled to 0–100 (s = 25r − 25), so means, SDs and CIs come out as scores. */
export function asScoreMoments({ n, sum, sumSq }: Moments): Moments {
	return { n, sum: 25 * sum - 25 * n, sumSq: 625 * sumSq - 1250 * sum + 625 * n };
}
