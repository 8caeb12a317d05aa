import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import type { Role } from '../../roles';
import { recordAuditSync, type Actor } from '../audit';
import type { Queryable } from '../db';
import { passwordLinks, segments, users, userScopes, type User } from '../db/schema';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { createSession, invalidateUserSessions } from '../auth/session';
import { seesContactData } from '../auth/visibility';
import { clearLoginFailures, loginThrottle, recordLoginFailure } from '../auth/throttle';
import { issueToken, parseToken, randomString, secretMatches } from '../auth/token';
import { refuse, type Result } from '../../result';

export const INVITE_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_VALIDITY_MS = 24 * 60 * 60 * 1000;

const LAST_OWNER = 'Satisfy needs at least one active owner: make someone else owner first.';

export type StaffUser = Pick<
	User,
	'id' | 'email' | 'name' | 'role' | 'contactDataGranted' | 'createdAt' | 'deactivatedAt'
> & {
	status: 'active' | 'invited' | 'deactivated';
	/** The segment an owner limited them to; null for every client. */
	scopeSegmentId: number | null;
};

export function hasAnyUser(db: Queryable): boolean {
	return db.select({ id: users.id }).from(users).limit(1).get() !== undefined;
}

export function listUsers(db: Queryable): StaffUser[] {
	return db
		.select({ user: users, scopeSegmentId: userScopes.segmentId })
		.from(users)
		.leftJoin(userScopes, eq(userScopes.userId, users.id))
		.orderBy(asc(users.name))
		.all()
		.map(({ user: { passwordHash, ...user }, scopeSegmentId }) => ({
			...user,
			scopeSegmentId,
			status: user.deactivatedAt ? 'deactivated' : passwordHash ? 'active' : 'invited'
		}));
}

export function findUserByEmail(db: Queryable, email: string): User | undefined {
	return db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

type NewUser = { email: string; name: string; role: Role; password: string };

/** Creates a user who can sign in at once (first-run owner, admin CLI, demo seed). */
export async function createUser(db: Queryable, input: NewUser): Promise<Result<{ user: User }>> {
	const passwordHash = await hashPassword(input.password);
	return db.transaction((tx) => {
		if (findUserByEmail(tx, input.email)) {
			return refuse(409, `A user with the email ${input.email} already exists.`);
		}
		const user = tx
			.insert(users)
			.values({
				id: randomString(),
				email: input.email.toLowerCase(),
				name: input.name,
				role: input.role,
				passwordHash,
				createdAt: new Date()
			})
			.returning()
			.get();
		return { ok: true as const, user };
	});
}

/** First run: creates the owner only while nobody exists, so `/setup` cannot be replayed. */
export async function createFirstOwner(
	db: Queryable,
	input: Omit<NewUser, 'role'>
): Promise<Result<{ user: User }>> {
	if (hasAnyUser(db)) return refuse(404, 'Satisfy is already set up.');
	const passwordHash = await hashPassword(input.password);
	return db.transaction((tx) => {
		if (hasAnyUser(tx)) return refuse(404, 'Satisfy is already set up.');
		const user = tx
			.insert(users)
			.values({
				id: randomString(),
				email: input.email,
				name: input.name,
				role: 'owner',
				passwordHash,
				createdAt: new Date()
			})
			.returning()
			.get();
		return { ok: true as const, user };
	});
}

function issuePasswordLink(
	db: Queryable,
	userId: string,
	purpose: 'invite' | 'reset',
	now: Date
): string {
	const validity = purpose === 'invite' ? INVITE_VALIDITY_MS : RESET_VALIDITY_MS;
	const { id, token, secretHash } = issueToken();
	// Only the newest link works: an older one may sit in a forwarded mail.
	db.delete(passwordLinks).where(eq(passwordLinks.userId, userId)).run();
	db.insert(passwordLinks)
		.values({
			id,
			userId,
			purpose,
			secretHash,
			createdAt: now,
			expiresAt: new Date(now.getTime() + validity)
		})
		.run();
	return token;
}

export function inviteUser(
	db: Queryable,
	input: { email: string; name: string; role: Role },
	now = new Date()
): Result<{ user: User; token: string }> {
	return db.transaction((tx) => {
		if (findUserByEmail(tx, input.email)) {
			return refuse(409, `A user with the email ${input.email} already exists.`);
		}
		const user = tx
			.insert(users)
			.values({
				id: randomString(),
				email: input.email,
				name: input.name,
				role: input.role,
				createdAt: now
			})
			.returning()
			.get();
		return { ok: true as const, user, token: issuePasswordLink(tx, user.id, 'invite', now) };
	});
}

/** A new invitation link for someone who has not chosen a password yet. */
export function reissueInvite(
	db: Queryable,
	userId: string,
	now = new Date()
): Result<{ user: User; token: string }> {
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, userId)).get();
		if (!user || user.deactivatedAt) return refuse(404, 'No such active user.');
		if (user.passwordHash) return refuse(409, `${user.name} has already chosen a password.`);
		return { ok: true as const, user, token: issuePasswordLink(tx, user.id, 'invite', now) };
	});
}

