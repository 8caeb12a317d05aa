import { describe, expect, it } from 'vitest';
import { trendChartConfig, type TrendChartInput } from './trend-chart-config';

const input: TrendChartInput = {
	periods: ['May 2024', 'Jun 2024', 'Jul 2024'],
	main: {
		label: 'CSI',
		// June had no answers; July had two, with an interval the t-distribution stretches to −31.5–129.9.
		values: [71.2, NaN, 49.2],
		ciLow: [68.1, NaN, -31.5],
		ciHigh: [74.3, NaN, 129.9],
		lowN: [false, true, true]
	},
	extra: [],
	target: null,
	reference: null,
	markers: [],
	yTitle: 'Score (0–100)'
};

describe('the score trend chart', () => {
	const config = trendChartConfig(input);
	const dataset = (label: string) => config.data.datasets.find((set) => set.label === label)!;

	it('keeps the score axis fixed at 0–100, whatever the intervals', () => {
		expect(config.options?.scales?.y).toMatchObject({ min: 0, max: 100 });
	});

	it('leaves an empty period as a gap in the line', () => {
		expect(dataset('CSI').data).toEqual([71.2, null, 49.2]);
		expect(config.data.labels).toEqual(['May 2024', 'Jun 2024', 'Jul 2024']);
	});

	it('draws no band where a period has fewer than 30 answers', () => {
		expect(dataset('ciLow').data).toEqual([68.1, null, null]);
		expect(dataset('95% confidence interval').data).toEqual([74.3, null, null]);
	});
});
