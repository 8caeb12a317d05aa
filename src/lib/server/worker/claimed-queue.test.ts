import { describe, expect, it } from 'vitest';
import { handleClaimed } from './claimed-queue';

describe('a round of a claimed queue', () => {
	it('handles only the items it won the claim for, and says how many', async () => {
		const handled: number[] = [];
		const claimed = await handleClaimed(
			async () => [1, 2, 3, 4].filter((n) => n % 2 === 0),
			async (n) => {
				handled.push(n);
			},
			8
		);
		expect(claimed).toBe(2);
		expect(handled.sort()).toEqual([2, 4]);
	});

	it('handles at most `atOnce` items at the same time, and every one in the end', async () => {
		let running = 0;
		let most = 0;
		const handled: number[] = [];
		await handleClaimed(
			async () => Array.from({ length: 10 }, (_, i) => i),
			async (n) => {
				most = Math.max(most, ++running);
				await new Promise((resolve) => setTimeout(resolve, 5));
				running -= 1;
				handled.push(n);
			},
			3
		);
		expect(most).toBe(3);
		expect(handled.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});
});
