import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { sessions, ssoLogins, users } from '../db/schema';
import { recentAudit } from '../audit';
import { updateSignInSettings, type SignInSettings } from '../auth/sign-in-settings';
import { validateSessionToken } from '../auth/session';
import { deactivateUser, findPasswordLink, inviteUser, listUsers } from '../users/service';
import { addUser } from '../users/test-users';
import { finishSsoSignIn } from './callback';
import { startSsoSignIn, ssoCallbackUrl, SSO_LOGIN_VALIDITY_MS } from './start';
import {
	signInAtProvider,
	startTestProvider,
	type TestProvider,
	type TestProviderOptions
} from './test-provider';

const ORIGIN = 'http://127.0.0.1:5999';
const CALLBACK = ssoCallbackUrl(ORIGIN);

const providerOptions: TestProviderOptions = {
	clientId: 'satisfy',
	clientSecret: 'the test client secret',
	redirectUris: [CALLBACK],
	accounts: [
		{
			sub: 'ann',
			email: 'Ann@Example.com',
			email_verified: true,
			name: 'Ann Andersen',
			groups: ['satisfy-managers', 'everyone']
		},
		{ sub: 'bob', email: 'bob@example.com', email_verified: false, name: 'Bob' },
		{ sub: 'eve', email: 'eve@example.com', xms_edov: false, name: 'Eve' },
		{ sub: 'ed', email: 'ed@example.com', xms_edov: true, name: 'Ed at Entra' },
		{ sub: 'nina', email: 'nina@example.com', email_verified: true, name: 'Nina New' },
		{ sub: 'sam', email: 'sam@example.com', email_verified: true, name: 'Sam', groups: ['sales'] }
	]
};

let provider: TestProvider;
beforeAll(async () => {
	provider = await startTestProvider(providerOptions);
});
afterAll(() => provider.stop());

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	await configure({});
});
afterEach(() => remove());

function configure(changes: Partial<SignInSettings>, issuer = provider.issuer) {
	return inTransaction(db, (tx) =>
		updateSignInSettings(tx, {
			ssoEnabled: true,
			ssoLabel: 'Example',
			ssoIssuer: issuer,
			ssoClientId: providerOptions.clientId,
			ssoClientSecret: providerOptions.clientSecret,
			...changes
		})
	);
}

/** The browser's part: starts at Satisfy, signs in as `account` at the provider, comes back. */
async function returnFromProvider(account: string) {
	const started = await startSsoSignIn(db, ORIGIN, '/surveys');
	if (!started.ok) throw new Error(started.message);
	const callbackUrl = await signInAtProvider(started.authorizationUrl, account, CALLBACK);
	return { callbackUrl, state: started.state };
}

async function signInAs(account: string) {
	const { callbackUrl, state } = await returnFromProvider(account);
	return finishSsoSignIn(db, callbackUrl, state);
}

const refused = (message: string) => ({ ok: false, status: 400, message });

