import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../roles';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { startSession, validateSessionToken } from '../auth/session';
import {
	MAX_FAILURES_PER_ACCOUNT,
	MAX_FAILURES_PER_ACCOUNT_AND_IP,
	MAX_FAILURES_PER_IP,
	THROTTLE_WINDOW_MS
} from '../auth/throttle';
import { closeDatabase, openDatabase } from '../db/open';
import { recentAudit } from '../audit';
import { deleteSegment, redefinitionRefusal, saveSegment } from '../clients/segments';
import {
	INVITE_VALIDITY_MS,
	changeOwnPassword,
	changeRole,
	createFirstOwner,
	createUser,
	deactivateUser,
	findPasswordLink,
	inviteUser,
	listUsers,
	reactivateUser,
	reissueInvite,
	setContactDataGrant,
	setUserScope,
	signIn,
	usePasswordLink
} from './service';
import { TEST_PASSWORD as PASSWORD, addUser } from './test-users';

let db: Db;
let url: string;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, url, remove } = await openTestDatabase());
});
afterEach(() => remove());

const user = (email: string, role: Role) => addUser(db, email, email.split('@')[0]!, role);

describe('first run', () => {
	it('creates the owner once and refuses a second setup', async () => {
		const first = await createFirstOwner(db, {
			email: 'olga@example.com',
			name: 'Olga',
			password: PASSWORD
		});
		expect(first.ok && first.user.role).toBe('owner');
		const second = await createFirstOwner(db, {
			email: 'eve@example.com',
			name: 'Eve',
			password: PASSWORD
		});
		expect(second).toMatchObject({ ok: false, status: 404 });
		expect((await listUsers(db)).map((u) => u.email)).toEqual(['olga@example.com']);
	});
});

describe('invitations', () => {
	it('let the invitee choose a password once, then sign in', async () => {
		const now = new Date('2026-05-01T10:00:00Z');
		const invited = await inviteUser(
			db,
			{ email: 'max@example.com', name: 'Max', role: 'manager' },
			now
		);
		if (!invited.ok) throw new Error(invited.message);
		expect((await listUsers(db))[0]?.status).toBe('invited');
		expect((await findPasswordLink(db, invited.token, now))?.user.email).toBe('max@example.com');

		const used = await usePasswordLink(db, invited.token, PASSWORD, now);
		const sessionToken = used.ok ? used.sessionToken : null;
		expect(sessionToken && (await validateSessionToken(db, sessionToken, now))?.user.email).toBe(
			'max@example.com'
		);
		expect(await usePasswordLink(db, invited.token, 'another long password', now)).toMatchObject({
			ok: false,
			status: 404
		});
		expect((await listUsers(db))[0]?.status).toBe('active');
		expect((await signIn(db, 'max@example.com', PASSWORD, '10.0.0.1')).ok).toBe(true);
	});

	it('expire after 7 days', async () => {
		const now = new Date('2026-05-01T10:00:00Z');
		const invited = await inviteUser(
			db,
			{ email: 'max@example.com', name: 'Max', role: 'viewer' },
			now
		);
		if (!invited.ok) throw new Error(invited.message);
		expect(
			await findPasswordLink(db, invited.token, new Date(now.getTime() + INVITE_VALIDITY_MS - 1))
		).not.toBeNull();
		expect(
			await findPasswordLink(db, invited.token, new Date(now.getTime() + INVITE_VALIDITY_MS))
		).toBeNull();
	});

	it('replace the old link when a new one is issued', async () => {
		const invited = await inviteUser(db, { email: 'max@example.com', name: 'Max', role: 'viewer' });
		if (!invited.ok) throw new Error(invited.message);
		const again = await reissueInvite(db, invited.user.id);
		expect(again.ok).toBe(true);
		expect(await findPasswordLink(db, invited.token)).toBeNull();
		expect(again.ok && (await findPasswordLink(db, again.token))).not.toBeNull();
	});

	it('refuse an email already in use, whatever its case', async () => {
		await user('max@example.com', 'viewer');
		expect(
			await inviteUser(db, { email: 'max@example.com', name: 'Max', role: 'viewer' })
		).toMatchObject({ ok: false, status: 409 });
		expect(
			await createUser(db, {
				email: 'MAX@example.com',
				name: 'Max',
				role: 'viewer',
				password: PASSWORD
			})
		).toMatchObject({
			ok: false,
			status: 409
		});
	});
});

