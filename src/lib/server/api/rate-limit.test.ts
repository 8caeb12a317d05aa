import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('API rate limit', () => {
	it('allows the limit per minute and per caller, then says when to retry', () => {
		const take = createRateLimiter(3, 60_000);
		expect([0, 1, 2].map((i) => take('key-a', 1000 + i).allowed)).toEqual([true, true, true]);
		expect(take('key-a', 11_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
		expect(take('key-b', 11_000).allowed).toBe(true);
		expect(take('key-a', 61_000).allowed).toBe(true);
	});
});
