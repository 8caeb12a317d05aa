import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { Queryable } from '../db';
import { loginFailures } from '../db/schema';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per account in the window: the next attempt is refused. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures allowed per address in the window, against password spraying across accounts. */
export const MAX_FAILURES_PER_IP = 50;

export function isLoginThrottled(db: Queryable, email: string, ip: string, now = new Date()): boolean {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
	const failuresSince = (where: ReturnType<typeof eq>) =>
		db
			.select({ n: count() })
			.from(loginFailures)
			.where(and(where, gte(loginFailures.failedAt, since)))
			.get()?.n ?? 0;
	return (
		failuresSince(eq(loginFailures.email, email)) >= MAX_FAILURES_PER_ACCOUNT ||
		failuresSince(eq(loginFailures.ip, ip)) >= MAX_FAILURES_PER_IP
	);
}

export function recordLoginFailure(db: Queryable, email: string, ip: string, now = new Date()): void {
	db.transaction((tx) => {
		tx.insert(loginFailures).values({ email, ip, failedAt: now }).run();
		// Old rows can never count again; dropping them here keeps the table small without a cron.
		tx.delete(loginFailures)
			.where(lt(loginFailures.failedAt, new Date(now.getTime() - THROTTLE_WINDOW_MS)))
			.run();
	});
}

export function clearLoginFailures(db: Queryable, email: string): void {
	db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
}