describe('single sign-on', () => {
	it('signs a known user in by their verified email, with a session marked as SSO', async () => {
		const ann = await addUser(db, 'ann@example.com', 'Ann', 'viewer');
		const result = await signInAs('ann');
		if (!result.ok) throw new Error(result.message);
		expect(result.user.id).toBe(ann.id);
		expect(result.redirectTo).toBe('/surveys');
		expect((await validateSessionToken(db, result.sessionToken))?.user.id).toBe(ann.id);
		const [session] = await db.select().from(sessions).where(eq(sessions.userId, ann.id));
		expect(session?.method).toBe('sso');
	});

	it('takes the name the provider gives at each sign-in, the directory being the company’s', async () => {
		const ann = await addUser(db, 'ann@example.com', 'Ann', 'viewer');
		const result = await signInAs('ann');
		expect(result).toMatchObject({ ok: true, user: { id: ann.id, name: 'Ann Andersen' } });
		const [stored] = await db.select().from(users).where(eq(users.id, ann.id));
		expect(stored?.name).toBe('Ann Andersen');
	});

	it('sends the provider PKCE, a state and a nonce, and keeps them for ten minutes', async () => {
		const now = new Date();
		const started = await startSsoSignIn(db, ORIGIN, '/dashboard', now);
		if (!started.ok) throw new Error(started.message);
		const query = started.authorizationUrl.searchParams;
		expect(query.get('code_challenge_method')).toBe('S256');
		expect(query.get('state')).toBe(started.state);
		expect(query.get('scope')).toBe('openid email profile');
		expect(query.get('redirect_uri')).toBe(CALLBACK);
		const [login] = await db.select().from(ssoLogins);
		expect(login?.nonce).toBe(query.get('nonce'));
		expect(login?.expiresAt.getTime()).toBe(now.getTime() + SSO_LOGIN_VALIDITY_MS);
	});

	it('refuses a callback whose state is not the one in the browser’s cookie', async () => {
		await addUser(db, 'ann@example.com', 'Ann', 'viewer');
		const { callbackUrl } = await returnFromProvider('ann');
		const other = await startSsoSignIn(db, ORIGIN, '/');
		if (!other.ok) throw new Error(other.message);
		expect(await finishSsoSignIn(db, callbackUrl, other.state)).toEqual(
			refused('This sign-in has expired or was already used. Please start again.')
		);
		expect(await finishSsoSignIn(db, callbackUrl, undefined)).toMatchObject({ ok: false });
	});

	it('refuses the same callback URL a second time', async () => {
		await addUser(db, 'ann@example.com', 'Ann', 'viewer');
		const { callbackUrl, state } = await returnFromProvider('ann');
		expect((await finishSsoSignIn(db, callbackUrl, state)).ok).toBe(true);
		expect(await finishSsoSignIn(db, callbackUrl, state)).toEqual(
			refused('This sign-in has expired or was already used. Please start again.')
		);
	});

	it('says so when the provider answers with an error instead of a code (the person cancelled)', async () => {
		const started = await startSsoSignIn(db, ORIGIN, '/');
		if (!started.ok) throw new Error(started.message);
		const callbackUrl = new URL(CALLBACK);
		callbackUrl.search = new URLSearchParams({
			error: 'access_denied',
			state: started.state,
			iss: provider.issuer
		}).toString();
		expect(await finishSsoSignIn(db, callbackUrl, started.state)).toEqual(
			refused('The identity provider did not sign you in. Please start again.')
		);
	});

	it('refuses a callback after the ten minutes', async () => {
		await addUser(db, 'ann@example.com', 'Ann', 'viewer');
		const { callbackUrl, state } = await returnFromProvider('ann');
		const later = new Date(Date.now() + SSO_LOGIN_VALIDITY_MS + 1000);
		expect(await finishSsoSignIn(db, callbackUrl, state, later)).toMatchObject({ ok: false });
	});

	// Longer than the others: a provider process of its own starts first.
	it('refuses an ID token that had expired when it arrived (the provider’s clock is behind)', async () => {
		const late = await startTestProvider({ ...providerOptions, clockOffsetSeconds: -2 * 3600 });
		try {
			await configure({}, late.issuer);
			await addUser(db, 'ann@example.com', 'Ann', 'viewer');
			expect(await signInAs('ann')).toEqual(
				refused(
					'The identity provider’s answer was out of date. Please start again; if this happens again, an administrator should check the clocks of both servers.'
				)
			);
		} finally {
			await late.stop();
		}
	}, 30_000);

	it('refuses an email address the provider has not verified', async () => {
		await addUser(db, 'bob@example.com', 'Bob', 'owner');
		expect(await signInAs('bob')).toEqual(
			refused(
				'Your identity provider has not confirmed your email address, so it cannot be matched to an account.'
			)
		);
	});

	it('trusts Entra ID’s verified email domain (xms_edov) only where email_verified is missing', async () => {
		const ed = await addUser(db, 'ed@example.com', 'Ed', 'viewer');
		await addUser(db, 'eve@example.com', 'Eve', 'viewer');
		expect(await signInAs('ed')).toMatchObject({ ok: true, user: { id: ed.id } });
		expect(await signInAs('eve')).toMatchObject({ ok: false });
	});

	it('refuses an unknown email unless the owner lets first sign-ins create accounts', async () => {
		expect(await signInAs('nina')).toEqual(
			refused('There is no account for nina@example.com. Please ask an owner to invite you.')
		);
		await configure({ ssoNewUserRole: 'viewer' });
		const result = await signInAs('nina');
		if (!result.ok) throw new Error(result.message);
		expect(result.user).toMatchObject({
			email: 'nina@example.com',
			name: 'Nina New',
			role: 'viewer',
			passwordHash: null
		});
		const [entry] = await recentAudit(db);
		expect(entry).toMatchObject({ action: 'user.sso-created', subject: `user:${result.user.id}` });
	});

	it('lists users as active once they sign in through the provider, invited or made there', async () => {
		const invited = await inviteUser(db, { email: 'ann@example.com', name: 'Ann', role: 'viewer' });
		if (!invited.ok) throw new Error(invited.message);
		expect((await listUsers(db)).map((user) => user.status)).toEqual(['invited']);
		expect((await signInAs('ann')).ok).toBe(true);
		// The invitation was answered: its link opens nothing any more.
		expect(await findPasswordLink(db, invited.token)).toBeNull();
		await configure({ ssoNewUserRole: 'viewer' });
		expect((await signInAs('nina')).ok).toBe(true);
		expect((await listUsers(db)).map(({ email, status }) => [email, status])).toEqual([
			['ann@example.com', 'active'],
			['nina@example.com', 'active']
		]);
	});

	it('refuses a deactivated user', async () => {
		await addUser(db, 'owner@example.com', 'Olga', 'owner');
		const ann = await addUser(db, 'ann@example.com', 'Ann', 'viewer');
		await deactivateUser(db, ann.id);
		expect(await signInAs('ann')).toEqual(
			refused('This account has been deactivated. Please ask an owner.')
		);
	});

	it('refuses to start or finish while single sign-on is off', async () => {
		const { callbackUrl, state } = await returnFromProvider('ann');
		await configure({ ssoEnabled: false });
		const off = refused(
			'Single sign-on is not switched on. Please sign in with your email and password.'
		);
		expect(await startSsoSignIn(db, ORIGIN, '/')).toEqual({ ...off, status: 404 });
		expect(await finishSsoSignIn(db, callbackUrl, state)).toEqual({ ...off, status: 404 });
	});

	it('refuses clearly when the issuer cannot be reached or is not HTTPS', async () => {
		const unreachable = refused(
			'The identity provider cannot be reached right now. Please try again later, or ask an owner to check the sign-in settings.'
		);
		await configure({}, 'http://127.0.0.1:9');
		expect(await startSsoSignIn(db, ORIGIN, '/')).toEqual(unreachable);
		await configure({}, 'http://idp.example.com');
		expect(await startSsoSignIn(db, ORIGIN, '/')).toEqual(unreachable);
	});
});

