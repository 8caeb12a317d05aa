import type { SentimentLabel, Thresholds } from './types';

/**
 * Calibrated on the UCI Amazon sentences, a third of our own labelled sets per language and the
 * labelled corpus's tuning split (see docs/sentiment.md and `npx tsx scripts/bench-sentiment.ts`);
 * DOMAIN's starting point was ±0.05.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { positive: 0.045, negative: -0.025 };

/** Positive above `positive`, negative below `negative`; the boundaries themselves are neutral. */
export function labelOf(
	comparative: number,
	thresholds: Thresholds = DEFAULT_THRESHOLDS
): SentimentLabel {
	if (comparative > thresholds.positive) return 'positive';
	if (comparative < thresholds.negative) return 'negative';
	return 'neutral';
}
