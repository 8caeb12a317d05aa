/**
 * Every number the dashboard shows, from cells and one weight set: the headline CSI, the factor
 * table, derived importance, NPS, value-weighted CSI, and groups (periods or segments) with
 * their change tested and corrected for multiple comparisons. See docs/csi.md.
 */
import { cellWithout, OVERALL, type CsiCell } from './csi-cell';
import {
	asScoreMoments,
	csiSums,
	pairedMoments,
	ratingMoments,
	topTwoBox,
	type FactorWeight
} from './csi';
import { relativeWeights } from './relative-weights';
import {
	benjaminiHochbergAdjust,
	controlChartCheck,
	holmAdjust,
	kishEffectiveN,
	meanEstimate,
	npsEstimate,
	pearson,
	studentTQuantile,
	twoProportionTest,
	welchTest,
	type ChangeTest,
	type Moments,
	type NpsEstimate
} from './stats';

/** Below this many answers a number is shown greyed, with the reason. */
export const MIN_RELIABLE_N = 30;
export const SIGNIFICANCE_LEVEL = 0.05;

export type Correction = 'holm' | 'bh';

export type Estimate = {
	value: number;
	ciLow: number;
	ciHigh: number;
	/** The t-interval reached past the scale's ends and was clipped to them (docs/csi.md). */
	ciClipped: boolean;
	n: number;
	sd: number;
	lowN: boolean;
};

/** Scores live on 0–100, so their intervals do too. */
const SCORE_BOUNDS = { low: 0, high: 100 };

export type Change = {
	delta: number;
	p: number;
	pAdjusted: number;
	significant: boolean;
	test: 'welch' | 'z' | 'fisher';
};

export type FactorRow = {
	key: string;
	name: string;
	/** Share of the model version's total weight (sums to 1). */
	weight: number;
	score: number;
	/** Share of 4s and 5s, in %. */
	top2box: number;
	n: number;
	ciLow: number;
	ciHigh: number;
	ciClipped: boolean;
	sd: number;
	lowN: boolean;
	/** Counts of the ratings 1..5. */
	distribution: number[];
	/** Pearson r with overall satisfaction (pairwise-complete); null without enough paired answers. */
	derivedImportance: number | null;
	/** Johnson's relative weight (sums to R² over factors) and its share (sums to 1). */
	relativeWeight: number | null;
	relativeWeightShare: number | null;
	/** Derived share minus stated share: a big gap is a finding. */
	importanceGap: number | null;
	/** weight × score: the factor's part of the weighted mean of factor scores. */
	contribution: number;
};

export type GroupReport = {
	key: string;
	/** Time groups: has the period ended, with the range holding all of it? Segments always are. */
	complete: boolean;
	csi: Estimate;
	factors: FactorRow[];
	/** Against the previous period when both are complete (time groups), or against everyone else (segments). */
	change: Change | null;
	factorChanges: Record<string, { score: Change | null; top2box: Change | null }>;
};

export type Report = {
	csi: Estimate & { excluded: number };
	weightedFactorMean: number | null;
	valueWeighted: (Estimate & { effectiveN: number }) | null;
	overall: Estimate | null;
	nps: NpsEstimate | null;
	rSquared: number | null;
	factors: FactorRow[];
	groups: GroupReport[];
	/**
	 * Time groups only: the latest complete period with answers against the period before it —
	 * what the big number says. A running period never stands here.
	 */
	headline: {
		key: string;
		previousKey: string | null;
		csi: Estimate;
		change: Change | null;
	} | null;
	/** Time groups only: is the latest complete period outside the control limits of the earlier ones? */
	controlChart: {
		centre: number;
		lower: number;
		upper: number;
		outside: boolean;
		period: string;
	} | null;
};