describe('roles from groups', () => {
	const groups = {
		ssoGroupsClaim: 'groups',
		ssoOwnerGroup: 'satisfy-owners',
		ssoManagerGroup: 'satisfy-managers',
		ssoViewerGroup: 'everyone'
	};

	it('gives the highest mapped role at each sign-in, and audits the change', async () => {
		await addUser(db, 'owner@example.com', 'Olga', 'owner');
		const ann = await addUser(db, 'ann@example.com', 'Ann', 'viewer');
		await configure(groups);
		const result = await signInAs('ann');
		if (!result.ok) throw new Error(result.message);
		expect(result.user.role).toBe('manager');
		const [entry] = await recentAudit(db);
		expect(entry).toMatchObject({
			action: 'user.role',
			subject: `user:${ann.id}`,
			details: { from: 'viewer', role: 'manager', by: 'sso-groups' }
		});
	});

	it('creates a first-time user with the role of their groups', async () => {
		await configure({ ...groups, ssoNewUserRole: 'viewer', ssoManagerGroup: null });
		const result = await signInAs('ann');
		if (!result.ok) throw new Error(result.message);
		expect(result.user).toMatchObject({ email: 'ann@example.com', role: 'viewer' });
	});

	it('refuses a user in none of the mapped groups', async () => {
		await addUser(db, 'sam@example.com', 'Sam', 'manager');
		await configure(groups);
		expect(await signInAs('sam')).toEqual(
			refused(
				'Your account at the identity provider is in none of the groups that give access to Satisfy. Please ask your administrator.'
			)
		);
	});

	it('never demotes the last active owner', async () => {
		await addUser(db, 'ann@example.com', 'Ann', 'owner');
		await configure(groups);
		const result = await signInAs('ann');
		if (!result.ok) throw new Error(result.message);
		expect(result.user.role).toBe('owner');
		const [stored] = await db.select().from(users).where(eq(users.email, 'ann@example.com'));
		expect(stored?.role).toBe('owner');
	});
});
