import { describe, expect, it } from 'vitest';
import { scoreTrends, trendChartPoints, type ScoredResponse } from './score-trend';

const csi = { id: 1, name: 'Airline CSI' };
const resolved = { id: 2, name: 'Did we resolve it?' };
const at = (day: string) => new Date(`${day}T10:00:00Z`);
const response = (id: number, day: string, score: number | null, survey = csi): ScoredResponse => ({
	id,
	submittedAt: at(day),
	survey,
	score
});

describe('a client’s score trend', () => {
	const trends = scoreTrends([
		// Given newest first, as the card lists them.
		response(5, '2026-04-02', 50, resolved),
		response(4, '2026-04-01', 62.5),
		response(3, '2026-03-01', null),
		response(2, '2026-02-01', 80),
		response(1, '2026-01-01', 75)
	]);

	it('keeps one trend per survey, the one answered last first', () => {
		expect(trends.map(({ survey }) => survey.name)).toEqual(['Did we resolve it?', 'Airline CSI']);
	});

	it('lists the scores oldest first with the change since the previous scored response', () => {
		// 75 → 80: +5; the response without a score has no change; 80 → 62.5 (skipping it): −17.5.
		expect(trends[1]!.points.map(({ id, score, change }) => ({ id, score, change }))).toEqual([
			{ id: 1, score: 75, change: null },
			{ id: 2, score: 80, change: 5 },
			{ id: 3, score: null, change: null },
			{ id: 4, score: 62.5, change: -17.5 }
		]);
	});

	it('sums up the change from the first score to the last, over the scored responses', () => {
		expect(trends[1]).toMatchObject({ scored: 3, change: -12.5 });
		expect(trends[0]).toMatchObject({ scored: 1, change: null });
	});

	it('orders responses given at the same moment by id', () => {
		const [trend] = scoreTrends([response(9, '2026-01-01', 40), response(8, '2026-01-01', 20)]);
		expect(trend!.points.map(({ id, change }) => ({ id, change }))).toEqual([
			{ id: 8, change: null },
			{ id: 9, change: 20 }
		]);
	});

	it('has nothing to show without responses', () => {
		expect(scoreTrends([])).toEqual([]);
	});
});

describe('the trend chart', () => {
	it('places scored points on a true time axis and a fixed 0–100 axis', () => {
		const [trend] = scoreTrends([
			response(1, '2026-01-01', 75),
			response(2, '2026-01-11', null),
			response(3, '2026-01-31', 25),
			response(4, '2026-02-10', 100)
		]);
		// 40 days from first to last: day 30 sits at 30/40 of 200 = 150; 75 of 100 is 25 from the top of 100.
		expect(trendChartPoints(trend!, { width: 200, height: 100 })).toEqual([
			{ id: 1, x: 0, y: 25 },
			{ id: 3, x: 150, y: 75 },
			{ id: 4, x: 200, y: 0 }
		]);
	});

	it('draws a single score in the middle, and nothing without scores', () => {
		const [one] = scoreTrends([response(1, '2026-01-01', 0)]);
		expect(trendChartPoints(one!, { width: 200, height: 100 })).toEqual([
			{ id: 1, x: 100, y: 100 }
		]);
		const [none] = scoreTrends([response(1, '2026-01-01', null)]);
		expect(trendChartPoints(none!, { width: 200, height: 100 })).toEqual([]);
	});
});
