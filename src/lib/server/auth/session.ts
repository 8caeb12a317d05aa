import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../db';
import { sessions, users, userScopes, type User } from '../db/schema';
import { issueToken, parseToken, secretMatches } from './token';

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

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'contactDataGranted'> & {
	/** The segment an owner limited this user to (src/lib/server/auth/scope.ts); null for all clients. */
	scopeSegmentId: number | null;
};

export type ValidatedSession = {
	id: string;
	user: SessionUser;
	expiresAt: Date;
	/** True when the expiry moved forward, so the cookie should be sent again. */
	renewed: boolean;
};

export function createSession(db: Queryable, userId: string, now = new Date()) {
	const { id, token, secretHash } = issueToken();
	db.insert(sessions).values({ id, userId, secretHash, createdAt: now, lastVerifiedAt: now }).run();
	return { token, expiresAt: new Date(now.getTime() + SESSION_INACTIVITY_TIMEOUT_MS) };
}

export function validateSessionToken(
	db: Queryable,
	token: string,
	now = new Date()
): ValidatedSession | null {
	const parts = parseToken(token);
	if (!parts) return null;
	const row = db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				name: users.name,
				role: users.role,
				contactDataGranted: users.contactDataGranted,
				scopeSegmentId: userScopes.segmentId
			}
		})
		.from(sessions)
		.innerJoin(users, and(eq(users.id, sessions.userId), isNull(users.deactivatedAt)))
		.leftJoin(userScopes, eq(userScopes.userId, users.id))
		.where(eq(sessions.id, parts.id))
		.get();
	if (!row || !secretMatches(parts.secret, row.session.secretHash)) return null;

	const idleFor = now.getTime() - row.session.lastVerifiedAt.getTime();
	const endOfLife = row.session.createdAt.getTime() + SESSION_MAX_LIFETIME_MS;
	if (idleFor >= SESSION_INACTIVITY_TIMEOUT_MS || now.getTime() >= endOfLife) {
		invalidateSession(db, row.session.id);
		return null;
	}
	let lastVerifiedAt = row.session.lastVerifiedAt;
	const renewed = idleFor >= SESSION_ACTIVITY_CHECK_MS;
	if (renewed) {
		lastVerifiedAt = now;
		db.update(sessions).set({ lastVerifiedAt }).where(eq(sessions.id, row.session.id)).run();
	}
	return {
		id: row.session.id,
		user: row.user,
		expiresAt: new Date(
			Math.min(lastVerifiedAt.getTime() + SESSION_INACTIVITY_TIMEOUT_MS, endOfLife)
		),
		renewed
	};
}

export function invalidateSession(db: Queryable, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** "Sign out everywhere", and what deactivating or re-passwording a user implies. */
export function invalidateUserSessions(db: Queryable, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
