import { and, count, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db';
import { serializeOn } from '../db/dialect';
import { first } from '../db/queries';
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
 * addresses together. `tx` is the transaction that then records the attempt (recordLoginFailure),
 * so two attempts cannot both pass on the same count: attempts on the same account or from the
 * same address wait for each other's transaction from here.
 */
export async function loginThrottle(
	tx: Queryable,
	email: string,
	ip: string,
	now = new Date()
): Promise<'address' | 'account' | null> {
	await serializeOn(tx, `sign-in account ${email}`, `sign-in address ${ip}`);
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
	const failuresSince = async (where: SQL | undefined) =>
		(
			await first(
				tx
					.select({ n: count() })
					.from(loginFailures)
					.where(and(where, gte(loginFailures.failedAt, since)))
			)
		)?.n ?? 0;
	if (
		(await failuresSince(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip)))) >=
			MAX_FAILURES_PER_ACCOUNT_AND_IP ||
		(await failuresSince(eq(loginFailures.ip, ip))) >= MAX_FAILURES_PER_IP
	) {
		return 'address';
	}
	return (await failuresSince(eq(loginFailures.email, email))) >= MAX_FAILURES_PER_ACCOUNT
		? 'account'
		: null;
}

/** Counts a failed attempt; `tx` is the transaction that checked the limits (loginThrottle). */
export async function recordLoginFailure(
	tx: Queryable,
	email: string,
	ip: string,
	now = new Date()
): Promise<void> {
	await tx.insert(loginFailures).values({ email, ip, failedAt: now });
	// Old rows can never count again; dropping them here keeps the table small without a cron.
	await tx
		.delete(loginFailures)
		.where(lt(loginFailures.failedAt, new Date(now.getTime() - THROTTLE_WINDOW_MS)));
}

/** After a successful sign-in: only the signer's own address is forgiven, a stranger's failures still count. */
export async function clearLoginFailures(tx: Queryable, email: string, ip: string): Promise<void> {
	await tx
		.delete(loginFailures)
		.where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip)));
}
