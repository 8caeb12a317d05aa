import { and, count, eq, isNull } from 'drizzle-orm';
import { createTOTPKeyURI } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { forUpdate } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import { recoveryCodes, totpCredentials, users, type User } from '../db/schema';
import { recordAudit, type Actor } from '../audit';
import { currentBranding } from '../branding/read';
import { clearLoginFailures, loginThrottle, recordLoginFailure } from './throttle';
import { hashSecret, randomString } from './token';
import { invalidateUserSessions } from './session';
import { readSignInSettings, updateSignInSettings } from './sign-in-settings';
import { acceptedTotpStep, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '../../two-factor/totp';
import {
	formatRecoveryCode,
	normalizeRecoveryCode,
	RECOVERY_CODE_COUNT
} from '../../two-factor/recovery-code';
import { requiresSecondFactor } from '../../two-factor/requirement';
import type { TwoFactorRequirement } from '../../sign-in-options';
import { refuse, type Refusal, type Result } from '../../result';
import * as m from '../../paraglide/messages';

/** 160 bits, RFC 4226's recommended key length and what authenticator apps expect. */
const SECRET_BYTES = 20;

type Person = Pick<User, 'id' | 'email'>;

export type TwoFactorState =
	| { status: 'off' }
	/** Enrolment begun: the app still has to show it has the secret with a first code. */
	| { status: 'pending'; secret: string; keyUri: string }
	| { status: 'on'; recoveryCodesLeft: number };

const credentialOf = (db: Queryable, userId: string) =>
	first(db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)));

const lockedCredentialOf = (tx: Queryable, userId: string) =>
	first(forUpdate(tx.select().from(totpCredentials).where(eq(totpCredentials.userId, userId))));

/** Whether the user has a confirmed authenticator, so their password sign-ins ask for a code. */
export async function hasSecondFactor(db: Queryable, userId: string): Promise<boolean> {
	return Boolean((await credentialOf(db, userId))?.confirmedAt);
}

