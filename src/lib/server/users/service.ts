import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { Role } from '../../roles';
import { recordAudit, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { forUpdate } from '../db/dialect';
import {
	passwordLinks,
	segments,
	totpCredentials,
	users,
	userScopes,
	type User
} from '../db/schema';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { createSession, invalidateUserSessions } from '../auth/session';
import { seesContactData } from '../auth/visibility';
import { hasSecondFactor } from '../auth/two-factor';
import { clearLoginFailures, loginThrottle, recordLoginFailure } from '../auth/throttle';
import { issueToken, parseToken, randomString, secretMatches } from '../auth/token';
import { passwordLinkRefusal, passwordSignInRefusal } from '../sso/password-sign-in';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';

export const INVITE_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_VALIDITY_MS = 24 * 60 * 60 * 1000;

export type StaffUser = Pick<
	User,
	'id' | 'email' | 'name' | 'role' | 'contactDataGranted' | 'createdAt' | 'deactivatedAt'
> & {
	status: 'active' | 'invited' | 'deactivated';
	/** The segment an owner limited them to; null for every client. */
	scopeSegmentId: number | null;
	/** Whether their password sign-ins ask for a code from an authenticator app. */
	secondFactor: boolean;
};

export async function hasAnyUser(db: Queryable): Promise<boolean> {
	return (await first(db.select({ id: users.id }).from(users).limit(1))) !== undefined;
}

export async function listUsers(db: Queryable): Promise<StaffUser[]> {
	const rows = await db
		.select({
			user: users,
			scopeSegmentId: userScopes.segmentId,
			secondFactorSince: totpCredentials.confirmedAt,
			invitedAt: passwordLinks.createdAt
		})
		.from(users)
		.leftJoin(userScopes, eq(userScopes.userId, users.id))
		.leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
		// A user has one link at most (issuePasswordLink).
		.leftJoin(
			passwordLinks,
			and(eq(passwordLinks.userId, users.id), eq(passwordLinks.purpose, 'invite'))
		)
		.orderBy(asc(users.name));
	return rows.map(
		({ user: { passwordHash, ...user }, scopeSegmentId, secondFactorSince, invitedAt }) => ({
			...user,
			scopeSegmentId,
			secondFactor: secondFactorSince !== null,
			// Without a password and an invitation, they sign in through the identity provider.
			status: user.deactivatedAt
				? 'deactivated'
				: passwordHash || invitedAt === null
					? 'active'
					: 'invited'
		})
	);
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
	return first(db.select().from(users).where(eq(users.email, email.toLowerCase())));
}

type NewUser = { email: string; name: string; role: Role; password: string };

/** Creates a user who can sign in at once (first-run owner, admin CLI, demo seed). */
export async function createUser(db: Db, input: NewUser): Promise<Result<{ user: User }>> {
	const passwordHash = await hashPassword(input.password);
	return inTransaction(db, async (tx) => {
		if (await findUserByEmail(tx, input.email)) {
			return refuse(409, m.users_email_taken_refused({ email: input.email }));
		}
		const [user] = await tx
			.insert(users)
			.values({
				id: randomString(),
				email: input.email.toLowerCase(),
				name: input.name,
				role: input.role,
				passwordHash,
				createdAt: new Date()
			})
			.returning();
		return { ok: true as const, user: user! };
	});
}

/** First run: creates the owner only while nobody exists, so `/setup` cannot be replayed. */
export async function createFirstOwner(
	db: Db,
	input: Omit<NewUser, 'role'>
): Promise<Result<{ user: User }>> {
	if (await hasAnyUser(db)) return refuse(404, m.users_already_set_up_refused());
	const passwordHash = await hashPassword(input.password);
	return inTransaction(db, async (tx) => {
		if (await hasAnyUser(tx)) return refuse(404, m.users_already_set_up_refused());
		const [user] = await tx
			.insert(users)
			.values({
				id: randomString(),
				email: input.email,
				name: input.name,
				role: 'owner',
				passwordHash,
				createdAt: new Date()
			})
			.returning();
		return { ok: true as const, user: user! };
	});
}

async function issuePasswordLink(
	db: Queryable,
	userId: string,
	purpose: 'invite' | 'reset',
	now: Date
): Promise<string> {
	const validity = purpose === 'invite' ? INVITE_VALIDITY_MS : RESET_VALIDITY_MS;
	const { id, token, secretHash } = issueToken();
	// Only the newest link works: an older one may sit in a forwarded mail.
	await db.delete(passwordLinks).where(eq(passwordLinks.userId, userId));
	await db.insert(passwordLinks).values({
		id,
		userId,
		purpose,
		secretHash,
		createdAt: now,
		expiresAt: new Date(now.getTime() + validity)
	});
	return token;
}

export async function inviteUser(
	db: Db,
	input: { email: string; name: string; role: Role },
	now = new Date()
): Promise<Result<{ user: User; token: string }>> {
	return inTransaction(db, async (tx) => {
		if (await findUserByEmail(tx, input.email)) {
			return refuse(409, m.users_email_taken_refused({ email: input.email }));
		}
		const [user] = await tx
			.insert(users)
			.values({
				id: randomString(),
				email: input.email,
				name: input.name,
				role: input.role,
				createdAt: now
			})
			.returning();
		const token = await issuePasswordLink(tx, user!.id, 'invite', now);
		return { ok: true as const, user: user!, token };
	});
}

/** A new invitation link for someone who has not chosen a password yet. */
export async function reissueInvite(
	db: Db,
	userId: string,
	now = new Date()
): Promise<Result<{ user: User; token: string }>> {
	return inTransaction(db, async (tx) => {
		const user = await first(forUpdate(tx.select().from(users).where(eq(users.id, userId))));
		if (!user || user.deactivatedAt) return refuse(404, m.users_no_active_user_refused());
		if (user.passwordHash) return refuse(409, m.users_password_chosen_refused({ name: user.name }));
		const token = await issuePasswordLink(tx, user.id, 'invite', now);
		return { ok: true as const, user, token };
	});
}

export async function issuePasswordReset(
	db: Db,
	email: string,
	now = new Date()
): Promise<Result<{ user: User; token: string }>> {
	return inTransaction(db, async (tx) => {
		const user = await findUserByEmail(tx, email);
		if (!user || user.deactivatedAt) return refuse(404, m.users_no_active_email_refused({ email }));
		const token = await issuePasswordLink(tx, user.id, 'reset', now);
		return { ok: true as const, user, token };
	});
}

/** The user a password link belongs to, or null when it is unknown, used, expired or forged. */
export async function findPasswordLink(db: Queryable, token: string, now = new Date()) {
	const parts = parseToken(token);
	if (!parts) return null;
	const row = await first(
		forUpdate(
			db
				.select({ link: passwordLinks, user: users })
				.from(passwordLinks)
				.innerJoin(users, eq(users.id, passwordLinks.userId))
				.where(eq(passwordLinks.id, parts.id))
		)
	);
	if (!row || !secretMatches(parts.secret, row.link.secretHash)) return null;
	if (row.link.usedAt || row.link.expiresAt <= now || row.user.deactivatedAt) return null;
	return { purpose: row.link.purpose, user: row.user };
}

/** Sets the password through a one-time link and signs the user in. */
export async function usePasswordLink(
	db: Db,
	token: string,
	password: string,
	now = new Date()
): Promise<Result<{ userId: string; sessionToken: string | null }>> {
	const closed = await passwordLinkRefusal(db, token);
	if (closed) return closed;
	const passwordHash = await hashPassword(password);
	return inTransaction(db, async (tx) => {
		const found = await findPasswordLink(tx, token, now);
		if (!found) return refuse(404, m.users_link_invalid_refused());
		await tx.update(users).set({ passwordHash }).where(eq(users.id, found.user.id));
		await tx
			.update(passwordLinks)
			.set({ usedAt: now })
			.where(eq(passwordLinks.userId, found.user.id));
		await invalidateUserSessions(tx, found.user.id);
		const userId = found.user.id;
		// The link proves the mailbox, not the phone: a second factor is still asked for (SignIn).
		if (await hasSecondFactor(tx, userId)) return { ok: true as const, userId, sessionToken: null };
		const session = await createSession(tx, userId, now);
		return { ok: true as const, userId, sessionToken: session.token };
	});
}

/** A new password hash ends every session of the user. */
async function replacePasswordHash(tx: Queryable, userId: string, passwordHash: string) {
	await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
	await invalidateUserSessions(tx, userId);
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	await inTransaction(db, (tx) => replacePasswordHash(tx, userId, passwordHash));
}

/** The user's password hash, locked until the transaction ends. */
const currentHashOf = async (tx: Queryable, userId: string) =>
	first(
		forUpdate(
			tx
				.select({ passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
				.from(users)
				.where(eq(users.id, userId))
		)
	);

export async function changeOwnPassword(
	db: Db,
	userId: string,
	current: string,
	password: string
): Promise<Result<{ sessionToken: string }>> {
	const user = await first(db.select().from(users).where(eq(users.id, userId)));
	const wrong = refuse(400, m.users_current_password_wrong_refused());
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) return wrong;
	// argon2 is slow work: the new hash is made before the transaction holds the write lock.
	const passwordHash = await hashPassword(password);
	return inTransaction(db, async (tx) => {
		// The password verified above must still be theirs: a change may have come in between.
		if ((await currentHashOf(tx, userId))?.passwordHash !== user.passwordHash) return wrong;
		await replacePasswordHash(tx, userId, passwordHash);
		// Every other session ended with the old password; this one goes on under a fresh token.
		const session = await createSession(tx, userId);
		return { ok: true as const, sessionToken: session.token };
	});
}

/**
 * A right password: the session, or null when the user has a second factor, which the sign-in's
 * second step (src/lib/server/auth/sign-in-challenge.ts) asks for before any session exists.
 */
export type SignIn = Result<{ user: User; sessionToken: string | null }>;

export async function signIn(
	db: Db,
	email: string,
	password: string,
	ip: string,
	now = new Date()
): Promise<SignIn> {
	// The attempt is counted as a failure in the transaction that checks the limits, so parallel
	// attempts cannot all pass the check while their passwords are verified; a success forgives it.
	const throttle = await inTransaction(db, async (tx) => {
		const refused = await loginThrottle(tx, email, ip, now);
		if (!refused) await recordLoginFailure(tx, email, ip, now);
		return refused;
	});
	if (throttle === 'address') {
		return refuse(429, m.users_throttled_address_refused());
	}
	if (throttle === 'account') {
		return refuse(429, m.users_throttled_account_refused());
	}
	const user = await findUserByEmail(db, email);
	const valid =
		user?.passwordHash && !user.deactivatedAt
			? await verifyPassword(user.passwordHash, password)
			: await verifyAgainstDummy(password);
	// Checked once the password is: while password sign-in is off, only the break-glass owner's
	// right password gets further, and every other attempt the same answer (failure recorded).
	const closed = await passwordSignInRefusal(db, valid ? user : undefined);
	if (closed) return closed;
	const wrong = refuse(400, m.users_wrong_credentials_refused());
	// The failure is already recorded.
	if (!user || !valid) return wrong;
	return inTransaction(db, async (tx) => {
		// The password verified above must still be theirs, and they still active.
		const current = await currentHashOf(tx, user.id);
		if (current?.passwordHash !== user.passwordHash || current.deactivatedAt) return wrong;
		// The attempt stays counted until the code is right too: guessed codes share the limit.
		if (await hasSecondFactor(tx, user.id)) return { ok: true as const, user, sessionToken: null };
		await clearLoginFailures(tx, email, ip);
		const session = await createSession(tx, user.id, now);
		return { ok: true as const, user, sessionToken: session.token };
	});
}

/** The other active owners, locked (an aggregate cannot be): two owners cannot demote each other. */
export async function countOtherActiveOwners(db: Queryable, userId: string): Promise<number> {
	const owners = await forUpdate(
		db
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.role, 'owner'), isNull(users.deactivatedAt), ne(users.id, userId)))
	);
	return owners.length;
}