export function issuePasswordReset(
	db: Queryable,
	email: string,
	now = new Date()
): Result<{ user: User; token: string }> {
	return db.transaction((tx) => {
		const user = findUserByEmail(tx, email);
		if (!user || user.deactivatedAt) return refuse(404, `No active user has the email ${email}.`);
		return { ok: true as const, user, token: issuePasswordLink(tx, user.id, 'reset', now) };
	});
}

/** The user a password link belongs to, or null when it is unknown, used, expired or forged. */
export function findPasswordLink(db: Queryable, token: string, now = new Date()) {
	const parts = parseToken(token);
	if (!parts) return null;
	const row = db
		.select({ link: passwordLinks, user: users })
		.from(passwordLinks)
		.innerJoin(users, eq(users.id, passwordLinks.userId))
		.where(eq(passwordLinks.id, parts.id))
		.get();
	if (!row || !secretMatches(parts.secret, row.link.secretHash)) return null;
	if (row.link.usedAt || row.link.expiresAt <= now || row.user.deactivatedAt) return null;
	return { purpose: row.link.purpose, user: row.user };
}

/** Sets the password through a one-time link and signs the user in. */
export async function usePasswordLink(
	db: Queryable,
	token: string,
	password: string,
	now = new Date()
): Promise<Result<{ sessionToken: string }>> {
	const passwordHash = await hashPassword(password);
	return db.transaction((tx) => {
		const found = findPasswordLink(tx, token, now);
		if (!found) return refuse(404, 'This link is no longer valid. Ask an owner for a new one.');
		tx.update(users).set({ passwordHash }).where(eq(users.id, found.user.id)).run();
		tx.update(passwordLinks)
			.set({ usedAt: now })
			.where(eq(passwordLinks.userId, found.user.id))
			.run();
		invalidateUserSessions(tx, found.user.id);
		return { ok: true as const, sessionToken: createSession(tx, found.user.id, now).token };
	});
}

export async function setPassword(db: Queryable, userId: string, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
		invalidateUserSessions(tx, userId);
	});
}

export async function changeOwnPassword(
	db: Queryable,
	userId: string,
	current: string,
	password: string
): Promise<Result<{ sessionToken: string }>> {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
		return refuse(400, 'Your current password is not right.');
	}
	await setPassword(db, userId, password);
	// Every other session ended with the old password; this one goes on under a fresh token.
	return { ok: true, sessionToken: createSession(db, userId).token };
}

export type SignIn = Result<{ user: User; sessionToken: string }>;

export async function signIn(
	db: Queryable,
	email: string,
	password: string,
	ip: string,
	now = new Date()
): Promise<SignIn> {
	const throttle = loginThrottle(db, email, ip, now);
	if (throttle === 'address') {
		return refuse(
			429,
			'Too many failed sign-ins from your address. Wait 15 minutes, or ask an owner to reset your password.'
		);
	}
	if (throttle === 'account') {
		return refuse(
			429,
			'Too many failed sign-ins to this account from several addresses. Wait 15 minutes, or ask an owner to reset your password.'
		);
	}
	const user = findUserByEmail(db, email);
	const valid =
		user?.passwordHash && !user.deactivatedAt
			? await verifyPassword(user.passwordHash, password)
			: await verifyAgainstDummy(password);
	if (!user || !valid) {
		recordLoginFailure(db, email, ip, now);
		return refuse(400, 'Wrong email or password.');
	}
	clearLoginFailures(db, email, ip);
	return { ok: true, user, sessionToken: createSession(db, user.id, now).token };
}

