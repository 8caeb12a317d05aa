import type { SentimentLabel } from './types';

/** What a labelled text says: its overall label and the tone it gives each factor it talks about. */
export type GoldText = { label: SentimentLabel; aspects: Record<string, SentimentLabel> };
/** What the engine said about it (label null: not scored). */
export type Prediction = {
	label: SentimentLabel | null;
	aspects: { factor: string; label: SentimentLabel }[];
};
export type Tally = { right: number; total: number };
export type CorpusScore = {
	overall: Tally;
	aspects: Tally;
	/** Factors the engine found that the text does not talk about. */
	spurious: number;
};

/**
 * Strict accuracy, neutral counted as wrong: a text is right only with its own label (a polar
 * text called neutral, or not scored, is wrong); a factor the text talks about is right only when
 * the engine found it with the same tone (a factor it missed is wrong).
 */
export function scoreCorpus(gold: GoldText[], predicted: Prediction[]): CorpusScore {
	if (gold.length !== predicted.length)
		throw new Error(`${gold.length} labelled texts but ${predicted.length} predictions`);
	const score: CorpusScore = {
		overall: { right: 0, total: 0 },
		aspects: { right: 0, total: 0 },
		spurious: 0
	};
	gold.forEach((text, i) => {
		const prediction = predicted[i]!;
		score.overall.total++;
		if (prediction.label === text.label) score.overall.right++;
		const found = new Map(prediction.aspects.map(({ factor, label }) => [factor, label]));
		for (const [factor, label] of Object.entries(text.aspects)) {
			score.aspects.total++;
			if (found.get(factor) === label) score.aspects.right++;
		}
		score.spurious += [...found.keys()].filter((factor) => !(factor in text.aspects)).length;
	});
	return score;
}

/** A tally as a share, 0 when there is nothing to count. */
export const shareOf = ({ right, total }: Tally): number => (total ? right / total : 0);
