import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { recoveryCodes, totpCredentials, type User } from '../db/schema';
import { recentAudit } from '../audit';
import { openTestDatabase } from '../db/test-database';
import { issuePasswordReset, signIn, usePasswordLink } from '../users/service';
import { addUser, TEST_PASSWORD } from '../users/test-users';
import { startSession, validateSessionToken } from './session';
import { completeSignInChallenge, issueSignInChallenge } from './sign-in-challenge';
import {
	confirmEnrolment,
	renewRecoveryCodes,
	resetSecondFactor,
	setTwoFactorRequirement,
	startEnrolment,
	turnOffSecondFactor,
	twoFactorState
} from './two-factor';
import { appCode } from './test-authenticator';

const IP = '10.0.0.1';
const start = new Date('2026-03-01T09:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

let db: Db;
let remove: () => Promise<void>;
let ann: User;
let owner: User;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	ann = await addUser(db, 'ann@example.com', 'Ann', 'manager');
	owner = await addUser(db, 'olga@example.com', 'Olga', 'owner');
});
afterEach(() => remove());

/** Ann sets up her app at `start`: the secret she scanned and the recovery codes she saved. */
async function enrol(user = ann) {
	expect((await startEnrolment(db, user.id, start)).ok).toBe(true);
	const state = await twoFactorState(db, user);
	if (state.status !== 'pending') throw new Error(`enrolment is ${state.status}`);
	const confirmed = await confirmEnrolment(db, user, appCode(state.secret, start), IP, start);
	if (!confirmed.ok) throw new Error(confirmed.message);
	return { secret: state.secret, recoveryCodes: confirmed.recoveryCodes };
}

/** A password sign-in up to its second step: the challenge's token. */
async function passwordStep(when: Date, user = ann) {
	const result = await signIn(db, user.email, TEST_PASSWORD, IP, when);
	if (!result.ok) throw new Error(result.message);
	expect(result.sessionToken).toBeNull();
	return issueSignInChallenge(db, user.id, '/dashboard', when);
}

describe('enrolling an authenticator app', () => {
	it('gives a secret as text and as an otpauth link, pending until a first code', async () => {
		await startEnrolment(db, ann.id, start);
		const state = await twoFactorState(db, ann);
		expect(state).toMatchObject({
			status: 'pending',
			secret: expect.stringMatching(/^[A-Z2-7]{32}$/)
		});
		if (state.status !== 'pending') return;
		expect(state.keyUri).toBe(
			`otpauth://totp/Satisfy:ann%40example.com?issuer=Satisfy&algorithm=SHA1&secret=${state.secret}&period=30&digits=6`
		);
		// Still pending: a password sign-in asks for nothing more.
		expect(await signIn(db, ann.email, TEST_PASSWORD, IP, start)).toMatchObject({
			ok: true,
			sessionToken: expect.any(String)
		});
	});

	it('refuses a wrong first code and stays pending', async () => {
		await startEnrolment(db, ann.id, start);
		const state = await twoFactorState(db, ann);
		if (state.status !== 'pending') throw new Error('not pending');
		const wrong = String((Number(appCode(state.secret, start)) + 1) % 1_000_000).padStart(6, '0');
		expect(await confirmEnrolment(db, ann, wrong, IP, start)).toMatchObject({
			ok: false,
			status: 400
		});
		expect((await twoFactorState(db, ann)).status).toBe('pending');
	});

	it('turns on with the first code, gives ten recovery codes and stores them hashed', async () => {
		const { recoveryCodes: codes } = await enrol();
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
		const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, ann.id));
		expect(stored).toHaveLength(10);
		const storedText = JSON.stringify(stored);
		for (const code of codes) expect(storedText).not.toContain(code.replace('-', ''));
		expect(await twoFactorState(db, ann)).toEqual({ status: 'on', recoveryCodesLeft: 10 });
		expect((await recentAudit(db)).map((entry) => entry.action)).toContain('user.two-factor.on');
	});

	it('cannot start over once on: the app in use stays', async () => {
		await enrol();
		expect(await startEnrolment(db, ann.id, start)).toMatchObject({ ok: false, status: 409 });
	});
});

