import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { deactivateUser } from '../users/service';
import { addUser } from '../users/test-users';
import {
	SESSION_ACTIVITY_CHECK_MS,
	SESSION_INACTIVITY_TIMEOUT_MS,
	SESSION_MAX_LIFETIME_MS,
	invalidateSession,
	signOutEverywhere,
	startSession,
	validateSessionToken
} from './session';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let db: Db;
let remove: () => Promise<void>;
let userId: string;
const start = new Date('2026-03-01T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	userId = (await addUser(db, 'ann@example.com', 'Ann', 'manager')).id;
});
afterEach(() => remove());

describe('sessions', () => {
	it('validate a fresh token and return its user', async () => {
		const { token, expiresAt } = await startSession(db, userId, start);
		const session = await validateSessionToken(db, token, at(1000));
		expect(session?.user).toMatchObject({ id: userId, email: 'ann@example.com', role: 'manager' });
		expect(session?.renewed).toBe(false);
		expect(expiresAt).toEqual(at(SESSION_INACTIVITY_TIMEOUT_MS));
	});

	it('store a hash, never the secret', async () => {
		const { token } = await startSession(db, userId, start);
		const [id, secret] = token.split('.');
		const row = await first(db.select().from(sessions).where(eq(sessions.id, id!)));
		expect(row?.secretHash).toHaveLength(32);
		expect(JSON.stringify(row)).not.toContain(secret);
	});

	it('refuse a token whose secret was tampered with', async () => {
		const { token } = await startSession(db, userId, start);
		const forged = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(db, forged, at(1000))).toBeNull();
		expect(await validateSessionToken(db, 'garbage', at(1000))).toBeNull();
	});

	it('expire after 30 days without use and delete the row', async () => {
		const { token } = await startSession(db, userId, start);
		expect(
			await validateSessionToken(db, token, at(SESSION_INACTIVITY_TIMEOUT_MS - 1))
		).not.toBeNull();
		const { token: idle } = await startSession(db, userId, start);
		expect(await validateSessionToken(db, idle, at(SESSION_INACTIVITY_TIMEOUT_MS))).toBeNull();
		expect(await db.select().from(sessions)).toHaveLength(1);
	});

	it('slide the expiry forward when used, writing at most once an hour', async () => {
		const { token } = await startSession(db, userId, start);
		expect(
			(await validateSessionToken(db, token, at(SESSION_ACTIVITY_CHECK_MS - 1)))?.renewed
		).toBe(false);
		const renewed = await validateSessionToken(db, token, at(20 * DAY));
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.expiresAt).toEqual(at(20 * DAY + SESSION_INACTIVITY_TIMEOUT_MS));
		// 40 days after creation but 20 after last use: still valid.
		expect(await validateSessionToken(db, token, at(40 * DAY))).not.toBeNull();
	});

	it('end 90 days after sign-in however often they are used, and delete the row', async () => {
		expect(SESSION_MAX_LIFETIME_MS).toBe(90 * DAY);
		const { token } = await startSession(db, userId, start);
		for (let day = 1; day < 90; day++)
			expect(await validateSessionToken(db, token, at(day * DAY))).not.toBeNull();
		expect((await validateSessionToken(db, token, at(90 * DAY - 1)))?.expiresAt).toEqual(
			at(90 * DAY)
		);
		expect(await validateSessionToken(db, token, at(90 * DAY))).toBeNull();
		expect(await db.select().from(sessions)).toHaveLength(0);
	});

	it('never promise a cookie beyond the session’s lifetime', async () => {
		const { token } = await startSession(db, userId, start);
		await validateSessionToken(db, token, at(25 * DAY));
		await validateSessionToken(db, token, at(50 * DAY));
		const renewed = await validateSessionToken(db, token, at(75 * DAY));
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.expiresAt).toEqual(at(SESSION_MAX_LIFETIME_MS));
	});

	it('end on sign-out, and all of a user’s sessions end on "sign out everywhere"', async () => {
		const first = await startSession(db, userId, start);
		const second = await startSession(db, userId, start);
		const third = await startSession(db, userId, start);
		await invalidateSession(db, first.token.split('.')[0]!);
		expect(await validateSessionToken(db, first.token, at(1000))).toBeNull();
		expect(await validateSessionToken(db, second.token, at(1000))).not.toBeNull();
		await signOutEverywhere(db, userId);
		expect(await validateSessionToken(db, second.token, at(1000))).toBeNull();
		expect(await validateSessionToken(db, third.token, at(1000))).toBeNull();
	});

	it('end when the user is deactivated', async () => {
		await addUser(db, 'owner@example.com', 'Olga', 'owner');
		const { token } = await startSession(db, userId, start);
		await deactivateUser(db, userId);
		expect(await validateSessionToken(db, token, at(1000))).toBeNull();
	});
});
