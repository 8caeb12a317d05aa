/**
 * Adds respondents into one `CsiCell` as `addRespondent` does — the same sums, added in the same
 * order, so the same numbers to the last bit — but from ratings packed as numbers by item
 * position, into typed arrays: summing a million respondents takes milliseconds, not seconds.
 */
import type { CsiCell } from './csi-cell';

/** Item positions answered by a pattern, and where its sums sit in its array. */
type Layout = {
	answered: number[];
	sum: number;
	cross: number;
	valuedN: number;
	sumV: number;
	sumVSq: number;
	valuedSum: number;
	valuedCross: number;
	length: number;
};

function layoutOf(answered: number[]): Layout {
	const m = answered.length;
	const pairs = (m * (m + 1)) / 2;
	const valuedN = 1 + m + pairs;
	return {
		answered,
		sum: 1,
		cross: 1 + m,
		valuedN,
		sumV: valuedN + 1,
		sumVSq: valuedN + 2,
		valuedSum: valuedN + 3,
		valuedCross: valuedN + 3 + m,
		length: valuedN + 3 + m + pairs
	};
}

const MAX_ITEMS = 52;

/**
 * One respondent read from packed ratings, with everything `addRespondent` adds worked out once
 * (in its pattern's layout), so adding them to each of the many cells they count in is a run of
 * additions. Reused from one respondent to the next.
 */
export class PackedRespondent {
	/** Which items were answered, as bits; 0 for none. */
	mask = 0;
	answered = 0;
	nps = -1;
	/** Whether the value counts: then `vector` holds the value-weighted sums too. */
	valued = false;
	/** Positions answered, and their ratings. */
	readonly positions: Int32Array;
	readonly ratings: Int32Array;
	/** The pattern's sums for this respondent alone, in its pattern's layout. */
	readonly vector: Float64Array;
	layout: Layout | null = null;
	// By mask: small for the few items a survey rates.
	private readonly layouts: (Layout | undefined)[] = [];

	constructor(private readonly width: number) {
		if (width > MAX_ITEMS) throw new RangeError(`At most ${MAX_ITEMS} rated items`);
		this.positions = new Int32Array(width);
		this.ratings = new Int32Array(width);
		this.vector = new Float64Array(layoutOf(Array.from({ length: width }, (_, i) => i)).length);
	}

	/**
	 * Rating number `first + i` of a chunk's packed `ratings` (`ratingAt`) is item i's rating 1–5
	 * (0 when not answered), `nps` the NPS answer (-1 for none), `value` the client's value
	 * (counted when finite and ≥ 0).
	 */
	read(ratings: Uint8Array, first: number, nps: number, value: number): this {
		const positions = this.positions;
		const r = this.ratings;
		let mask = 0;
		let m = 0;
		let bit = 1;
		for (let i = 0; i < this.width; i++, bit *= 2) {
			const index = first + i;
			const rating = (ratings[index >> 1]! >> ((index & 1) << 2)) & 15;
			if (rating === 0) continue;
			positions[m] = i;
			r[m++] = rating;
			mask += bit;
		}
		this.mask = mask;
		this.answered = m;
		this.nps = nps;
		if (m === 0) return this;
		let layout = this.layouts[mask];
		if (!layout) this.layouts[mask] = layout = layoutOf(Array.from(positions.subarray(0, m)));
		this.layout = layout;
		const v = this.vector;
		// The layout's order: n, Σr_i, then Σr_i·r_j for j ascending and i ≤ j (pairIndex's order).
		let k = 0;
		v[k++] = 1;
		for (let i = 0; i < m; i++) v[k++] = r[i]!;
		for (let j = 0; j < m; j++) for (let i = 0; i <= j; i++) v[k++] = r[i]! * r[j]!;
		this.valued = Number.isFinite(value) && value >= 0;
		if (this.valued) {
			v[k++] = 1;
			v[k++] = value;
			v[k++] = value * value;
			for (let i = 0; i < m; i++) v[k++] = value * r[i]!;
			for (let j = 0; j < m; j++) for (let i = 0; i <= j; i++) v[k++] = value * (r[i]! * r[j]!);
		}
		return this;
	}
}

export class CellSums {
	private readonly patterns = new Map<number, Float64Array>();
	private readonly layouts = new Map<number, Layout>();
	private readonly distribution: Float64Array;
	private readonly nps = new Float64Array(11);
	private lastMask = -1;
	private lastSums: Float64Array = new Float64Array(0);

	/** `items`: the version's rated items, sorted as `addRespondent` sorts them. */
	constructor(private readonly items: readonly string[]) {
		if (items.length > MAX_ITEMS) throw new RangeError(`At most ${MAX_ITEMS} rated items`);
		this.distribution = new Float64Array(items.length * 5);
	}

	/** Adds one respondent (read for this version's items); each sum gets what `addRespondent` adds to it. */
	add(respondent: PackedRespondent): void {
		const m = respondent.answered;
		for (let a = 0; a < m; a++)
			this.distribution[respondent.positions[a]! * 5 + respondent.ratings[a]! - 1]! += 1;
		if (respondent.nps >= 0) this.nps[respondent.nps]! += 1;
		if (m === 0) return;
		let sums = this.lastSums;
		if (respondent.mask !== this.lastMask) {
			const found = this.patterns.get(respondent.mask);
			if (found) sums = found;
			else {
				const layout = respondent.layout!;
				this.patterns.set(respondent.mask, (sums = new Float64Array(layout.length)));
				this.layouts.set(respondent.mask, layout);
			}
			this.lastMask = respondent.mask;
			this.lastSums = sums;
		}
		const vector = respondent.vector;
		const length = respondent.valued ? respondent.layout!.length : respondent.layout!.valuedN;
		for (let k = 0; k < length; k++) sums[k]! += vector[k]!;
	}

	/** The sums as a cell, exactly as `addRespondent` would have built it. */
	cell(): CsiCell {
		const cell: CsiCell = { patterns: {}, distribution: {}, nps: numbers(this.nps, 0, 11) };
		this.items.forEach((item, i) => {
			const counts = numbers(this.distribution, i * 5, 5);
			if (counts.some((n) => n > 0)) cell.distribution[item] = counts;
		});
		for (const [mask, sums] of this.patterns) {
			const layout = this.layouts.get(mask)!;
			const items = layout.answered.map((i) => this.items[i]!);
			const m = items.length;
			const pairs = (m * (m + 1)) / 2;
			cell.patterns[items.join(',')] = {
				items,
				n: sums[0]!,
				sum: numbers(sums, layout.sum, m),
				cross: numbers(sums, layout.cross, pairs),
				valued: {
					n: sums[layout.valuedN]!,
					sumV: sums[layout.sumV]!,
					sumVSq: sums[layout.sumVSq]!,
					sum: numbers(sums, layout.valuedSum, m),
					cross: numbers(sums, layout.valuedCross, pairs)
				}
			};
		}
		return cell;
	}
}

/** A plain array of `length` sums from `from` (spreading a typed array is many times slower). */
function numbers(sums: Float64Array, from: number, length: number): number[] {
	const list = new Array<number>(length);
	for (let i = 0; i < length; i++) list[i] = sums[from + i]!;
	return list;
}