describe('signing in with a second factor', () => {
	it('opens no session with the password alone, and one with the code', async () => {
		const { secret } = await enrol();
		const when = at(120);
		const challenge = await passwordStep(when);
		const result = await completeSignInChallenge(db, challenge, appCode(secret, when), IP, when);
		expect(result).toMatchObject({ ok: true, redirectTo: '/dashboard' });
		if (!result.ok) return;
		expect((await validateSessionToken(db, result.sessionToken, when))?.user.id).toBe(ann.id);
	});

	it('refuses a wrong code, and a code already used, even in another sign-in', async () => {
		const { secret } = await enrol();
		const when = at(120);
		const challenge = await passwordStep(when);
		expect(await completeSignInChallenge(db, challenge, '000000', IP, when)).toMatchObject({
			ok: false,
			status: 400
		});
		const code = appCode(secret, when);
		expect((await completeSignInChallenge(db, challenge, code, IP, when)).ok).toBe(true);
		// Someone who saw the code over her shoulder, with her password, a few seconds later.
		const again = await passwordStep(at(125));
		expect(await completeSignInChallenge(db, again, code, IP, at(125))).toMatchObject({
			ok: false,
			status: 400
		});
	});

	it('accepts the code of the step before or after, for a phone whose clock drifts', async () => {
		const { secret } = await enrol();
		const when = at(300);
		const late = await passwordStep(when);
		expect((await completeSignInChallenge(db, late, appCode(secret, at(270)), IP, when)).ok).toBe(
			true
		);
		const early = await passwordStep(at(600));
		expect(
			(await completeSignInChallenge(db, early, appCode(secret, at(630)), IP, at(600))).ok
		).toBe(true);
		const farOff = await passwordStep(at(900));
		expect(
			(await completeSignInChallenge(db, farOff, appCode(secret, at(960)), IP, at(900))).ok
		).toBe(false);
	});

	it('takes a recovery code once', async () => {
		const { recoveryCodes: codes } = await enrol();
		const first = await passwordStep(at(60));
		expect((await completeSignInChallenge(db, first, codes[3]!.toUpperCase(), IP, at(60))).ok).toBe(
			true
		);
		const second = await passwordStep(at(90));
		expect(await completeSignInChallenge(db, second, codes[3]!, IP, at(90))).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await twoFactorState(db, ann)).toEqual({ status: 'on', recoveryCodesLeft: 9 });
	});

	it('throttles guessed codes like passwords: the password counts, and four wrong codes', async () => {
		const { secret } = await enrol();
		const when = at(120);
		const challenge = await passwordStep(when);
		for (let guess = 0; guess < 4; guess++)
			expect(await completeSignInChallenge(db, challenge, '000000', IP, when)).toMatchObject({
				status: 400
			});
		expect(
			await completeSignInChallenge(db, challenge, appCode(secret, when), IP, when)
		).toMatchObject({ ok: false, status: 429 });
	});

	it('lets a challenge expire after five minutes', async () => {
		const { secret } = await enrol();
		const challenge = await passwordStep(at(60));
		const late = at(60 + 5 * 60);
		expect(
			await completeSignInChallenge(db, challenge, appCode(secret, late), IP, late)
		).toMatchObject({ ok: false, status: 404 });
	});

	it('refuses a forged challenge token', async () => {
		const { secret } = await enrol();
		const challenge = await passwordStep(at(60));
		const forged = challenge.slice(0, -1) + (challenge.endsWith('a') ? 'b' : 'a');
		expect(
			await completeSignInChallenge(db, forged, appCode(secret, at(60)), IP, at(60))
		).toMatchObject({ ok: false, status: 404 });
	});
});

