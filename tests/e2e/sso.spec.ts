import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { startTestProvider, type TestProvider } from '../../src/lib/server/sso/test-provider';
import { adminBundle } from './admin-bundle';
import { expect, test } from './fixtures';
import { expectAccessible, root, startServer, stopServer, type Server } from './support';

/*
 * Single sign-on (issue #21): the owner registers the company's OpenID provider on the settings
 * page, people sign in through it, their groups give their role, and once password sign-in is
 * off only the break-glass owner may still use a password. A real provider (oidc-provider) runs
 * beside a server of its own, since switching passwords off would lock out the other suites.
 */

test.describe.configure({ mode: 'serial', timeout: 90_000 });

const OWNER = { email: 'olga@sso.test', name: 'Olga Owner', password: 'olga-sso-password' };
const MANAGER = { email: 'max@sso.test', name: 'Max Manager', password: 'max-sso-password' };
const CLIENT = { id: 'satisfy-e2e', secret: 'the e2e client secret' };

let dir = '';
let database = '';
let server: Server;
let provider: TestProvider;

function createUser(user: typeof OWNER, role: string) {
	execFileSync(
		process.execPath,
		[
			adminBundle,
			'create-user',
			'--email',
			user.email,
			'--name',
			user.name,
			'--role',
			role,
			'--password',
			user.password
		],
		{ cwd: root, env: { ...process.env, DATABASE_URL: database } }
	);
}

test.beforeAll(async () => {
	test.setTimeout(60_000);
	dir = `${root}test-results/e2e/sso-${Date.now()}`;
	mkdirSync(dir, { recursive: true });
	database = `${dir}/app.db`;
	server = await startServer(database);
	createUser(OWNER, 'owner');
	createUser(MANAGER, 'manager');
	provider = await startTestProvider({
		clientId: CLIENT.id,
		clientSecret: CLIENT.secret,
		redirectUris: [`${server.origin}/login/sso/callback`],
		accounts: [
			{
				sub: 'mia',
				email: 'mia@sso.test',
				email_verified: true,
				name: 'Mia Mapped',
				groups: ['satisfy-managers', 'staff']
			}
		]
	});
});

test.afterAll(async () => {
	if (provider) await provider.stop();
	if (server) await stopServer(server);
	rmSync(dir, { recursive: true, force: true });
});

async function signInWithPassword(page: Page, user: typeof OWNER) {
	await page.goto(`${server.origin}/login`);
	await page.getByLabel('Email').fill(user.email);
	await page.getByLabel('Password', { exact: true }).fill(user.password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const roleOf = (email: string) => {
	const db = new Database(database, { readonly: true });
	try {
		return (db.prepare('select role from users where email = ?').get(email) as { role: string })
			.role;
	} finally {
		db.close();
	}
};

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the owner registers the identity provider on the sign-in settings page', async ({
		page
	}) => {
		await signInWithPassword(page, OWNER);
		await expect(page).toHaveURL(/\/dashboard$/);
		await page.goto(`${server.origin}/settings/sign-in`);
		await expect(page.getByText(`${server.origin}/login/sso/callback`)).toBeVisible();
		await expect(page.getByText('openid email profile')).toBeVisible();

		await page.getByLabel('Offer “Sign in with …” on the sign-in page').check();
		await page.getByLabel('Name on the button').fill('Example Ltd');
		await page.getByLabel('Issuer URL').fill(provider.issuer);
		await page.getByLabel('Client ID').fill(CLIENT.id);
		await page.getByLabel('Client secret').fill(CLIENT.secret);
		await page.getByLabel('People who have no account yet').selectOption('viewer');
		await page.getByLabel('Groups claim').fill('groups');
		await page.getByLabel('Group for the role owner').fill('satisfy-owners');
		await page.getByLabel('Group for the role manager').fill('satisfy-managers');
		await page.getByLabel('Group for the role viewer').fill('staff');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status')).toHaveText('The sign-in settings are saved.');
		// Write-only: the secret is kept but never sent back.
		await expect(page.getByLabel('Client secret')).toHaveValue('');
		expect(await page.content()).not.toContain(CLIENT.secret);
	});
});

// axe runs with JavaScript on: with it off, its checks of some pages never finish.
test('the settings page, and the sign-in page with the button, are accessible', async ({
	page
}) => {
	await signInWithPassword(page, OWNER);
	await expect(page).toHaveURL(/\/dashboard$/);
	await page.goto(`${server.origin}/settings/sign-in`, { waitUntil: 'networkidle' });
	await expect(page.getByLabel('Issuer URL')).toHaveValue(provider.issuer);
	await expectAccessible(page);
	await page.context().clearCookies();
	await page.goto(`${server.origin}/login`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('link', { name: 'Sign in with Example Ltd' })).toBeVisible();
	await expectAccessible(page);
});

test('a new colleague signs in through the provider and gets the role of their group', async ({
	page
}) => {
	await page.goto(`${server.origin}/login`, { waitUntil: 'networkidle' });
	const button = page.getByRole('link', { name: 'Sign in with Example Ltd' });
	await button.click();
	await expect(page.getByRole('heading', { name: 'Test provider' })).toBeVisible();
	await page.getByRole('button', { name: 'Mia Mapped' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	expect(roleOf('mia@sso.test')).toBe('manager');
	await expect(page.getByRole('link', { name: 'Clients' })).toBeVisible();
});

test.describe('password sign-in switched off, without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('refuses a manager’s password but not the break-glass owner’s', async ({
		page,
		consoleErrors
	}) => {
		consoleErrors.expectRefusal('/login', 400);
		await signInWithPassword(page, OWNER);
		await page.goto(`${server.origin}/settings/sign-in`);
		await page.getByLabel('Only the emergency owner may sign in with a password').check();
		await page
			.getByLabel('Emergency owner', { exact: true })
			.selectOption({ label: `${OWNER.name} (${OWNER.email})` });
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status')).toHaveText('The sign-in settings are saved.');
		await page.context().clearCookies();

		await signInWithPassword(page, MANAGER);
		await expect(page.getByRole('alert')).toHaveText(
			'Password sign-in is switched off. Please use single sign-on.'
		);
		await expect(page.getByText('only the emergency owner may use the form below')).toBeVisible();

		await signInWithPassword(page, OWNER);
		await expect(page).toHaveURL(/\/dashboard$/);
	});
});

test('the sign-in page says that password sign-in is off, accessibly', async ({ page }) => {
	await page.goto(`${server.origin}/login`, { waitUntil: 'networkidle' });
	await expect(page.getByText('only the emergency owner may use the form below')).toBeVisible();
	await expectAccessible(page);
});
