import { describe, expect, it } from 'vitest';
import { sentimentSummary, type SentimentRow } from '$lib/analytics/sentiment-summary';
import {
	drivingWords,
	factorTones,
	factorToneRows,
	kindsOf,
	labelShare,
	negativeReviewsHref,
	shareSeries,
	topicToneRows
} from './sentiment-view';

const row = (
	kind: SentimentRow['kind'],
	day: string,
	label: SentimentRow['label'],
	aspects: SentimentRow['aspects'] = []
): SentimentRow => ({
	kind,
	day,
	label,
	comparative: null,
	aspects
});

const summary = sentimentSummary(
	[
		row('answer', '2026-01-03', 'positive', [
			{ factor: 'snacks', label: 'positive', comparative: 0.3 }
		]),
		row('answer', '2026-01-20', 'negative', [
			{ factor: 'punctuality', label: 'negative', comparative: -0.6 }
		]),
		row('review', '2026-01-21', null),
		row('review', '2026-02-02', 'negative', [
			{ factor: 'punctuality', label: 'negative', comparative: -0.2 },
			{ factor: 'lounge', label: 'positive', comparative: 0.4 }
		]),
		row('review', '2026-02-03', 'neutral')
	],
	'month'
);

describe('the sentiment panels', () => {
	it('read answers, reviews and their sum, or only the kind chosen', () => {
		expect(kindsOf('both')).toEqual(['answers', 'reviews', 'both']);
		expect(kindsOf('reviews')).toEqual(['reviews']);
	});

	it('give labels as shares of the scored texts, and unscored texts as a share of all texts', () => {
		expect(labelShare(summary.total.reviews, 'negative')).toBe(50);
		expect(labelShare(summary.total.reviews, 'neutral')).toBe(50);
		expect(labelShare(summary.total.reviews, 'notScored')).toBeCloseTo(100 / 3, 12);
		expect(labelShare(summary.total.answers, 'notScored')).toBe(0);
	});

	it('draw positive and negative shares per period, marking periods with fewer than 30 scored texts', () => {
		const series = shareSeries(summary.periods, ['answers', 'both']);
		expect(series.map(({ kind, label }) => `${kind} ${label}`)).toEqual([
			'answers positive',
			'answers negative',
			'both positive',
			'both negative'
		]);
		expect(series[1]!.values).toEqual([50, NaN]);
		expect(series[3]!.values).toEqual([50, 50]);
		expect(series[3]!.lowN).toEqual([true, true]);
	});

	it('put each model factor’s mentions and mean tone beside its score, leaving other models’ factors out', () => {
		const rows = factorToneRows(
			[
				{ key: 'punctuality', name: 'Punctuality', score: 62.5, n: 40, lowN: false },
				{ key: 'safety', name: 'Safety', score: 80, n: 40, lowN: false }
			],
			summary.factors
		);
		expect(rows.map(({ key }) => key)).toEqual(['punctuality', 'safety']);
		expect(rows[0]).toMatchObject({
			score: 62.5,
			positive: 0,
			negative: 2,
			mentions: 2,
			toneLabel: 'negative'
		});
		expect(rows[0]!.meanTone).toBeCloseTo(-0.4, 12);
		// No positive and two negative of two mentions: all of them complain.
		expect(rows[0]!.net).toBe(-1);
		expect(rows[1]!.net).toBeNaN();
		expect(rows[1]).toMatchObject({ mentions: 0, toneLabel: null });
		expect(rows[1]!.meanTone).toBeNaN();
	});

	it('give every topic defined now its tone overall and per period, none where nothing mentions it', () => {
		const counts = (positive: number, neutral: number, negative: number) => ({
			positive,
			neutral,
			negative,
			notScored: 0,
			scored: positive + neutral + negative
		});
		const rows = topicToneRows(
			[
				{ id: 2, name: 'App' },
				{ id: 1, name: 'Staff' }
			],
			[
				{
					topic: '1',
					counts: counts(2, 1, 1),
					meanComparative: 0.1,
					periods: [
						{ key: '2026-01', counts: counts(0, 0, 1), meanComparative: -0.3 },
						{ key: '2026-03', counts: counts(2, 1, 0), meanComparative: 0.2 }
					]
				},
				// A deleted topic's tags until the texts are re-scored.
				{ topic: '9', counts: counts(1, 0, 0), meanComparative: 0.5, periods: [] }
			],
			['2026-01', '2026-02', '2026-03']
		);
		expect(rows.map(({ name }) => name)).toEqual(['App', 'Staff']);
		expect(rows[0]).toMatchObject({ positive: 0, mentions: 0, toneLabel: null });
		expect(rows[0]!.periods.map(({ mentions }) => mentions)).toEqual([0, 0, 0]);
		expect(rows[1]).toMatchObject({
			positive: 2,
			neutral: 1,
			negative: 1,
			mentions: 4,
			net: 0.25,
			meanTone: 0.1,
			toneLabel: 'positive'
		});
		expect(rows[1]!.periods).toEqual([
			{ mentions: 1, meanTone: -0.3, toneLabel: 'negative' },
			{ mentions: 0, meanTone: NaN, toneLabel: null },
			{ mentions: 3, meanTone: 0.2, toneLabel: 'positive' }
		]);
	});

	it('count positive and negative mentions per factor for the dashboard’s tone column', () => {
		expect(factorTones(summary.factors)).toEqual({
			snacks: { positive: 1, negative: 0, mentions: 1 },
			punctuality: { positive: 0, negative: 2, mentions: 2 },
			lounge: { positive: 1, negative: 0, mentions: 1 }
		});
	});

	it('link a negative review to that day’s negative reviews of its source', () => {
		expect(negativeReviewsHref(new Date('2026-02-02T08:00:00Z'), undefined)).toBe(
			'/reviews?sentiment=negative&from=2026-02-02&to=2026-02-02'
		);
		expect(negativeReviewsHref(new Date('2026-02-02T08:00:00Z'), 'trust pilot')).toBe(
			'/reviews?sentiment=negative&from=2026-02-02&to=2026-02-02&source=trust+pilot'
		);
	});

	it('name the words that moved a text most, strongest first', () => {
		const words = [
			{ word: 'good', score: 3 },
			{ word: 'late', score: -2 },
			{ word: 'terribly', score: -3 },
			{ word: 'ok', score: 1 }
		];
		expect(drivingWords(words, 3).map(({ word }) => word)).toEqual(['terribly', 'good', 'late']);
	});
});