describe('a password reset link', () => {
	it('sets the password, and still asks for the second factor before any session', async () => {
		const { secret } = await enrol();
		const reset = await issuePasswordReset(db, ann.email, at(60));
		if (!reset.ok) throw new Error(reset.message);
		const used = await usePasswordLink(db, reset.token, 'a brand new password', at(90));
		expect(used).toEqual({ ok: true, userId: ann.id, sessionToken: null });
		const challenge = await issueSignInChallenge(db, ann.id, '/dashboard', at(90));
		expect(
			(await completeSignInChallenge(db, challenge, appCode(secret, at(90)), IP, at(90))).ok
		).toBe(true);
	});
});

describe('recovery codes and turning off', () => {
	it('gives new recovery codes against a current code; the old ones stop working', async () => {
		const { secret, recoveryCodes: old } = await enrol();
		const renewed = await renewRecoveryCodes(db, ann, appCode(secret, at(60)), IP, at(60));
		expect(renewed).toMatchObject({ ok: true, recoveryCodes: expect.any(Array) });
		const challenge = await passwordStep(at(90));
		expect(await completeSignInChallenge(db, challenge, old[0]!, IP, at(90))).toMatchObject({
			status: 400
		});
	});

	it('turns off with a code, unless the owner requires it of the role', async () => {
		const { secret } = await enrol();
		await setTwoFactorRequirement(db, 'owners-managers', { userId: owner.id });
		expect(await turnOffSecondFactor(db, ann, appCode(secret, at(60)), IP, at(60))).toMatchObject({
			ok: false,
			status: 409
		});
		await setTwoFactorRequirement(db, 'nobody', { userId: owner.id });
		expect((await turnOffSecondFactor(db, ann, appCode(secret, at(90)), IP, at(90))).ok).toBe(true);
		expect(await twoFactorState(db, ann)).toEqual({ status: 'off' });
		expect(await db.select().from(recoveryCodes)).toEqual([]);
	});
});

describe('an owner’s reset', () => {
	it('removes the second factor, ends the user’s sessions and is audited', async () => {
		await enrol();
		const { token } = await startSession(db, ann.id, at(10));
		expect(await resetSecondFactor(db, ann.id, { userId: owner.id })).toMatchObject({ ok: true });
		expect(await validateSessionToken(db, token, at(20))).toBeNull();
		expect(await db.select().from(totpCredentials)).toEqual([]);
		const [entry] = await recentAudit(db, 1);
		expect(entry).toMatchObject({
			action: 'user.two-factor.reset',
			subject: `user:${ann.id}`,
			actorUserId: owner.id
		});
		// She signs in with her password alone, and may enrol again.
		expect(await signIn(db, ann.email, TEST_PASSWORD, IP, at(30))).toMatchObject({
			sessionToken: expect.any(String)
		});
	});

	it('says so when there is nothing to reset', async () => {
		expect(await resetSecondFactor(db, ann.id, { userId: owner.id })).toMatchObject({
			ok: false,
			status: 409
		});
	});
});

describe('the owner’s requirement', () => {
	it('holds back a password session of a required role until a second factor is set up', async () => {
		const viewer = await addUser(db, 'vic@example.com', 'Vic', 'viewer');
		await setTwoFactorRequirement(db, 'owners-managers', { userId: owner.id });
		const mustEnrol = async (user: User) => {
			const { token } = await startSession(db, user.id, at(10));
			return (await validateSessionToken(db, token, at(20)))?.user.mustEnrolSecondFactor;
		};
		expect(await mustEnrol(ann)).toBe(true);
		expect(await mustEnrol(viewer)).toBe(false);
		await enrol();
		expect(await mustEnrol(ann)).toBe(false);
		await setTwoFactorRequirement(db, 'everyone', { userId: owner.id });
		expect(await mustEnrol(viewer)).toBe(true);
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'sign-in.two-factor-required',
			details: { requirement: 'everyone' }
		});
	});
});
