import { eq, lt } from 'drizzle-orm';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { forUpdate } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import { signInChallenges, users } from '../db/schema';
import { createSession } from './session';
import { issueToken, parseToken, secretMatches } from './token';
import { verifySignInCode } from './two-factor';
import { refuse, type Result } from '../../result';
import * as m from '../../paraglide/messages';

/** Time to open the app and type a code after the password was right. */
export const CHALLENGE_VALIDITY_MS = 5 * 60 * 1000;

export const CHALLENGE_COOKIE = 'satisfy_second_factor';

/** The password was right: the browser gets a token to finish with a code within minutes. */
export async function issueSignInChallenge(
	db: Db,
	userId: string,
	redirectTo: string,
	now = new Date()
): Promise<string> {
	const { id, token, secretHash } = issueToken();
	await inTransaction(db, async (tx) => {
		// Challenges nobody finished are of no use to anyone: dropped here, without a cron.
		await tx.delete(signInChallenges).where(lt(signInChallenges.expiresAt, now));
		await tx.insert(signInChallenges).values({
			id,
			userId,
			secretHash,
			redirectTo,
			expiresAt: new Date(now.getTime() + CHALLENGE_VALIDITY_MS)
		});
	});
	return token;
}

const openChallenge = async (tx: Queryable, token: string, now: Date) => {
	const parts = parseToken(token);
	if (!parts) return undefined;
	const row = await first(
		forUpdate(
			tx
				.select({ challenge: signInChallenges, user: users })
				.from(signInChallenges)
				.innerJoin(users, eq(users.id, signInChallenges.userId))
				.where(eq(signInChallenges.id, parts.id))
		)
	);
	if (!row || !secretMatches(parts.secret, row.challenge.secretHash)) return undefined;
	if (row.challenge.expiresAt <= now || row.user.deactivatedAt) return undefined;
	return row;
};

/**
 * The second step of a password sign-in: a code from the app, or a recovery code, opens the
 * session. Wrong codes count against the same limits as wrong passwords.
 */
export async function completeSignInChallenge(
	db: Db,
	token: string,
	code: string,
	ip: string,
	now = new Date()
): Promise<Result<{ sessionToken: string; redirectTo: string }>> {
	return inTransaction(db, async (tx) => {
		const row = await openChallenge(tx, token, now);
		if (!row) return refuse(404, m.two_factor_challenge_expired_refused());
		const refused = await verifySignInCode(tx, row.user, code, ip, now);
		if (refused) return refused;
		await tx.delete(signInChallenges).where(eq(signInChallenges.id, row.challenge.id));
		const session = await createSession(tx, row.user.id, now);
		return { ok: true as const, sessionToken: session.token, redirectTo: row.challenge.redirectTo };
	});
}