/** The user, locked until the transaction ends. */
const lockedUser = (tx: Queryable, userId: string) =>
	first(forUpdate(tx.select().from(users).where(eq(users.id, userId))));

export async function changeRole(
	db: Db,
	userId: string,
	role: Role
): Promise<Result<{ user: User }>> {
	return inTransaction(db, async (tx) => {
		const user = await lockedUser(tx, userId);
		if (!user) return refuse(404, m.users_not_found_refused());
		if (
			user.role === 'owner' &&
			role !== 'owner' &&
			!user.deactivatedAt &&
			(await countOtherActiveOwners(tx, userId)) === 0
		) {
			return refuse(409, m.users_last_owner_refused());
		}
		// A grant was made to a viewer: someone who becomes one starts without it.
		const changes = role === user.role ? { role } : { role, contactDataGranted: false };
		const [updated] = await tx.update(users).set(changes).where(eq(users.id, userId)).returning();
		// Owners see everything: a scope would only mislead the Users page.
		if (role === 'owner') await tx.delete(userScopes).where(eq(userScopes.userId, userId));
		return { ok: true as const, user: updated! };
	});
}

/** An owner lets a viewer see client emails and phones, or stops it, from their next request on. */
export async function setContactDataGrant(
	db: Db,
	userId: string,
	granted: boolean,
	actor: Actor
): Promise<Result<{ user: User }>> {
	return inTransaction(db, async (tx) => {
		const user = await lockedUser(tx, userId);
		if (!user) return refuse(404, m.users_not_found_refused());
		if (seesContactData({ role: user.role, contactDataGranted: false })) {
			return refuse(409, m.users_contact_data_anyway_refused({ name: user.name, role: user.role }));
		}
		const [updated] = await tx
			.update(users)
			.set({ contactDataGranted: granted })
			.where(eq(users.id, userId))
			.returning();
		await recordAudit(tx, actor, 'user.contact-data', `user:${userId}`, { granted });
		return { ok: true as const, user: updated! };
	});
}

