import { and, count, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { loginFailures } from '../db/schema';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/**
 * Failures allowed per account from one address in the window: the next attempt from there is
 * refused. Counted per address so a stranger without the password cannot lock the real user out.
 */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
/** Failures allowed per account from all addresses together, against a distributed attack. */
export const MAX_FAILURES_PER_ACCOUNT = 50;
/** Failures allowed per address in the window, against password spraying across accounts. */
export const MAX_FAILURES_PER_IP = 50;

/**
 * Why the next sign-in attempt must wait, or null: `address` when this address failed too often
 * (on this account or across accounts), `account` when the account failed too often from all
 * addresses together.
 */
export function loginThrottle(
	db: Queryable,
	email: string,
	ip: string,
	now = new Date()
): 'address' | 'account' | null {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
	const failuresSince = (where: SQL | undefined) =>
		db
			.select({ n: count() })
			.from(loginFailures)
			.where(and(where, gte(loginFailures.failedAt, since)))
			.get()?.n ?? 0;
	if (
		failuresSince(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip))) >=
			MAX_FAILURES_PER_ACCOUNT_AND_IP ||
		failuresSince(eq(loginFailures.ip, ip)) >= MAX_FAILURES_PER_IP
	) {
		return 'address';
	}
	return failuresSince(eq(loginFailures.email, email)) >= MAX_FAILURES_PER_ACCOUNT
		? 'account'
		: null;
}

export function recordLoginFailure(
	db: Queryable,
	email: string,
	ip: string,
	now = new Date()
): void {
	db.transaction((tx) => {
		tx.insert(loginFailures).values({ email, ip, failedAt: now }).run();
		// Old rows can never count again; dropping them here keeps the table small without a cron.
		tx.delete(loginFailures)
			.where(lt(loginFailures.failedAt, new Date(now.getTime() - THROTTLE_WINDOW_MS)))
			.run();
	});
}

/** After a successful sign-in: only the signer's own address is forgiven, a stranger's failures still count. */
export function clearLoginFailures(db: Queryable, email: string, ip: string): void {
	db.delete(loginFailures)
		.where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip)))
		.run();
}
