/**
 * The sentiment report as the dashboard draws it: which kinds of text a view reads, shares per
 * period, each factor's tone beside its score, and where a negative text can be read in full.
 */
import { utcDay } from '$lib/dates';
import {
	shareOf,
	type FactorSentiment,
	type KindCounts,
	type Label,
	type LabelCounts,
	type MentionTone,
	type TopicSentiment
} from '$lib/analytics/sentiment-summary';
import { MIN_RELIABLE_N } from '$lib/analytics/report';
import type { SentimentQuery } from '$lib/schemas/analytics';
import * as m from '../../paraglide/messages';
// The thresholds alone: the engine's index would load every word list into the page.
import { labelOf } from '$lib/sentiment/labels';

export type TextKindKey = keyof KindCounts;

/** A kind of text by its name, in the language of the page. */
export const kindName = (kind: TextKindKey): string =>
	({
		answers: m.dashboard_kind_answers,
		reviews: m.dashboard_kind_reviews,
		both: m.dashboard_kind_both
	})[kind]();

/** The kinds of text a view reads: both kinds and their sum, or the one chosen. */
export function kindsOf(texts: SentimentQuery['texts']): TextKindKey[] {
	return texts === 'both' ? ['answers', 'reviews', 'both'] : [texts];
}

/** A label by its name; texts that were not scored are their own row, never neutral. */
export const labelName = (label: Label | 'notScored'): string =>
	({
		positive: m.dashboard_label_positive,
		neutral: m.dashboard_label_neutral,
		negative: m.dashboard_label_negative,
		notScored: m.dashboard_label_not_scored
	})[label]();

const allTexts = (counts: LabelCounts) => counts.scored + counts.notScored;

/** A label's count with its share: of the scored texts, or of all texts for the unscored ones. */
export function labelShare(counts: LabelCounts, label: Label | 'notScored'): number {
	if (label !== 'notScored') return shareOf(counts, label);
	return allTexts(counts) ? (100 * counts.notScored) / allTexts(counts) : NaN;
}

export type ShareSeries = {
	kind: TextKindKey;
	label: 'positive' | 'negative';
	values: number[];
	lowN: boolean[];
};

/** Positive and negative shares of scored texts per period, for each kind read; NaN where none was scored. */
export function shareSeries(
	periods: ({ key: string } & KindCounts)[],
	kinds: TextKindKey[]
): ShareSeries[] {
	return kinds.flatMap((kind) =>
		(['positive', 'negative'] as const).map((label) => ({
			kind,
			label,
			values: periods.map((period) => shareOf(period[kind], label)),
			lowN: periods.map((period) => period[kind].scored < MIN_RELIABLE_N)
		}))
	);
}

/** How a factor's or topic's mentions sound: how many, their mean tone and its label. */
export type ToneCell = {
	/** Scored sentences that mention it. */
	mentions: number;
	/** Mean comparative score of those sentences; NaN without any. */
	meanTone: number;
	toneLabel: Label | null;
};

function toneCell(tone: MentionTone | undefined): ToneCell {
	const meanTone = tone?.counts.scored ? tone.meanComparative : NaN;
	return {
		mentions: tone?.counts.scored ?? 0,
		meanTone,
		toneLabel: Number.isFinite(meanTone) ? labelOf(meanTone) : null
	};
}

/**
 * Mentions by label, none for what nothing mentions, and their balance: the share of positive
 * mentions less the share of negative ones (NaN without any). A mean tone can lean positive while
 * more mentions complain (a few warm words outweigh many a plain "late"); the balance says which
 * way most of them go.
 */
function labelled(tone: MentionTone | undefined): MentionCounts {
	const counts = tone?.counts;
	return {
		positive: counts?.positive ?? 0,
		neutral: counts?.neutral ?? 0,
		negative: counts?.negative ?? 0,
		net: counts?.scored ? (counts.positive - counts.negative) / counts.scored : NaN
	};
}

type MentionCounts = { positive: number; neutral: number; negative: number; net: number };

export type FactorToneRow = {
	key: string;
	name: string;
	score: number;
	n: number;
	lowN: boolean;
} & MentionCounts &
	ToneCell;

/**
 * Each factor of the model with its score and the tone of the sentences that mention it, in the
 * order given (the factor table's). Aspects are reported by factor key, which models may share, so
 * keys that are not this model's factors are left out.
 */
export function factorToneRows(
	factors: { key: string; name: string; score: number; n: number; lowN: boolean }[],
	sentiment: FactorSentiment[]
): FactorToneRow[] {
	const byKey = new Map(sentiment.map((entry) => [entry.factor, entry]));
	return factors.map(({ key, name, score, n, lowN }) => {
		const tone = byKey.get(key);
		return { key, name, score, n, lowN, ...labelled(tone), ...toneCell(tone) };
	});
}

export type TopicToneRow = {
	id: number;
	name: string;
	/** The tone in each of the view's periods, in their order. */
	periods: ToneCell[];
} & MentionCounts &
	ToneCell;

/**
 * Every topic defined now, in the order given, with its tone over the view and in each of its
 * periods (`periods`: their keys, oldest first). Tags of a deleted topic are left out: texts keep
 * them until they are re-scored.
 */
export function topicToneRows(
	topics: { id: number; name: string }[],
	sentiment: TopicSentiment[],
	periods: string[]
): TopicToneRow[] {
	const byId = new Map(sentiment.map((entry) => [entry.topic, entry]));
	return topics.map(({ id, name }) => {
		const tone = byId.get(String(id));
		const inPeriods = new Map(tone?.periods.map((period) => [period.key, period]));
		return {
			id,
			name,
			...labelled(tone),
			...toneCell(tone),
			periods: periods.map((key) => toneCell(inPeriods.get(key)))
		};
	});
}

export type FactorTone = { positive: number; negative: number; mentions: number };

/** The main dashboard's compact "Tone" column: positive and negative mentions per factor key. */
export function factorTones(sentiment: FactorSentiment[]): Record<string, FactorTone> {
	return Object.fromEntries(
		sentiment.map(({ factor, counts }) => [
			factor,
			{ positive: counts.positive, negative: counts.negative, mentions: counts.scored }
		])
	);
}

/**
 * Reviews have no page of their own: the review list filtered to the negative reviews of that day
 * (and of the chosen source) holds the one shown, with its stars, author and words.
 */
export function negativeReviewsHref(at: Date, reviewSource: string | undefined): string {
	const day = utcDay(at);
	const params = new URLSearchParams({ sentiment: 'negative', from: day, to: day });
	if (reviewSource) params.set('source', reviewSource);
	return `/reviews?${params}`;
}

/** The words that moved a text's score most, strongest first, as "late −2". */
export function drivingWords(
	words: { word: string; score: number }[],
	limit = 6
): { word: string; score: number }[] {
	return [...words]
		.sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.score - b.score)
		.slice(0, limit);
}