function countOtherActiveOwners(db: Queryable, userId: string): number {
	return (
		db
			.select({ n: count() })
			.from(users)
			.where(and(eq(users.role, 'owner'), isNull(users.deactivatedAt), ne(users.id, userId)))
			.get()?.n ?? 0
	);
}

export function changeRole(db: Queryable, userId: string, role: Role): Result<{ user: User }> {
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, userId)).get();
		if (!user) return refuse(404, 'No such user.');
		if (
			user.role === 'owner' &&
			role !== 'owner' &&
			!user.deactivatedAt &&
			countOtherActiveOwners(tx, userId) === 0
		) {
			return refuse(409, LAST_OWNER);
		}
		// A grant was made to a viewer: someone who becomes one starts without it.
		const changes = role === user.role ? { role } : { role, contactDataGranted: false };
		const updated = tx.update(users).set(changes).where(eq(users.id, userId)).returning().get();
		// Owners see everything: a scope would only mislead the Users page.
		if (role === 'owner') tx.delete(userScopes).where(eq(userScopes.userId, userId)).run();
		return { ok: true as const, user: updated! };
	});
}

/** An owner lets a viewer see client emails and phones, or stops it, from their next request on. */
export function setContactDataGrant(
	db: Queryable,
	userId: string,
	granted: boolean,
	actor: Actor
): Result<{ user: User }> {
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, userId)).get();
		if (!user) return refuse(404, 'No such user.');
		if (seesContactData({ role: user.role, contactDataGranted: false })) {
			return refuse(
				409,
				`${user.name}’s role (${user.role}) shows client contact data anyway; grants are for viewers.`
			);
		}
		const updated = tx
			.update(users)
			.set({ contactDataGranted: granted })
			.where(eq(users.id, userId))
			.returning()
			.get();
		recordAuditSync(tx, actor, 'user.contact-data', `user:${userId}`, { granted });
		return { ok: true as const, user: updated! };
	});
}

/**
 * An owner limits a manager or viewer to one segment, or lifts the limit (null), from their next
 * request on (src/lib/server/auth/scope.ts).
 */
export function setUserScope(
	db: Queryable,
	userId: string,
	segmentId: number | null,
	actor: Actor
): Result<{ user: User; segment: string | null }> {
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, userId)).get();
		if (!user) return refuse(404, 'No such user.');
		if (user.role === 'owner' && segmentId !== null)
			return refuse(409, `${user.name} is an owner; owners see every client.`);
		const segment =
			segmentId === null
				? null
				: tx.select({ name: segments.name }).from(segments).where(eq(segments.id, segmentId)).get();
		if (segment === undefined) return refuse(404, 'No such segment; it may have been deleted.');
		if (segmentId === null) tx.delete(userScopes).where(eq(userScopes.userId, userId)).run();
		else
			tx.insert(userScopes)
				.values({ userId, segmentId })
				.onConflictDoUpdate({ target: userScopes.userId, set: { segmentId } })
				.run();
		recordAuditSync(tx, actor, 'user.scope', `user:${userId}`, { segmentId });
		return { ok: true as const, user, segment: segment?.name ?? null };
	});
}

/** Deactivation ends the user's sessions at once; their data and history stay. */
export function deactivateUser(
	db: Queryable,
	userId: string,
	now = new Date()
): Result<{ user: User }> {
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, userId)).get();
		if (!user) return refuse(404, 'No such user.');
		if (user.deactivatedAt) return { ok: true as const, user };
		if (user.role === 'owner' && countOtherActiveOwners(tx, userId) === 0)
			return refuse(409, LAST_OWNER);
		const updated = tx
			.update(users)
			.set({ deactivatedAt: now })
			.where(eq(users.id, userId))
			.returning()
			.get();
		invalidateUserSessions(tx, userId);
		tx.delete(passwordLinks).where(eq(passwordLinks.userId, userId)).run();
		return { ok: true as const, user: updated! };
	});
}

export function reactivateUser(db: Queryable, userId: string): Result<{ user: User }> {
	const user = db
		.update(users)
		.set({ deactivatedAt: null })
		.where(eq(users.id, userId))
		.returning()
		.get();
	return user ? { ok: true, user } : refuse(404, 'No such user.');
}
