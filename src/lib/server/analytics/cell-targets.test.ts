import { describe, expect, it } from 'vitest';
import { dimensionsOf } from '../../analytics/dimensions';
import { cellTargetsInvolving, cellTargetsOf } from './cells';
import { isWanted } from './selection';

const keys = (targets: { dimension: string; by: string }[]) =>
	targets.map(({ dimension, by }) => `${by} ${dimension}`).sort();

describe('the cells a response counts in', () => {
	it('involving one dimension are exactly those of all its cells that involve it', () => {
		const dimensions = dimensionsOf(
			{ segments: [3, 7, 12], tags: ['vip', 'b2b'], manager: 'u1' },
			'de'
		);
		for (const involved of ['segment:7', 'tag:vip', 'language:de', 'manager:u1']) {
			const wanted = { involving: involved };
			expect(keys(cellTargetsInvolving(dimensions, involved))).toEqual(
				keys(cellTargetsOf(dimensions).filter(({ dimension }) => isWanted(wanted, dimension)))
			);
		}
		// A response without the dimension counts in none of its cells.
		expect(cellTargetsInvolving(dimensions, 'segment:8')).toEqual([]);
	});
});
