import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { recentAudit } from '../audit';
import { readSignInSettings } from '../auth/sign-in-settings';
import {
	deactivateUser,
	inviteUser,
	issuePasswordReset,
	signIn,
	usePasswordLink
} from '../users/service';
import { TEST_PASSWORD, addUser } from '../users/test-users';
import { signInSettingsFormSchema } from '../../schemas/sso';
import { saveSsoSettings } from './settings';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

/** The settings form as the owner sends it: SSO on, password sign-in as given. */
function form(fields: Record<string, string>) {
	const parsed = signInSettingsFormSchema.safeParse({
		ssoEnabled: 'on',
		ssoLabel: 'Example',
		ssoIssuer: 'https://idp.example.com',
		ssoClientId: 'satisfy',
		ssoClientSecret: 'the secret',
		ssoNewUsers: 'none',
		passwordSignIn: 'on',
		...fields
	});
	if (!parsed.success) throw new Error(parsed.error.message);
	return parsed.data;
}

const passwordOff = {
	ok: false,
	status: 400,
	message: 'Password sign-in is switched off. Please use single sign-on.'
};

describe('password sign-in switched off', () => {
	it('refuses everyone’s password but the break-glass owner’s', async () => {
		const olga = await addUser(db, 'olga@example.com', 'Olga', 'owner');
		await addUser(db, 'max@example.com', 'Max', 'manager');
		await addUser(db, 'otto@example.com', 'Otto', 'owner');
		const saved = await saveSsoSettings(
			db,
			form({ passwordSignIn: 'off', breakGlassUserId: olga.id }),
			{ userId: olga.id }
		);
		expect(saved).toEqual({ ok: true });
		expect(await signIn(db, 'max@example.com', TEST_PASSWORD, '192.0.2.1')).toEqual(passwordOff);
		expect(await signIn(db, 'otto@example.com', TEST_PASSWORD, '192.0.2.1')).toEqual(passwordOff);
		expect((await signIn(db, 'OLGA@example.com', TEST_PASSWORD, '192.0.2.1')).ok).toBe(true);
	});

	it('answers a wrong password in the same words for every address, so none can be told to be the break-glass owner’s', async () => {
		const olga = await addUser(db, 'olga@example.com', 'Olga', 'owner');
		await addUser(db, 'max@example.com', 'Max', 'manager');
		await saveSsoSettings(db, form({ passwordSignIn: 'off', breakGlassUserId: olga.id }), {});
		for (const email of ['olga@example.com', 'max@example.com', 'nobody@example.com'])
			expect(await signIn(db, email, 'not the password', '192.0.2.1'), email).toEqual(passwordOff);
		expect((await signIn(db, 'olga@example.com', TEST_PASSWORD, '192.0.2.1')).ok).toBe(true);
	});

	it('refuses choosing a password through an invitation, but for the break-glass owner', async () => {
		const olga = await addUser(db, 'olga@example.com', 'Olga', 'owner');
		const invited = await inviteUser(db, { email: 'ivy@example.com', name: 'Ivy', role: 'viewer' });
		if (!invited.ok) throw new Error(invited.message);
		await saveSsoSettings(db, form({ passwordSignIn: 'off', breakGlassUserId: olga.id }), {});
		expect(await usePasswordLink(db, invited.token, TEST_PASSWORD)).toEqual(passwordOff);
		const reset = await issuePasswordReset(db, 'olga@example.com');
		if (!reset.ok) throw new Error(reset.message);
		expect((await usePasswordLink(db, reset.token, 'a new long password')).ok).toBe(true);
	});

	it('lets everyone use a password again once switched back on', async () => {
		const olga = await addUser(db, 'olga@example.com', 'Olga', 'owner');
		await addUser(db, 'max@example.com', 'Max', 'manager');
		await saveSsoSettings(db, form({ passwordSignIn: 'off', breakGlassUserId: olga.id }), {});
		await saveSsoSettings(db, form({ passwordSignIn: 'on' }), {});
		expect((await signIn(db, 'max@example.com', TEST_PASSWORD, '192.0.2.1')).ok).toBe(true);
	});

	it('refuses a break-glass user who is not an active owner with a password', async () => {
		await addUser(db, 'olga@example.com', 'Olga', 'owner');
		const max = await addUser(db, 'max@example.com', 'Max', 'manager');
		const otto = await addUser(db, 'otto@example.com', 'Otto', 'owner');
		await deactivateUser(db, otto.id);
		const invited = await inviteUser(db, { email: 'ivy@example.com', name: 'Ivy', role: 'owner' });
		if (!invited.ok) throw new Error(invited.message);
		const notOwner = {
			ok: false,
			status: 400,
			message: 'The emergency owner must be an active owner who has chosen a password.',
			field: 'breakGlassUserId'
		};
		for (const id of [max.id, otto.id, invited.user.id, 'nobody'])
			expect(
				await saveSsoSettings(db, form({ passwordSignIn: 'off', breakGlassUserId: id }), {})
			).toEqual(notOwner);
		expect((await readSignInSettings(db)).passwordSignIn).toBe(true);
	});

	it('is refused by the form without single sign-on or without a break-glass owner', () => {
		const errors = (fields: Record<string, string>) =>
			signInSettingsFormSchema
				.safeParse({
					ssoNewUsers: 'none',
					passwordSignIn: 'off',
					...fields
				})
				.error?.issues.map(({ path, message }) => [path[0], message]);
		expect(errors({})).toEqual([
			['passwordSignIn', 'Password sign-in can only be switched off while single sign-on is on.'],
			['breakGlassUserId', 'Choose the emergency owner who may still sign in with a password.']
		]);
	});
});

describe('sign-in settings', () => {
	it('keeps the saved client secret when the field is left empty, and audits without it', async () => {
		const olga = await addUser(db, 'olga@example.com', 'Olga', 'owner');
		await saveSsoSettings(db, form({}), { userId: olga.id });
		await saveSsoSettings(db, form({ ssoClientSecret: '', ssoLabel: 'Example Ltd' }), {
			userId: olga.id
		});
		const settings = await readSignInSettings(db);
		expect(settings).toMatchObject({ ssoClientSecret: 'the secret', ssoLabel: 'Example Ltd' });
		const [entry] = await recentAudit(db);
		expect(entry).toMatchObject({ action: 'sign-in.settings', actorUserId: olga.id });
		expect(JSON.stringify(entry?.details)).not.toContain('the secret');
		expect(entry?.details).toMatchObject({ clientSecretChanged: false, ssoLabel: 'Example Ltd' });
	});

	it('asks for a client secret when none is saved yet', async () => {
		expect(await saveSsoSettings(db, form({ ssoClientSecret: '' }), {})).toEqual({
			ok: false,
			status: 400,
			message: 'Enter the client secret the identity provider gave Satisfy.',
			field: 'ssoClientSecret'
		});
	});

	it('stores the role for new accounts and the group mapping', async () => {
		await saveSsoSettings(
			db,
			form({ ssoNewUsers: 'manager', ssoGroupsClaim: 'groups', ssoViewerGroup: 'staff' }),
			{}
		);
		expect(await readSignInSettings(db)).toMatchObject({
			ssoNewUserRole: 'manager',
			ssoGroupsClaim: 'groups',
			ssoOwnerGroup: null,
			ssoViewerGroup: 'staff'
		});
	});
});
