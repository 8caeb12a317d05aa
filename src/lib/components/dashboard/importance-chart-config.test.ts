import { describe, expect, it } from 'vitest';
import type { ImportanceGrid } from '$lib/analytics/quadrants';
import { formatShare } from './format';
import { importanceChartConfig } from './importance-chart-config';

const grid: ImportanceGrid = {
	measure: 'relativeWeightShare',
	meanImportance: 0.25,
	meanScore: 60,
	placed: [
		{
			key: 'punctuality',
			name: 'Punctual departure',
			importance: 0.58,
			score: 41,
			quadrant: 'concentrate'
		},
		{ key: 'safety', name: 'Safety', importance: 0.3, score: 80, quadrant: 'keep' },
		{ key: 'snacks', name: 'Snacks', importance: 0.04, score: 72, quadrant: 'overkill' },
		{ key: 'customs', name: 'Customs', importance: 0.08, score: 55, quadrant: 'lowPriority' }
	],
	unplaced: []
};

describe('the importance–performance chart', () => {
	const config = importanceChartConfig(grid, 'Derived importance', (value) => formatShare(value));
	const scales = config.options!.scales!;

	it('starts both axes at 0 and keeps scores on 0–100', () => {
		expect(scales.x).toMatchObject({ min: 0 });
		expect(scales.y).toMatchObject({ min: 0, max: 100 });
	});

	it('writes importance in one unit on the axis and in the tooltip, as the table does', () => {
		const tick = (scales.x as { ticks: { callback: (value: number) => string } }).ticks.callback;
		expect(tick(0.5)).toBe('50%');
		const label = config.options!.plugins!.tooltip!.callbacks!.label as unknown as (item: {
			raw: { name: string };
			parsed: { x: number; y: number };
		}) => string;
		expect(label({ raw: { name: 'Punctual departure' }, parsed: { x: 0.58, y: 41 } })).toBe(
			'Punctual departure: importance 58%, score 41.0'
		);
	});

	it('names the quadrants as the methodology does', () => {
		expect(config.data.datasets.map(({ label }) => label)).toEqual([
			'Concentrate here',
			'Keep up the good work',
			'Low priority',
			'Possible overkill'
		]);
	});
});