async function keyUriOf(db: Queryable, person: Person, secret: Uint8Array): Promise<string> {
	const issuer = (await currentBranding(db)).name;
	return createTOTPKeyURI(issuer, person.email, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

export async function twoFactorState(db: Queryable, person: Person): Promise<TwoFactorState> {
	const credential = await credentialOf(db, person.id);
	if (!credential) return { status: 'off' };
	if (!credential.confirmedAt)
		return {
			status: 'pending',
			secret: encodeBase32UpperCaseNoPadding(credential.secret),
			keyUri: await keyUriOf(db, person, credential.secret)
		};
	const left = await first(
		db
			.select({ n: count() })
			.from(recoveryCodes)
			.where(and(eq(recoveryCodes.userId, person.id), isNull(recoveryCodes.usedAt)))
	);
	return { status: 'on', recoveryCodesLeft: left?.n ?? 0 };
}

/** A new secret for the app to scan; an enrolment begun earlier starts over, a confirmed one stays. */
export async function startEnrolment(db: Db, userId: string, now = new Date()): Promise<Result> {
	return inTransaction(db, async (tx) => {
		if ((await lockedCredentialOf(tx, userId))?.confirmedAt)
			return refuse(409, m.two_factor_already_on_refused());
		const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
		await tx
			.insert(totpCredentials)
			.values({ userId, secret, createdAt: now })
			.onConflictDoUpdate({
				target: totpCredentials.userId,
				set: { secret, createdAt: now, lastUsedStep: null }
			});
		return { ok: true as const };
	});
}

/** New recovery codes, replacing any the user had; returned once, stored hashed. */
async function issueRecoveryCodes(tx: Queryable, userId: string): Promise<string[]> {
	await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
	// 7 random bytes give 11 base32 characters; the first 10 carry 50 bits.
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomString(7).slice(0, 10));
	await tx
		.insert(recoveryCodes)
		.values(codes.map((code) => ({ userId, codeHash: hashSecret(code) })));
	return codes.map(formatRecoveryCode);
}

type CodeCheck = {
	/** Whether a recovery code may stand in for the app's code. */
	recovery: boolean;
	/** Whether the credential must be confirmed (sign-in, turning off) or pending (enrolment). */
	confirmed: boolean;
};

/**
 * Checks a code the user typed, throttled like a password (src/lib/server/auth/throttle.ts): the
 * attempt is counted as a failure with the check and forgiven when it passes, so guessing codes
 * hits the same limits as guessing passwords. `tx` must commit even when the code is wrong.
 */
async function checkCode(
	tx: Queryable,
	person: Person,
	typed: string,
	ip: string,
	now: Date,
	{ recovery, confirmed }: CodeCheck
): Promise<Refusal | null> {
	const throttled = await loginThrottle(tx, person.email, ip, now);
	if (throttled === 'address') return refuse(429, m.users_throttled_address_refused());
	if (throttled === 'account') return refuse(429, m.users_throttled_account_refused());
	await recordLoginFailure(tx, person.email, ip, now);

	const credential = await lockedCredentialOf(tx, person.id);
	if (!credential || Boolean(credential.confirmedAt) !== confirmed)
		return refuse(409, m.two_factor_state_changed_refused());
	const code = typed.replace(/\s/g, '');
	const step = acceptedTotpStep(credential.secret, code, now, credential.lastUsedStep);
	if (step !== null) {
		await tx
			.update(totpCredentials)
			.set({ lastUsedStep: step })
			.where(eq(totpCredentials.userId, person.id));
	} else {
		const recoveryCode = recovery ? normalizeRecoveryCode(typed) : null;
		const used = recoveryCode
			? await tx
					.update(recoveryCodes)
					.set({ usedAt: now })
					.where(
						and(
							eq(recoveryCodes.userId, person.id),
							eq(recoveryCodes.codeHash, hashSecret(recoveryCode)),
							isNull(recoveryCodes.usedAt)
						)
					)
					.returning({ id: recoveryCodes.id })
			: [];
		if (used.length === 0) return refuse(400, m.two_factor_code_wrong_refused());
	}
	await clearLoginFailures(tx, person.email, ip);
	return null;
}

/** Runs `work` in the transaction that checked the typed code, once the code was right. */
function withRightCode<T extends object>(
	db: Db,
	person: Person,
	code: string,
	ip: string,
	now: Date,
	check: CodeCheck,
	work: (tx: Queryable) => Promise<T>
): Promise<Result<T>> {
	return inTransaction(db, async (tx) => {
		const refused = await checkCode(tx, person, code, ip, now, check);
		return refused ?? { ok: true as const, ...(await work(tx)) };
	});
}

/** The first code from the app turns two-factor on and gives the recovery codes, shown once. */
export const confirmEnrolment = (
	db: Db,
	person: Person,
	code: string,
	ip: string,
	now = new Date()
) =>
	withRightCode(db, person, code, ip, now, { recovery: false, confirmed: false }, async (tx) => {
		await tx
			.update(totpCredentials)
			.set({ confirmedAt: now })
			.where(eq(totpCredentials.userId, person.id));
		const recoveryCodes = await issueRecoveryCodes(tx, person.id);
		await recordAudit(tx, { userId: person.id }, 'user.two-factor.on', `user:${person.id}`);
		return { recoveryCodes };
	});

/** Fresh recovery codes for a user who used or lost theirs, against a current code. */
export const renewRecoveryCodes = (
	db: Db,
	person: Person,
	code: string,
	ip: string,
	now = new Date()
) =>
	withRightCode(db, person, code, ip, now, { recovery: false, confirmed: true }, async (tx) => {
		const recoveryCodes = await issueRecoveryCodes(tx, person.id);
		await recordAudit(
			tx,
			{ userId: person.id },
			'user.two-factor.recovery-codes',
			`user:${person.id}`
		);
		return { recoveryCodes };
	});

async function removeSecondFactor(tx: Queryable, userId: string): Promise<void> {
	await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
	await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** The user turns their own second factor off, with a code, unless the owner requires one of them. */
export async function turnOffSecondFactor(
	db: Db,
	person: Person & Pick<User, 'role'>,
	code: string,
	ip: string,
	now = new Date()
): Promise<Result> {
	const { twoFactorRequiredFor } = await readSignInSettings(db);
	if (requiresSecondFactor(twoFactorRequiredFor, person.role))
		return refuse(409, m.two_factor_required_stays_refused());
	return withRightCode(
		db,
		person,
		code,
		ip,
		now,
		{ recovery: true, confirmed: true },
		async (tx) => {
			await removeSecondFactor(tx, person.id);
			await recordAudit(tx, { userId: person.id }, 'user.two-factor.off', `user:${person.id}`);
			return {};
		}
	);
}

/**
 * An owner resets the second factor of a user who lost their phone and codes: it is removed and
 * their sessions end, so they sign in with their password and enrol again.
 */
export async function resetSecondFactor(
	db: Db,
	userId: string,
	actor: Actor
): Promise<Result<{ user: User }>> {
	return inTransaction(db, async (tx) => {
		const user = await first(forUpdate(tx.select().from(users).where(eq(users.id, userId))));
		if (!user) return refuse(404, m.users_not_found_refused());
		if (!(await lockedCredentialOf(tx, userId))?.confirmedAt)
			return refuse(409, m.two_factor_reset_none_refused({ name: user.name }));
		await removeSecondFactor(tx, userId);
		await invalidateUserSessions(tx, userId);
		await recordAudit(tx, actor, 'user.two-factor.reset', `user:${userId}`);
		return { ok: true as const, user };
	});
}

/** The answer to a sign-in's second step: a session, or why not. */
export async function verifySignInCode(
	tx: Queryable,
	person: Person,
	code: string,
	ip: string,
	now: Date
): Promise<Refusal | null> {
	return checkCode(tx, person, code, ip, now, { recovery: true, confirmed: true });
}

/** The owner decides whom a second factor is required of; the next request of each applies it. */
export async function setTwoFactorRequirement(
	db: Db,
	requirement: TwoFactorRequirement,
	actor: Actor
): Promise<void> {
	await inTransaction(db, async (tx) => {
		await updateSignInSettings(tx, { twoFactorRequiredFor: requirement });
		await recordAudit(tx, actor, 'sign-in.two-factor-required', 'sign-in-settings', {
			requirement
		});
	});
}
