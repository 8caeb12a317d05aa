import { lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { first } from '../db/queries';
import { apiRateWindows } from '../db/schema';
import { inTransaction } from '../db/transaction';

export type RateLimitAnswer = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts a request of this API key in its fixed window, which begins at the key's first request
 * after the previous window ended. The count lives in the database, so every app node counts
 * against the same limit: one upsert either engine runs atomically (the key's row is locked
 * while it is changed), so requests racing on several nodes never get past the limit together.
 */
export function takeApiRequest(
	db: Db,
	keyId: string,
	limit: number,
	{ windowMs = 60_000, now = new Date() }: { windowMs?: number; now?: Date } = {}
): Promise<RateLimitAnswer> {
	const ended = lte(apiRateWindows.startedAt, new Date(now.getTime() - windowMs));
	return inTransaction(db, async (tx) => {
		// The SET expressions read the row as it was, so both see the same ended window.
		const window = await first(
			tx
				.insert(apiRateWindows)
				.values({ keyId, startedAt: now, requests: 1 })
				.onConflictDoUpdate({
					target: apiRateWindows.keyId,
					set: {
						startedAt: sql`case when ${ended} then excluded.started_at else ${apiRateWindows.startedAt} end`,
						requests: sql`case when ${ended} then 1 else ${apiRateWindows.requests} + 1 end`
					}
				})
				.returning({ startedAt: apiRateWindows.startedAt, requests: apiRateWindows.requests })
		);
		if (!window) throw new Error('the upsert of a rate-limit window returned no row');
		return {
			allowed: window.requests <= limit,
			retryAfterSeconds: Math.ceil((window.startedAt.getTime() + windowMs - now.getTime()) / 1000)
		};
	});
}

/**
 * Fixed-window request counter per caller, in this process's memory: each app node counts on its
 * own. It only guards the public links' anonymous starts, a discouragement for bots (N nodes let
 * an address start N times as many); sign-in throttling and the API limit live in the database.
 */
export function createRateLimiter(limit: number, windowMs = 60_000) {
	const windows = new Map<string, { startedAt: number; count: number }>();

	return function take(caller: string, now = Date.now()): RateLimitAnswer {
		let window = windows.get(caller);
		if (!window || now - window.startedAt >= windowMs) {
			window = { startedAt: now, count: 0 };
			windows.set(caller, window);
		}
		window.count += 1;
		const retryAfterSeconds = Math.ceil((window.startedAt + windowMs - now) / 1000);
		return { allowed: window.count <= limit, retryAfterSeconds };
	};
}