/** An interval clipped to the score scale's ends, and whether it had to be. */
function boundedInterval(ciLow: number, ciHigh: number) {
	const { low, high } = SCORE_BOUNDS;
	return {
		ciLow: Math.max(low, ciLow),
		ciHigh: Math.min(high, ciHigh),
		ciClipped: ciLow < low || ciHigh > high
	};
}

function estimateOf(moments: Moments): Estimate {
	const { mean, ciLow, ciHigh, n, sd } = meanEstimate(moments);
	return { value: mean, ...boundedInterval(ciLow, ciHigh), n, sd, lowN: n < MIN_RELIABLE_N };
}

const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

/** Correlation matrix of the factors and their correlations with overall; null when any pair lacks data. */
function importanceInputs(cell: CsiCell, keys: string[]) {
	const rxy = keys.map((key) => pearson(pairedMoments(cell, key, OVERALL)));
	const rxx = keys.map((a, i) =>
		keys.map((b, j) => (i === j ? 1 : pearson(pairedMoments(cell, a, b))))
	);
	return {
		rxy,
		rxx,
		complete: rxy.every(Number.isFinite) && rxx.every((row) => row.every(Number.isFinite))
	};
}

function relativeWeightsOf(cell: CsiCell, keys: string[]) {
	const { rxx, rxy, complete } = importanceInputs(cell, keys);
	if (!complete || keys.length === 0) return { rxy, relative: null };
	try {
		return { rxy, relative: relativeWeights(rxx, rxy) };
	} catch {
		// A singular correlation matrix (e.g. two factors always rated alike): Pearson still stands.
		return { rxy, relative: null };
	}
}

export function factorRows(
	cell: CsiCell,
	weights: (FactorWeight & { name: string })[],
	withImportance = true
): FactorRow[] {
	const total = weights.reduce((sum, { weight }) => sum + weight, 0);
	const keys = weights.map(({ key }) => key);
	const importance = withImportance ? relativeWeightsOf(cell, keys) : null;
	return weights.map(({ key, name, weight }, index) => {
		const estimate = estimateOf(asScoreMoments(ratingMoments(cell, key)));
		const t2b = topTwoBox(cell, key);
		const share = weight / total;
		const relative = importance?.relative;
		return {
			key,
			name,
			weight: share,
			score: estimate.value,
			top2box: t2b.n ? (100 * t2b.count) / t2b.n : NaN,
			n: estimate.n,
			ciLow: estimate.ciLow,
			ciHigh: estimate.ciHigh,
			ciClipped: estimate.ciClipped,
			sd: estimate.sd,
			lowN: estimate.lowN,
			distribution: cell.distribution[key] ?? [0, 0, 0, 0, 0],
			derivedImportance: importance ? finiteOrNull(importance.rxy[index]!) : null,
			relativeWeight: relative ? relative.weights[index]! : null,
			relativeWeightShare: relative ? relative.shares[index]! : null,
			importanceGap: relative ? relative.shares[index]! - share : null,
			contribution: estimate.n ? share * estimate.value : 0
		};
	});
}

function weightedFactorMean(rows: FactorRow[]): number | null {
	const answered = rows.filter((row) => row.n > 0);
	const total = answered.reduce((sum, row) => sum + row.weight, 0);
	return total > 0 ? answered.reduce((sum, row) => sum + row.weight * row.score, 0) / total : null;
}

function valueWeightedCsi(cell: CsiCell, weights: FactorWeight[]) {
	const { valued } = csiSums(cell, weights);
	if (!(valued.sumV > 0)) return null;
	const mean = valued.sumVCsi / valued.sumV;
	const variance = Math.max(0, valued.sumVCsiSq / valued.sumV - mean * mean);
	const effectiveN = kishEffectiveN(valued.sumV, valued.sumVSq);
	// The weighted mean's CI uses Kish's effective n in place of n (docs/csi.md).
	const halfWidth =
		effectiveN > 1
			? (studentTQuantile(0.975, effectiveN - 1) * Math.sqrt(variance)) / Math.sqrt(effectiveN)
			: NaN;
	return {
		value: mean,
		...boundedInterval(mean - halfWidth, mean + halfWidth),
		n: valued.n,
		sd: Math.sqrt(variance),
		lowN: effectiveN < MIN_RELIABLE_N,
		effectiveN
	};
}

