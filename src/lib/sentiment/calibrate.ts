/** Accuracy on labelled texts and the threshold search behind DEFAULT_THRESHOLDS. */
import { labelOf } from './labels';
import type { SentimentLabel, Thresholds } from './types';

/** A labelled text's comparative score; null when the engine did not score it. */
export type ScoredSample = { gold: SentimentLabel; comparative: number | null };

export type AccuracyReport = {
	texts: number;
	/** Texts labelled positive or negative. */
	polar: number;
	/** Of the polar texts the engine labelled positive or negative: share with the right sign. */
	accuracy: number;
	/** Of the polar texts: share the engine left neutral (or did not score). */
	neutralShare: number;
	/** Of the polar texts: share labelled right, neutral counted wrong. */
	strictAccuracy: number;
	/** Of all texts, neutral ones included: share labelled right. */
	threeClassAccuracy: number;
};

export function accuracyReport(samples: ScoredSample[], thresholds: Thresholds): AccuracyReport {
	let polar = 0,
		decided = 0,
		right = 0,
		allRight = 0;
	for (const { gold, comparative } of samples) {
		const label = comparative === null ? null : labelOf(comparative, thresholds);
		if (label === gold) allRight++;
		if (gold === 'neutral') continue;
		polar++;
		if (label === null || label === 'neutral') continue;
		decided++;
		if (label === gold) right++;
	}
	return {
		texts: samples.length,
		polar,
		accuracy: decided > 0 ? right / decided : 0,
		neutralShare: polar > 0 ? (polar - decided) / polar : 0,
		strictAccuracy: polar > 0 ? right / polar : 0,
		threeClassAccuracy: samples.length > 0 ? allRight / samples.length : 0
	};
}

/**
 * Thresholds that maximise the mean three-class accuracy over the given sets (each set weighs
 * the same, so 1,000 Amazon sentences do not drown 40 Finnish reviews). Near-ties — less than
 * half a text of the smallest set apart — go to the wider neutral band: when the evidence is
 * that weak, "neutral" is the honest label.
 */
export function calibrateThresholds(sets: ScoredSample[][], step = 0.005, max = 0.3): Thresholds {
	const smallest = Math.min(...sets.map((set) => set.length));
	const tolerance = 0.5 / (sets.length * smallest);
	const steps = Math.round(max / step);
	const grid: { thresholds: Thresholds; score: number }[] = [];
	for (let p = 0; p <= steps; p++) {
		for (let n = 0; n <= steps; n++) {
			const thresholds = { positive: round(p * step), negative: round(-n * step) };
			let sum = 0;
			for (const set of sets) sum += accuracyReport(set, thresholds).threeClassAccuracy;
			grid.push({ thresholds, score: sum / sets.length });
		}
	}
	const best = Math.max(...grid.map((g) => g.score));
	const width = (t: Thresholds) => t.positive - t.negative;
	let chosen = grid[0]!.thresholds;
	for (const { thresholds, score } of grid) {
		if (score >= best - tolerance && width(thresholds) > width(chosen)) chosen = thresholds;
	}
	return chosen;
}

function round(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}
