import { describe, expect, it } from 'vitest';
import { optionsInOrder, seededOrder } from './option-order';

const letters = ['a', 'b', 'c', 'd', 'e', 'f'];
const seeds = Array.from({ length: 200 }, (_, i) => `token-${i}`);

describe('a respondent’s own order of options', () => {
	it('is the same every time for the same seed', () => {
		for (const seed of seeds)
			expect(seededOrder(letters, seed)).toEqual(seededOrder(letters, seed));
	});

	it('holds every option exactly once', () => {
		for (const seed of seeds) expect([...seededOrder(letters, seed)].sort()).toEqual(letters);
	});

	it('differs between respondents: 200 seeds give many orders, and each option leads for some', () => {
		const orders = new Set(seeds.map((seed) => seededOrder(letters, seed).join('')));
		// 720 orders are possible; 200 draws repeat only a few of them (about 25 expected).
		expect(orders.size).toBeGreaterThan(150);
		const leaders = new Set(seeds.map((seed) => seededOrder(letters, seed)[0]));
		expect([...leaders].sort()).toEqual(letters);
	});

	it('leaves the options as written unless the question asks for shuffling, or without a respondent', () => {
		const options = letters.map((id) => ({ id }));
		expect(optionsInOrder({ id: 'q1', options }, 'token-1')).toEqual(options);
		expect(optionsInOrder({ id: 'q1', options, shuffleOptions: true }, undefined)).toEqual(options);
		const shuffled = seeds.map((seed) =>
			optionsInOrder({ id: 'q1', options, shuffleOptions: true }, seed)
				.map(({ id }) => id)
				.join('')
		);
		expect(shuffled.some((order) => order !== letters.join(''))).toBe(true);
	});

	it('gives two questions of one respondent orders of their own', () => {
		const order = (id: string, seed: string) =>
			optionsInOrder({ id, options: letters, shuffleOptions: true }, seed).join('');
		const differing = seeds.filter((seed) => order('q1', seed) !== order('q2', seed));
		expect(differing.length).toBeGreaterThan(150);
	});
});