type RawChange = { test: ChangeTest & { method?: 'z' | 'fisher' }; kind: 'welch' | 'proportion' };

function meanChange(before: Moments, after: Moments): RawChange | null {
	if (before.n < 2 || after.n < 2) return null;
	return { test: welchTest(before, after), kind: 'welch' };
}

function proportionChange(before: CsiCell, after: CsiCell, key: string): RawChange | null {
	const a = topTwoBox(before, key);
	const b = topTwoBox(after, key);
	if (!a.n || !b.n) return null;
	const test = twoProportionTest(a.count, a.n, b.count, b.n);
	return { test: { ...test, delta: 100 * test.delta }, kind: 'proportion' };
}

type Comparison = {
	csi: RawChange | null;
	factors: Record<string, { score: RawChange | null; top2box: RawChange | null }>;
};

function compare(before: CsiCell, after: CsiCell, weights: FactorWeight[]): Comparison {
	const factors: Comparison['factors'] = {};
	for (const { key } of weights) {
		factors[key] = {
			score: meanChange(
				asScoreMoments(ratingMoments(before, key)),
				asScoreMoments(ratingMoments(after, key))
			),
			top2box: proportionChange(before, after, key)
		};
	}
	return {
		csi: meanChange(csiSums(before, weights).counted, csiSums(after, weights).counted),
		factors
	};
}

const changesIn = ({ csi, factors }: Comparison) => [
	csi,
	...Object.values(factors).flatMap(({ score, top2box }) => [score, top2box])
];

/**
 * Adjusts every p-value of a family together and returns each change's adjusted p; a change is
 * significant only when that is below .05. NaN p-values (no spread) are never significant.
 */
function adjustedPValues(families: Comparison[][], correction: Correction): Map<RawChange, number> {
	const adjustedOf = new Map<RawChange, number>();
	for (const family of families) {
		const present = family
			.flatMap(changesIn)
			.filter((change): change is RawChange => change !== null);
		const adjusted = (correction === 'holm' ? holmAdjust : benjaminiHochbergAdjust)(
			present.map(({ test }) => test.p)
		);
		present.forEach((change, index) => adjustedOf.set(change, adjusted[index]!));
	}
	return adjustedOf;
}

function finishedChange(
	change: RawChange | null | undefined,
	adjustedOf: Map<RawChange, number>
): Change | null {
	if (!change) return null;
	const pAdjusted = adjustedOf.get(change) ?? NaN;
	const test = change.kind === 'welch' ? 'welch' : (change.test.method ?? 'z');
	return {
		delta: change.test.delta,
		p: change.test.p,
		pAdjusted,
		significant: pAdjusted < SIGNIFICANCE_LEVEL,
		test
	};
}

type ReportGroup = {
	key: string;
	cell: CsiCell;
	/** Time groups: false for the running period or one the range cuts; true when absent. */
	complete?: boolean;
};

export type ReportInput = {
	weights: (FactorWeight & { name: string })[];
	total: CsiCell;
	/** Time groups come one per period with none left out, empty ones too, so each follows its predecessor. */
	groups: ReportGroup[];
	/** `time`: each complete group against the previous one; `segment`: each group against everyone else. */
	groupKind: 'time' | 'segment';
	correction?: Correction;
};