describe('sign-in', () => {
	it('answers a wrong password and an unknown email with the same message', async () => {
		await user('ann@example.com', 'viewer');
		const wrong = await signIn(db, 'ann@example.com', 'wrong password', '10.0.0.1');
		const unknown = await signIn(db, 'nobody@example.com', PASSWORD, '10.0.0.1');
		expect(wrong).toEqual({ ok: false, status: 400, message: 'Wrong email or password.' });
		expect(unknown).toEqual(wrong);
	});

	it(`refuses the attempt after ${MAX_FAILURES_PER_ACCOUNT_AND_IP} failures in 15 minutes from one address, even with the right password`, async () => {
		await user('ann@example.com', 'viewer');
		const start = new Date('2026-05-01T10:00:00Z');
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
			expect((await signIn(db, 'ann@example.com', 'wrong password', '10.0.0.1', start)).ok).toBe(
				false
			);
		}
		expect(await signIn(db, 'ann@example.com', PASSWORD, '10.0.0.1', start)).toMatchObject({
			ok: false,
			status: 429
		});
		const later = new Date(start.getTime() + THROTTLE_WINDOW_MS + 1);
		expect((await signIn(db, 'ann@example.com', PASSWORD, '10.0.0.1', later)).ok).toBe(true);
	});

	it('keeps counting failures across a restart', async () => {
		await user('ann@example.com', 'viewer');
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++)
			await signIn(db, 'ann@example.com', 'wrong password', '10.0.0.1');
		const restarted = await openDatabase(url);
		expect(await signIn(restarted, 'ann@example.com', PASSWORD, '10.0.0.1')).toMatchObject({
			ok: false,
			status: 429
		});
		await closeDatabase(restarted);
	});

	it(`lets no more than ${MAX_FAILURES_PER_ACCOUNT_AND_IP} of many simultaneous guesses from one address be tried`, async () => {
		await user('ann@example.com', 'viewer');
		const start = new Date('2026-05-01T10:00:00Z');
		const guesses = 2 * MAX_FAILURES_PER_ACCOUNT_AND_IP;
		const outcomes = await Promise.all(
			Array.from({ length: guesses }, () =>
				signIn(db, 'ann@example.com', 'wrong password', '10.0.0.1', start)
			)
		);
		const statuses = outcomes.map((outcome) => (outcome.ok ? 200 : outcome.status));
		expect(statuses.filter((status) => status === 400)).toHaveLength(
			MAX_FAILURES_PER_ACCOUNT_AND_IP
		);
		expect(statuses.filter((status) => status === 429)).toHaveLength(
			guesses - MAX_FAILURES_PER_ACCOUNT_AND_IP
		);
	});

	it('forgets earlier failures after a successful sign-in', async () => {
		await user('ann@example.com', 'viewer');
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP - 1; i++)
			await signIn(db, 'ann@example.com', 'wrong password', '10.0.0.1');
		expect((await signIn(db, 'ann@example.com', PASSWORD, '10.0.0.1')).ok).toBe(true);
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP - 1; i++)
			await signIn(db, 'ann@example.com', 'wrong password', '10.0.0.1');
		expect((await signIn(db, 'ann@example.com', PASSWORD, '10.0.0.1')).ok).toBe(true);
	});

	describe('a stranger guessing from their own address', () => {
		const stranger = '203.0.113.7';
		const ownerAddress = '198.51.100.9';
		const start = new Date('2026-05-01T10:00:00Z');
		const guess = () => signIn(db, 'olga@example.com', 'a wrong guess', stranger, start);

		it.each([MAX_FAILURES_PER_ACCOUNT_AND_IP, 20])(
			'cannot keep the owner out after %i failures',
			async (failures) => {
				await user('olga@example.com', 'owner');
				for (let i = 0; i < failures; i++) await guess();
				expect(await signIn(db, 'olga@example.com', PASSWORD, ownerAddress, start)).toMatchObject({
					ok: true
				});
			}
		);

		it('is throttled, and stays so after the owner signs in elsewhere', async () => {
			await user('olga@example.com', 'owner');
			for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++)
				expect(await guess()).toMatchObject({ ok: false, status: 400 });
			const throttled = {
				ok: false,
				status: 429,
				message:
					'Too many failed sign-ins from your address. Wait 15 minutes, or ask an owner to reset your password.'
			};
			expect(await guess()).toEqual(throttled);
			expect((await signIn(db, 'olga@example.com', PASSWORD, ownerAddress, start)).ok).toBe(true);
			expect(await guess()).toEqual(throttled);
			expect(await signIn(db, 'olga@example.com', PASSWORD, stranger, start)).toEqual(throttled);
		});
	});

	it(`stops a distributed attack once the account has ${MAX_FAILURES_PER_ACCOUNT} failures from any addresses`, async () => {
		await user('olga@example.com', 'owner');
		const start = new Date('2026-05-01T10:00:00Z');
		const addresses = MAX_FAILURES_PER_ACCOUNT / MAX_FAILURES_PER_ACCOUNT_AND_IP;
		for (let a = 0; a < addresses; a++) {
			for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
				expect(
					await signIn(db, 'olga@example.com', 'a wrong guess', `203.0.113.${a}`, start)
				).toMatchObject({ status: 400 });
			}
		}
		expect(await signIn(db, 'olga@example.com', 'another guess', '203.0.113.200', start)).toEqual({
			ok: false,
			status: 429,
			message:
				'Too many failed sign-ins to this account from several addresses. Wait 15 minutes, or ask an owner to reset your password.'
		});
		expect(await signIn(db, 'olga@example.com', PASSWORD, '198.51.100.9', start)).toMatchObject({
			ok: false,
			status: 429
		});
		const later = new Date(start.getTime() + THROTTLE_WINDOW_MS + 1);
		expect((await signIn(db, 'olga@example.com', PASSWORD, '198.51.100.9', later)).ok).toBe(true);
	});

	it(`stops one address after ${MAX_FAILURES_PER_IP} failures spread over many accounts`, async () => {
		await user('ann@example.com', 'viewer');
		const start = new Date('2026-05-01T10:00:00Z');
		for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
			expect(
				await signIn(db, `user${i}@example.com`, 'a wrong guess', '203.0.113.7', start)
			).toMatchObject({ status: 400 });
		}
		expect(await signIn(db, 'ann@example.com', PASSWORD, '203.0.113.7', start)).toMatchObject({
			ok: false,
			status: 429
		});
		expect((await signIn(db, 'ann@example.com', PASSWORD, '198.51.100.9', start)).ok).toBe(true);
	});

	it('refuses deactivated users', async () => {
		await user('olga@example.com', 'owner');
		const ann = await user('ann@example.com', 'viewer');
		await deactivateUser(db, ann.id);
		expect((await signIn(db, 'ann@example.com', PASSWORD, '10.0.0.1')).ok).toBe(false);
		await reactivateUser(db, ann.id);
		expect((await signIn(db, 'ann@example.com', PASSWORD, '10.0.0.1')).ok).toBe(true);
	});
});

