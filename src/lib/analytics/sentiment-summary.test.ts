import { describe, expect, it } from 'vitest';
import { sentimentSummary, shareOf, type SentimentRow } from './sentiment-summary';

const row = (
	kind: SentimentRow['kind'],
	day: string,
	label: SentimentRow['label'],
	aspects: SentimentRow['aspects'] = []
): SentimentRow => ({
	kind,
	day,
	label,
	comparative: label === 'positive' ? 0.5 : label === 'negative' ? -0.5 : label === null ? null : 0,
	aspects
});

describe('sentiment summary', () => {
	const rows = [
		row('answer', '2026-01-03', 'positive'),
		row('answer', '2026-01-20', 'negative', [
			{ factor: 'punctuality', label: 'negative', comparative: -0.6 }
		]),
		row('review', '2026-01-21', null),
		row('review', '2026-02-02', 'negative', [
			{ factor: 'punctuality', label: 'negative', comparative: -0.2 },
			{ factor: 'snacks', label: 'positive', comparative: 0.4 }
		]),
		row('review', '2026-02-03', 'neutral')
	];
	const summary = sentimentSummary(rows, 'month');

	it('counts answers, reviews and both, keeping unscored texts apart from neutral ones', () => {
		expect(summary.total.answers).toEqual({
			positive: 1,
			neutral: 0,
			negative: 1,
			notScored: 0,
			scored: 2
		});
		expect(summary.total.reviews).toEqual({
			positive: 0,
			neutral: 1,
			negative: 1,
			notScored: 1,
			scored: 2
		});
		expect(summary.total.both).toEqual({
			positive: 1,
			neutral: 1,
			negative: 2,
			notScored: 1,
			scored: 4
		});
	});

	it('gives the negative share of scored texts per month', () => {
		expect(summary.periods.map(({ key, both }) => [key, shareOf(both, 'negative')])).toEqual([
			['2026-01', 50],
			['2026-02', 50]
		]);
		expect(shareOf(summary.total.answers, 'positive')).toBe(50);
	});

	it('gives each factor the sentiment of the sentences about it', () => {
		const punctuality = summary.factors.find(({ factor }) => factor === 'punctuality')!;
		expect(punctuality.counts).toMatchObject({ negative: 2, scored: 2 });
		expect(punctuality.meanComparative).toBeCloseTo(-0.4, 12);
	});
});