export function buildReport({
	weights,
	total,
	groups,
	groupKind,
	correction = 'holm'
}: ReportInput): Report {
	const sums = csiSums(total, weights);
	const factors = factorRows(total, weights);
	const overallMoments = asScoreMoments(ratingMoments(total, OVERALL));
	const npsCounts = total.nps.reduce((sum, count) => sum + count, 0);
	const rSquared =
		factors.length && factors.every((row) => row.relativeWeight !== null)
			? factors.reduce((sum, row) => sum + row.relativeWeight!, 0)
			: null;

	const isComplete = (group: ReportGroup | undefined) => group?.complete ?? true;
	const comparisons = groups.map((group, index): Comparison | null => {
		if (groupKind === 'segment')
			return compare(cellWithout(total, group.cell), group.cell, weights);
		const previous = groups[index - 1];
		return previous && isComplete(previous) && isComplete(group)
			? compare(previous.cell, group.cell, weights)
			: null;
	});
	const present = comparisons.filter((comparison): comparison is Comparison => comparison !== null);
	// Time: one family per period-over-period comparison. Segments: the whole segment × factor grid.
	const adjustedOf = adjustedPValues(
		groupKind === 'segment' ? [present] : present.map((comparison) => [comparison]),
		correction
	);
	const groupReports = groups.map((group, index): GroupReport => {
		const { key, cell } = group;
		const comparison = comparisons[index];
		const factorChanges: GroupReport['factorChanges'] = {};
		for (const { key: factorKey } of weights) {
			const raw = comparison?.factors[factorKey];
			factorChanges[factorKey] = {
				score: finishedChange(raw?.score, adjustedOf),
				top2box: finishedChange(raw?.top2box, adjustedOf)
			};
		}
		return {
			key,
			complete: groupKind === 'segment' || isComplete(group),
			csi: estimateOf(csiSums(cell, weights).counted),
			factors: factorRows(cell, weights, false),
			change: finishedChange(comparison?.csi, adjustedOf),
			factorChanges
		};
	});

	return {
		csi: { ...estimateOf(sums.counted), excluded: sums.excluded },
		weightedFactorMean: weightedFactorMean(factors),
		valueWeighted: valueWeightedCsi(total, weights),
		overall: overallMoments.n ? estimateOf(overallMoments) : null,
		nps: npsCounts ? npsEstimate(total.nps) : null,
		rSquared,
		factors,
		groups: groupReports,
		headline: groupKind === 'time' ? headlineOf(groupReports) : null,
		controlChart: groupKind === 'time' ? controlChart(groups, groupReports, weights) : null
	};
}

const latestCompleteIndex = (groups: GroupReport[]) =>
	groups.findLastIndex((group) => group.complete && group.csi.n > 0);

function headlineOf(groups: GroupReport[]): Report['headline'] {
	const index = latestCompleteIndex(groups);
	if (index < 0) return null;
	const { key, csi, change } = groups[index]!;
	return { key, previousKey: groups[index - 1]?.key ?? null, csi, change };
}

/**
 * The latest complete period against limits from the periods before it: centre = their pooled
 * mean, σ = their pooled SD. A running period is never alarmed on; it has not happened yet.
 */
function controlChart(
	groups: ReportGroup[],
	reports: GroupReport[],
	weights: FactorWeight[]
): Report['controlChart'] {
	const index = latestCompleteIndex(reports);
	if (reports.slice(0, Math.max(0, index)).filter((group) => group.csi.n > 0).length < 2)
		return null;
	const latest = groups[index]!;
	const earlier = groups.slice(0, index).reduce(
		(sum, { cell }) => {
			const { counted } = csiSums(cell, weights);
			return { n: sum.n + counted.n, sum: sum.sum + counted.sum, sumSq: sum.sumSq + counted.sumSq };
		},
		{ n: 0, sum: 0, sumSq: 0 }
	);
	const baseline = meanEstimate(earlier);
	const now = csiSums(latest.cell, weights).counted;
	if (!Number.isFinite(baseline.sd) || now.n === 0) return null;
	return {
		...controlChartCheck(baseline.mean, baseline.sd, now.sum / now.n, now.n),
		period: latest.key
	};
}