describe('roles and deactivation', () => {
	it('never leave the workspace without an active owner', async () => {
		const olga = await user('olga@example.com', 'owner');
		expect(await changeRole(db, olga.id, 'manager')).toMatchObject({ ok: false, status: 409 });
		expect(await deactivateUser(db, olga.id)).toMatchObject({ ok: false, status: 409 });

		const oscar = await user('oscar@example.com', 'owner');
		expect((await changeRole(db, olga.id, 'manager')).ok).toBe(true);
		expect(await deactivateUser(db, oscar.id)).toMatchObject({ ok: false, status: 409 });
	});

	it('end every session of a deactivated user at once', async () => {
		await user('olga@example.com', 'owner');
		const ann = await user('ann@example.com', 'manager');
		const phone = await startSession(db, ann.id);
		const laptop = await startSession(db, ann.id);
		expect((await deactivateUser(db, ann.id)).ok).toBe(true);
		expect(await validateSessionToken(db, phone.token)).toBeNull();
		expect(await validateSessionToken(db, laptop.token)).toBeNull();
		expect((await listUsers(db)).find((u) => u.id === ann.id)?.status).toBe('deactivated');
	});

	it('change a role for the next request', async () => {
		await user('olga@example.com', 'owner');
		const ann = await user('ann@example.com', 'viewer');
		const session = await startSession(db, ann.id);
		expect((await changeRole(db, ann.id, 'manager')).ok).toBe(true);
		expect((await validateSessionToken(db, session.token))?.user.role).toBe('manager');
	});
});

