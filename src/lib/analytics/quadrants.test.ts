import { describe, expect, it } from 'vitest';
import { importanceGrid, quadrantOf } from './quadrants';

const factor = (
	key: string,
	score: number,
	relativeWeightShare: number | null,
	derivedImportance: number | null = null
) => ({
	key,
	name: key,
	score,
	relativeWeightShare,
	derivedImportance
});

describe('the importance–performance grid', () => {
	it('splits at the means: important and weak means concentrate here, listed first', () => {
		// Means: importance (0.4 + 0.3 + 0.2 + 0.1) / 4 = 0.25, score (40 + 80 + 50 + 90) / 4 = 65.
		const grid = importanceGrid([
			factor('snacks', 90, 0.1),
			factor('safety', 80, 0.3),
			factor('customs', 50, 0.2),
			factor('punctuality', 40, 0.4)
		])!;
		expect(grid.measure).toBe('relativeWeightShare');
		expect(grid.meanImportance).toBeCloseTo(0.25, 12);
		expect(grid.meanScore).toBeCloseTo(65, 12);
		expect(grid.placed.map(({ key, quadrant }) => [key, quadrant])).toEqual([
			['punctuality', 'concentrate'],
			['safety', 'keep'],
			['customs', 'lowPriority'],
			['snacks', 'overkill']
		]);
	});

	it('orders factors within a quadrant by importance, highest first', () => {
		const grid = importanceGrid([
			factor('a', 10, 0.3),
			factor('b', 20, 0.5),
			factor('c', 90, 0.1),
			factor('d', 95, 0.1)
		])!;
		expect(
			grid.placed.filter(({ quadrant }) => quadrant === 'concentrate').map(({ key }) => key)
		).toEqual(['b', 'a']);
	});

	it('falls back to Pearson r when relative weights are missing for any factor', () => {
		const grid = importanceGrid([factor('a', 30, 0.6, 0.7), factor('b', 70, null, 0.2)])!;
		expect(grid.measure).toBe('pearson');
		expect(grid.placed.map(({ key, importance }) => [key, importance])).toEqual([
			['a', 0.7],
			['b', 0.2]
		]);
	});

	it('leaves out factors without a score or importance, and says which', () => {
		const grid = importanceGrid([
			factor('a', 30, null, 0.7),
			factor('b', 70, null, 0.2),
			factor('c', NaN, null, null),
			factor('d', 50, null, null)
		])!;
		expect(grid.placed.map(({ key }) => key)).toEqual(['a', 'b']);
		expect(grid.unplaced.map(({ key }) => key)).toEqual(['c', 'd']);
	});

	it('needs two placed factors to draw a grid at all', () => {
		expect(importanceGrid([factor('a', 30, 1)])).toBeNull();
		expect(importanceGrid([])).toBeNull();
	});

	it('counts a factor on the crosshair as important and good', () => {
		expect(quadrantOf(0.25, 65, 0.25, 65)).toBe('keep');
	});
});
