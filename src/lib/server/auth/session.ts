import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import {
	sessions,
	signInSettings,
	totpCredentials,
	users,
	userScopes,
	type User
} from '../db/schema';
import { SIGN_IN_SETTINGS_ID } from './sign-in-settings';
import { requiresSecondFactor } from '../../two-factor/requirement';
import { issueToken, parseToken, secretMatches } from './token';
import type { SignInMethod } from '../../sign-in-options';

/** A session ends after this long without use (sliding expiry). */
export const SESSION_INACTIVITY_TIMEOUT_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * A session also ends this long after sign-in, however active: a stolen cookie cannot be kept
 * alive for ever by using it (OWASP ASVS 3.3.2 asks for periodic re-authentication).
 */
export const SESSION_MAX_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;
/** How stale `lastVerifiedAt` may get before a request refreshes it: saves a write per request. */
export const SESSION_ACTIVITY_CHECK_MS = 60 * 60 * 1000;

export const SESSION_COOKIE = 'satisfy_session';

export type SessionUser = Pick<
	User,
	'id' | 'email' | 'name' | 'role' | 'contactDataGranted' | 'language'
> & {
	/** The segment an owner limited this user to (src/lib/server/auth/scope.ts); null for all clients. */
	scopeSegmentId: number | null;
	/**
	 * The owner requires a second factor of this user, who signed in with a password and has none
	 * yet: until they set one up, they may open nothing else (src/lib/server/auth/authorize.ts).
	 */
	mustEnrolSecondFactor: boolean;
};

export type ValidatedSession = {
	id: string;
	user: SessionUser;
	expiresAt: Date;
	/** True when the expiry moved forward, so the cookie should be sent again. */
	renewed: boolean;
};

/** A new session; `tx` is the transaction the sign-in writes in. */
export async function createSession(
	tx: Queryable,
	userId: string,
	now = new Date(),
	method: SignInMethod = 'password'
) {
	const { id, token, secretHash } = issueToken();
	await tx
		.insert(sessions)
		.values({ id, userId, secretHash, createdAt: now, lastVerifiedAt: now, method });
	return { token, expiresAt: new Date(now.getTime() + SESSION_INACTIVITY_TIMEOUT_MS) };
}

/** A new session in a transaction of its own (the first owner's, right after setup). */
export const startSession = (db: Db, userId: string, now = new Date()) =>
	inTransaction(db, (tx) => createSession(tx, userId, now));

/**
 * The session a cookie's token opens, or null. It reads outside any transaction (every request
 * comes here); the writes it may then make are each one statement on the session's own row, and
 * right whatever ran in between: deleting a session that is over, moving a live one's expiry.
 */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = new Date()
): Promise<ValidatedSession | null> {
	const parts = parseToken(token);
	if (!parts) return null;
	const row = await first(
		db
			.select({
				session: sessions,
				user: {
					id: users.id,
					email: users.email,
					name: users.name,
					role: users.role,
					contactDataGranted: users.contactDataGranted,
					language: users.language,
					scopeSegmentId: userScopes.segmentId
				},
				secondFactorSince: totpCredentials.confirmedAt,
				twoFactorRequiredFor: signInSettings.twoFactorRequiredFor
			})
			.from(sessions)
			.innerJoin(users, and(eq(users.id, sessions.userId), isNull(users.deactivatedAt)))
			.leftJoin(userScopes, eq(userScopes.userId, users.id))
			.leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
			.leftJoin(signInSettings, eq(signInSettings.id, SIGN_IN_SETTINGS_ID))
			.where(eq(sessions.id, parts.id))
	);
	if (!row || !secretMatches(parts.secret, row.session.secretHash)) return null;

	const idleFor = now.getTime() - row.session.lastVerifiedAt.getTime();
	const endOfLife = row.session.createdAt.getTime() + SESSION_MAX_LIFETIME_MS;
	if (idleFor >= SESSION_INACTIVITY_TIMEOUT_MS || now.getTime() >= endOfLife) {
		await invalidateSession(db, row.session.id);
		return null;
	}
	let lastVerifiedAt = row.session.lastVerifiedAt;
	const renewed = idleFor >= SESSION_ACTIVITY_CHECK_MS;
	if (renewed) {
		lastVerifiedAt = now;
		const id = row.session.id;
		await inTransaction(db, async (tx) => {
			await tx.update(sessions).set({ lastVerifiedAt }).where(eq(sessions.id, id));
		});
	}
	const mustEnrolSecondFactor =
		row.session.method === 'password' &&
		!row.secondFactorSince &&
		requiresSecondFactor(row.twoFactorRequiredFor ?? 'nobody', row.user.role);
	return {
		id: row.session.id,
		user: { ...row.user, mustEnrolSecondFactor },
		expiresAt: new Date(
			Math.min(lastVerifiedAt.getTime() + SESSION_INACTIVITY_TIMEOUT_MS, endOfLife)
		),
		renewed
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx.delete(sessions).where(eq(sessions.id, sessionId));
	});
}

/**
 * "Sign out everywhere", and what deactivating or re-passwording a user implies; `tx` is the
 * transaction that makes the change.
 */
export async function invalidateUserSessions(tx: Queryable, userId: string): Promise<void> {
	await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/** "Sign out everywhere", asked for by the user: every session of theirs ends. */
export const signOutEverywhere = (db: Db, userId: string): Promise<void> =>
	inTransaction(db, (tx) => invalidateUserSessions(tx, userId));