/**
 * An owner limits a manager or viewer to one segment, or lifts the limit (null), from their next
 * request on (src/lib/server/auth/scope.ts).
 */
export async function setUserScope(
	db: Db,
	userId: string,
	segmentId: number | null,
	actor: Actor
): Promise<Result<{ user: User; segment: string | null }>> {
	return inTransaction(db, async (tx) => {
		const user = await lockedUser(tx, userId);
		if (!user) return refuse(404, m.users_not_found_refused());
		if (user.role === 'owner' && segmentId !== null)
			return refuse(409, m.users_owner_unscoped_refused({ name: user.name }));
		const segment =
			segmentId === null
				? null
				: await first(
						forUpdate(
							tx.select({ name: segments.name }).from(segments).where(eq(segments.id, segmentId))
						)
					);
		if (segment === undefined) return refuse(404, m.users_segment_gone_refused());
		if (segmentId === null) await tx.delete(userScopes).where(eq(userScopes.userId, userId));
		else
			await tx
				.insert(userScopes)
				.values({ userId, segmentId })
				.onConflictDoUpdate({ target: userScopes.userId, set: { segmentId } });
		await recordAudit(tx, actor, 'user.scope', `user:${userId}`, { segmentId });
		return { ok: true as const, user, segment: segment?.name ?? null };
	});
}

/** Deactivation ends the user's sessions at once; their data and history stay. */
export async function deactivateUser(
	db: Db,
	userId: string,
	now = new Date()
): Promise<Result<{ user: User }>> {
	return inTransaction(db, async (tx) => {
		const user = await lockedUser(tx, userId);
		if (!user) return refuse(404, m.users_not_found_refused());
		if (user.deactivatedAt) return { ok: true as const, user };
		if (user.role === 'owner' && (await countOtherActiveOwners(tx, userId)) === 0)
			return refuse(409, m.users_last_owner_refused());
		const [updated] = await tx
			.update(users)
			.set({ deactivatedAt: now })
			.where(eq(users.id, userId))
			.returning();
		await invalidateUserSessions(tx, userId);
		await tx.delete(passwordLinks).where(eq(passwordLinks.userId, userId));
		return { ok: true as const, user: updated! };
	});
}

export async function reactivateUser(db: Db, userId: string): Promise<Result<{ user: User }>> {
	const user = await inTransaction(db, (tx) =>
		first(tx.update(users).set({ deactivatedAt: null }).where(eq(users.id, userId)).returning())
	);
	return user ? { ok: true, user } : refuse(404, m.users_not_found_refused());
}
