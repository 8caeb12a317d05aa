import * as m from '../paraglide/messages';

/**
 * The importance–performance grid (DOMAIN.md): each factor is placed by its derived importance
 * and its score, split at the means of both, so "what to fix first" reads off one chart.
 */
export const quadrants = ['concentrate', 'keep', 'lowPriority', 'overkill'] as const;
export type Quadrant = (typeof quadrants)[number];

/**
 * In the order the owner should read them: what to fix first comes first. Getters, read when
 * shown: each speaks the reader's language.
 */
export const quadrantNames: Record<Quadrant, string> = {
	get concentrate() {
		return m.quadrants_concentrate_name();
	},
	get keep() {
		return m.quadrants_keep_name();
	},
	get lowPriority() {
		return m.quadrants_low_priority_name();
	},
	get overkill() {
		return m.quadrants_overkill_name();
	}
};

export const quadrantMeanings: Record<Quadrant, string> = {
	get concentrate() {
		return m.quadrants_concentrate_meaning();
	},
	get keep() {
		return m.quadrants_keep_meaning();
	},
	get lowPriority() {
		return m.quadrants_low_priority_meaning();
	},
	get overkill() {
		return m.quadrants_overkill_meaning();
	}
};

export type ImportanceMeasure = 'relativeWeightShare' | 'pearson';

type FactorInput = {
	key: string;
	name: string;
	score: number;
	relativeWeightShare: number | null;
	derivedImportance: number | null;
};

export type PlacedFactor = {
	key: string;
	name: string;
	importance: number;
	score: number;
	quadrant: Quadrant;
};

export type ImportanceGrid = {
	/** Johnson's relative-weight shares when every factor has one; Pearson r otherwise. */
	measure: ImportanceMeasure;
	meanImportance: number;
	meanScore: number;
	/** Sorted by quadrant (concentrate here first), then by importance, highest first. */
	placed: PlacedFactor[];
	/** Factors without a score or an importance: not enough answers to place them. */
	unplaced: { key: string; name: string }[];
};

/** Equal to the mean counts as high: a factor exactly on the crosshair is not waved through as low priority. */
export function quadrantOf(
	importance: number,
	score: number,
	meanImportance: number,
	meanScore: number
): Quadrant {
	const important = importance >= meanImportance;
	const good = score >= meanScore;
	if (important) return good ? 'keep' : 'concentrate';
	return good ? 'overkill' : 'lowPriority';
}

export function importanceGrid(factors: FactorInput[]): ImportanceGrid | null {
	const scored = factors.filter((factor) => Number.isFinite(factor.score));
	const measure: ImportanceMeasure =
		scored.length > 0 && scored.every((factor) => factor.relativeWeightShare !== null)
			? 'relativeWeightShare'
			: 'pearson';
	const importanceOf = (factor: FactorInput) =>
		measure === 'relativeWeightShare' ? factor.relativeWeightShare : factor.derivedImportance;
	const candidates = scored.flatMap((factor) => {
		const importance = importanceOf(factor);
		return importance !== null && Number.isFinite(importance)
			? [{ key: factor.key, name: factor.name, importance, score: factor.score }]
			: [];
	});
	if (candidates.length < 2) return null;
	const meanImportance =
		candidates.reduce((sum, factor) => sum + factor.importance, 0) / candidates.length;
	const meanScore = candidates.reduce((sum, factor) => sum + factor.score, 0) / candidates.length;
	const placed = candidates
		.map((factor) => ({
			...factor,
			quadrant: quadrantOf(factor.importance, factor.score, meanImportance, meanScore)
		}))
		.sort(
			(a, b) =>
				quadrants.indexOf(a.quadrant) - quadrants.indexOf(b.quadrant) || b.importance - a.importance
		);
	const placedKeys = new Set(placed.map(({ key }) => key));
	return {
		measure,
		meanImportance,
		meanScore,
		placed,
		unplaced: factors
			.filter(({ key }) => !placedKeys.has(key))
			.map(({ key, name }) => ({ key, name }))
	};
}
