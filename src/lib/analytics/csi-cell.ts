/**
 * Mergeable sums of responses, from which every dashboard number follows for any weight set.
 *
 * Respondents are grouped by *answer pattern* (which rated items they answered). Within a pattern
 * the respondent CSI's denominator Σ_{answered} w_f is one constant, so the CSI's sum and sum of
 * squares are linear in the pattern's sums and cross-products of ratings (docs/csi.md). A cell
 * therefore never needs the weights: weight changes need no rebuild, and cells add and subtract
 * (period totals, "everyone but this segment").
 *
 * Ratings are stored raw (integers 1–5), so sums of integer-valued respondents stay exact.
 */

/** The item key of the overall-satisfaction question; factor keys cannot contain parentheses. */
export const OVERALL = '(overall)';

/** One respondent as the cell sees them: ratings 1–5 by factor key (and OVERALL), N/A left out. */
export type RespondentScores = {
	ratings: Record<string, number>;
	nps?: number | null;
	value?: number | null;
};

export type PatternSums = {
	/** Answered items, sorted. */
	items: string[];
	n: number;
	/** Σ r_i per item. */
	sum: number[];
	/** Σ r_i·r_j for i ≤ j, upper triangle by column (see `pairIndex`). */
	cross: number[];
	/** The same sums weighted by the respondents' value (only respondents with a value). */
	valued: { n: number; sumV: number; sumVSq: number; sum: number[]; cross: number[] };
};

export type CsiCell = {
	patterns: Record<string, PatternSums>;
	/** Counts of the ratings 1..5 per item. */
	distribution: Record<string, number[]>;
	/** Counts of the NPS answers 0..10 (all zero when nobody answered one). */
	nps: number[];
};

export const pairIndex = (i: number, j: number) =>
	i <= j ? (j * (j + 1)) / 2 + i : (i * (i + 1)) / 2 + j;

const zeros = (length: number) => new Array<number>(length).fill(0);

export function emptyCell(): CsiCell {
	return { patterns: {}, distribution: {}, nps: zeros(11) };
}

function emptyPattern(items: string[]): PatternSums {
	const crossLength = (items.length * (items.length + 1)) / 2;
	return {
		items,
		n: 0,
		sum: zeros(items.length),
		cross: zeros(crossLength),
		valued: { n: 0, sumV: 0, sumVSq: 0, sum: zeros(items.length), cross: zeros(crossLength) }
	};
}

const isRating = (value: unknown): value is number =>
	Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;

/** Adds one respondent to `cell` in place. Ratings outside 1–5 are a caller's bug. */
export function addRespondent(cell: CsiCell, respondent: RespondentScores): CsiCell {
	const entries = Object.entries(respondent.ratings).sort(([a], [b]) =>
		a < b ? -1 : a > b ? 1 : 0
	);
	for (const [item, rating] of entries)
		if (!isRating(rating)) throw new RangeError(`Rating for ${item} must be 1–5, got ${rating}`);
	for (const [item, rating] of entries) (cell.distribution[item] ??= zeros(5))[rating - 1]! += 1;
	const nps = respondent.nps;
	if (nps !== null && nps !== undefined) {
		if (!Number.isInteger(nps) || nps < 0 || nps > 10)
			throw new RangeError(`NPS answer must be 0–10, got ${nps}`);
		cell.nps[nps]! += 1;
	}
	if (!entries.length) return cell;
	const items = entries.map(([item]) => item);
	const pattern = (cell.patterns[items.join(',')] ??= emptyPattern(items));
	const ratings = entries.map(([, rating]) => rating);
	const value = respondent.value;
	const valued = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
	pattern.n += 1;
	if (valued !== null) {
		pattern.valued.n += 1;
		pattern.valued.sumV += valued;
		pattern.valued.sumVSq += valued * valued;
	}
	ratings.forEach((ri, i) => {
		pattern.sum[i]! += ri;
		if (valued !== null) pattern.valued.sum[i]! += valued * ri;
		for (let j = i; j < ratings.length; j++) {
			const product = ri * ratings[j]!;
			pattern.cross[pairIndex(i, j)]! += product;
			if (valued !== null) pattern.valued.cross[pairIndex(i, j)]! += valued * product;
		}
	});
	return cell;
}

const addInto = (target: number[], source: number[], sign: 1 | -1) =>
	source.forEach((value, i) => (target[i]! += sign * value));

function combine(target: CsiCell, source: CsiCell, sign: 1 | -1): CsiCell {
	for (const [key, pattern] of Object.entries(source.patterns)) {
		const into = (target.patterns[key] ??= emptyPattern(pattern.items));
		into.n += sign * pattern.n;
		addInto(into.sum, pattern.sum, sign);
		addInto(into.cross, pattern.cross, sign);
		into.valued.n += sign * pattern.valued.n;
		into.valued.sumV += sign * pattern.valued.sumV;
		into.valued.sumVSq += sign * pattern.valued.sumVSq;
		addInto(into.valued.sum, pattern.valued.sum, sign);
		addInto(into.valued.cross, pattern.valued.cross, sign);
		if (into.n === 0) delete target.patterns[key];
	}
	for (const [item, counts] of Object.entries(source.distribution))
		addInto((target.distribution[item] ??= zeros(5)), counts, sign);
	addInto(target.nps, source.nps, sign);
	return target;
}

/** Adds `source` into `target` in place. */
export const mergeCell = (target: CsiCell, source: CsiCell) => combine(target, source, 1);

/** `whole − part`, as a new cell: "everyone but this segment". */
export const cellWithout = (whole: CsiCell, part: CsiCell) =>
	combine(combine(emptyCell(), whole, 1), part, -1);

export const mergedCells = (cells: Iterable<CsiCell>) => {
	const total = emptyCell();
	for (const cell of cells) mergeCell(total, cell);
	return total;
};
