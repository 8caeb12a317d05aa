/**
 * Counts of positive, neutral and negative texts — open answers, reviews, both — overall, per
 * period and per factor (aspect sentiment). Texts that could not be scored (no word list for
 * their language) are counted apart, never as neutral.
 */
import { periodOf, type Granularity } from './periods';

export type Label = 'positive' | 'neutral' | 'negative';
export type TextKind = 'answer' | 'review';

export type SentimentRow = {
	kind: TextKind;
	/** UTC day `YYYY-MM-DD`. */
	day: string;
	/** Null: not scored. */
	label: Label | null;
	comparative: number | null;
	aspects: { factor: string; label: Label; comparative: number }[];
};

export type LabelCounts = {
	positive: number;
	neutral: number;
	negative: number;
	notScored: number;
	scored: number;
};
export type KindCounts = { answers: LabelCounts; reviews: LabelCounts; both: LabelCounts };

const emptyCounts = (): LabelCounts => ({
	positive: 0,
	neutral: 0,
	negative: 0,
	notScored: 0,
	scored: 0
});
const emptyKinds = (): KindCounts => ({
	answers: emptyCounts(),
	reviews: emptyCounts(),
	both: emptyCounts()
});

function count(into: LabelCounts, label: Label | null): void {
	if (label === null) into.notScored += 1;
	else {
		into[label] += 1;
		into.scored += 1;
	}
}

function countRow(into: KindCounts, row: SentimentRow): void {
	count(row.kind === 'answer' ? into.answers : into.reviews, row.label);
	count(into.both, row.label);
}

/** Share of scored texts with a label, in %; NaN with none scored. */
export const shareOf = (counts: LabelCounts, label: Label) =>
	counts.scored ? (100 * counts[label]) / counts.scored : NaN;

/** Mentions by label and their mean comparative. */
export type MentionTone = { counts: LabelCounts; meanComparative: number };

export type FactorSentiment = { factor: string } & MentionTone;

/** The tone a topic (by id) got over a view and in each of its periods. */
export type TopicSentiment = { topic: string } & MentionTone & {
		periods: ({ key: string } & MentionTone)[];
	};

export function sentimentSummary(rows: SentimentRow[], granularity: Granularity) {
	const total = emptyKinds();
	const periods = new Map<string, KindCounts>();
	const factors = new Map<string, { counts: LabelCounts; sum: number }>();
	for (const row of rows) {
		countRow(total, row);
		const key = periodOf(row.day, granularity);
		let period = periods.get(key);
		if (!period) periods.set(key, (period = emptyKinds()));
		countRow(period, row);
		for (const aspect of row.aspects) {
			let factor = factors.get(aspect.factor);
			if (!factor) factors.set(aspect.factor, (factor = { counts: emptyCounts(), sum: 0 }));
			count(factor.counts, aspect.label);
			factor.sum += aspect.comparative;
		}
	}
	return {
		total,
		periods: [...periods]
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([key, counts]) => ({ key, ...counts })),
		factors: [...factors].map(([factor, { counts, sum }]): FactorSentiment => ({
			factor,
			counts,
			meanComparative: sum / counts.scored
		}))
	};
}

export type SentimentSummary = ReturnType<typeof sentimentSummary>;