describe('client contact data for viewers', () => {
	it('is granted by an owner for the viewer’s next request, withdrawn the same way, and audited', async () => {
		const olga = await user('olga@example.com', 'owner');
		const vera = await user('vera@example.com', 'viewer');
		const session = await startSession(db, vera.id);
		expect((await validateSessionToken(db, session.token))?.user.contactDataGranted).toBe(false);

		expect(await setContactDataGrant(db, vera.id, true, { userId: olga.id })).toMatchObject({
			ok: true
		});
		expect((await validateSessionToken(db, session.token))?.user.contactDataGranted).toBe(true);
		expect(await setContactDataGrant(db, vera.id, false, { userId: olga.id })).toMatchObject({
			ok: true
		});
		expect((await validateSessionToken(db, session.token))?.user.contactDataGranted).toBe(false);

		expect(
			(await recentAudit(db)).map((entry) => [
				entry.actorUserId,
				entry.action,
				entry.subject,
				entry.details
			])
		).toEqual([
			[olga.id, 'user.contact-data', `user:${vera.id}`, { granted: false }],
			[olga.id, 'user.contact-data', `user:${vera.id}`, { granted: true }]
		]);
	});

	it('is no grant to make for managers and owners, who always see it', async () => {
		const olga = await user('olga@example.com', 'owner');
		const max = await user('max@example.com', 'manager');
		expect(await setContactDataGrant(db, max.id, true, { userId: olga.id })).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await setContactDataGrant(db, 'nobody', true, { userId: olga.id })).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await recentAudit(db)).toEqual([]);
	});

	it('ends with a change of role, so a demoted manager starts without it', async () => {
		const olga = await user('olga@example.com', 'owner');
		const vera = await user('vera@example.com', 'viewer');
		await setContactDataGrant(db, vera.id, true, { userId: olga.id });
		expect((await changeRole(db, vera.id, 'manager')).ok).toBe(true);
		expect((await changeRole(db, vera.id, 'viewer')).ok).toBe(true);
		expect((await listUsers(db)).find((u) => u.id === vera.id)?.contactDataGranted).toBe(false);
	});
});

describe('changing one’s own password', () => {
	it('needs the current password, then ends every other session', async () => {
		const ann = await user('ann@example.com', 'viewer');
		const other = await startSession(db, ann.id);
		expect(
			await changeOwnPassword(db, ann.id, 'not my password', 'a brand new password')
		).toMatchObject({ ok: false, status: 400 });
		expect(await validateSessionToken(db, other.token)).not.toBeNull();

		const changed = await changeOwnPassword(db, ann.id, PASSWORD, 'a brand new password');
		expect(changed.ok && (await validateSessionToken(db, changed.sessionToken))?.user.id).toBe(
			ann.id
		);
		expect(await validateSessionToken(db, other.token)).toBeNull();
		expect((await signIn(db, 'ann@example.com', 'a brand new password', '10.0.0.1')).ok).toBe(true);
	});
});

describe('a user’s scope', () => {
	it('is set and lifted by an owner for the user’s next request, and audited', async () => {
		const olga = await user('olga@example.com', 'owner');
		const vera = await user('vera@example.com', 'viewer');
		const vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null }))
			.id;
		const session = await startSession(db, vera.id);

		expect(await setUserScope(db, vera.id, vip, { userId: olga.id })).toMatchObject({
			ok: true,
			segment: 'VIP'
		});
		expect((await validateSessionToken(db, session.token))?.user.scopeSegmentId).toBe(vip);
		expect((await listUsers(db)).find(({ id }) => id === vera.id)?.scopeSegmentId).toBe(vip);
		expect(await setUserScope(db, vera.id, null, { userId: olga.id })).toMatchObject({
			ok: true,
			segment: null
		});
		expect((await validateSessionToken(db, session.token))?.user.scopeSegmentId).toBeNull();
		expect((await recentAudit(db)).map((entry) => [entry.action, entry.details])).toEqual([
			['user.scope', { segmentId: null }],
			['user.scope', { segmentId: vip }]
		]);
	});

	it('is refused for owners and for segments that do not exist', async () => {
		const olga = await user('olga@example.com', 'owner');
		const max = await user('max@example.com', 'manager');
		const vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null }))
			.id;
		expect(await setUserScope(db, olga.id, vip, { userId: olga.id })).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await setUserScope(db, max.id, vip + 1, { userId: olga.id })).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await setUserScope(db, 'nobody', vip, { userId: olga.id })).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('ends when the user becomes an owner', async () => {
		const max = await user('max@example.com', 'manager');
		const vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null }))
			.id;
		await setUserScope(db, max.id, vip, {});
		await changeRole(db, max.id, 'owner');
		expect((await listUsers(db))[0]?.scopeSegmentId).toBeNull();
	});

	it('keeps its segment: no deleting it, and only owners redefine it', async () => {
		const max = await user('max@example.com', 'manager');
		const vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null }))
			.id;
		await setUserScope(db, max.id, vip, {});
		expect(await deleteSegment(db, vip)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('“VIP” limits what max may see')
		});
		expect(await redefinitionRefusal(db, 'VIP', 'manager')).toMatchObject({ status: 409 });
		expect(await redefinitionRefusal(db, 'VIP', 'owner')).toBeNull();
		expect(await redefinitionRefusal(db, 'Other', 'manager')).toBeNull();
		await setUserScope(db, max.id, null, {});
		expect(await deleteSegment(db, vip)).toEqual({ ok: true, name: 'VIP' });
		expect(await deleteSegment(db, vip)).toMatchObject({ ok: false, status: 404 });
	});
});
