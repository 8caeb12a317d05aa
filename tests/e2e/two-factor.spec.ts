import type { Browser, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { mkdirSync, rmSync } from 'node:fs';
import { appCode } from '../../src/lib/server/auth/test-authenticator';
import { expect, test } from './fixtures';
import {
	adminOn,
	createApiKey,
	createStaff,
	expectAccessible,
	owner,
	root,
	signIn,
	startServer,
	stopServer
} from './support';

/*
 * Two-factor sign-in (issue #21): a user enrols an authenticator app, then signs in with a code
 * or a recovery code, each once; an owner resets it; an owner requires it, and a user without
 * one can open nothing but its set-up page until they have it.
 */

type Staff = { email: string; password: string };

/** The password step; the page asks for a code next. */
async function passwordStep(page: Page, user: Staff) {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(user.email);
	await page.getByLabel('Password').fill(user.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/login\/two-factor$/);
}

async function typeCode(page: Page, code: string) {
	await page.getByLabel('Code', { exact: true }).fill(code);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Sets up the app from the account page: the secret the QR code holds, and the recovery codes. */
async function enrol(page: Page) {
	await page.goto('/settings/account/two-factor', { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
	const qr = page.getByRole('img', { name: 'QR code of the key for your authenticator app' });
	await expect(qr).toBeVisible();
	const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
	const image = PNG.sync.read(await qr.screenshot());
	const scanned = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
	expect(new URL(scanned!).searchParams.get('secret')).toBe(secret);
	await page.getByLabel('The 6-digit code the app now shows').fill(appCode(secret, new Date()));
	await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
	const codes = page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
	await expect(codes).toHaveCount(10);
	return { secret, recoveryCodes: await codes.allTextContents() };
}

/**
 * The app's next code: the one enrolment used is spent, and the step after it is within the one
 * step of drift the server allows.
 */
const nextCode = (secret: string) => appCode(secret, new Date(Date.now() + 30_000));

async function freshPage(browser: Browser) {
	const context = await browser.newContext();
	return context.newPage();
}

test.describe('a manager with two-factor sign-in', () => {
	test.describe.configure({ mode: 'serial' });
	const manager = createStaffOnce();
	let enrolled: { secret: string; recoveryCodes: string[] };

	test('enrols with the QR code, and the pages are accessible', async ({ page }) => {
		await signIn(page, manager());
		await page.goto('/settings/account', { waitUntil: 'networkidle' });
		await expect(page.getByText('Two-factor sign-in is off.')).toBeVisible();
		await page.getByRole('link', { name: 'Manage two-factor sign-in' }).click();
		await expect(page).toHaveURL(/\/settings\/account\/two-factor$/);
		await expectAccessible(page);
		enrolled = await enrol(page);
		await expectAccessible(page);
		for (const code of enrolled.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
		await page.reload();
		await expect(page.getByText('You have 10 unused recovery codes.')).toBeVisible();
		await expectAccessible(page);
		// An auditor's script sees it too.
		const listed = await page.request.get('/api/v1/users', {
			headers: { authorization: `Bearer ${createApiKey('owner')}` }
		});
		expect((await listed.json()).users).toContainEqual(
			expect.objectContaining({ email: manager().email, twoFactor: true })
		);
	});

	test('signs in with the password and a code; a wrong code and a used one are refused', async ({
		browser
	}) => {
		const page = await freshPage(browser);
		await passwordStep(page, manager());
		await expectAccessible(page);
		await typeCode(page, '000000');
		await expect(page.getByText('That code is not right, or it was already used.')).toBeVisible();
		const code = nextCode(enrolled.secret);
		await typeCode(page, code);
		await expect(page).toHaveURL(/\/dashboard$/);

		const again = await freshPage(browser);
		await passwordStep(again, manager());
		await typeCode(again, code);
		await expect(again.getByText('That code is not right, or it was already used.')).toBeVisible();
		// The password alone opened nothing.
		await again.goto('/dashboard');
		await expect(again).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('signs in with a recovery code, once', async ({ page, browser, consoleErrors }) => {
			consoleErrors.expectRefusal('/login/two-factor', 400);
			const recovery = enrolled.recoveryCodes[0]!;
			await passwordStep(page, manager());
			await typeCode(page, recovery.toUpperCase());
			await expect(page).toHaveURL(/\/dashboard$/);

			const context = await browser.newContext({ javaScriptEnabled: false });
			const again = await context.newPage();
			await passwordStep(again, manager());
			await typeCode(again, recovery);
			await expect(again.getByRole('alert')).toContainText('That code is not right');
			await context.close();
		});
	});

	test('an owner resets it from the Users page, and the password alone signs in again', async ({
		page,
		browser
	}) => {
		await signIn(page, owner);
		await page.goto('/settings/users', { waitUntil: 'networkidle' });
		const row = page.getByRole('row').filter({ hasText: manager().email });
		await expect(row.getByText('two-factor', { exact: true })).toBeVisible();
		await row.getByRole('button', { name: 'Reset two-factor' }).click();
		await expect(page.getByRole('status')).toContainText('two-factor sign-in is reset');
		await expect(row.getByRole('button', { name: 'Reset two-factor' })).toHaveCount(0);

		await signIn(await freshPage(browser), manager());
	});
});

/** A staff user made when the first test asks, so a spec's serial tests share them. */
function createStaffOnce() {
	let user: Staff | undefined;
	return () => (user ??= createStaff('manager'));
}

test.describe('the owner’s requirement', () => {
	test.describe.configure({ mode: 'serial' });
	// A workspace of its own: the requirement would hold back every other spec's users.
	let dir = '';
	let server: Awaited<ReturnType<typeof startServer>>;
	const boss = { email: 'boss@two-factor.test', password: 'boss-password-long' };
	const mia = { email: 'mia@two-factor.test', password: 'mia-password-long' };
	const vic = { email: 'vic@two-factor.test', password: 'vic-password-long' };

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		dir = `${root}test-results/e2e/two-factor-${Date.now()}`;
		mkdirSync(dir, { recursive: true });
		const database = `${dir}/app.db`;
		for (const [user, name, role] of [
			[boss, 'Boss', 'owner'],
			[mia, 'Mia', 'manager'],
			[vic, 'Vic', 'viewer']
		] as const)
			adminOn(
				database,
				'create-user',
				'--email',
				user.email,
				'--name',
				name,
				'--role',
				role,
				'--password',
				user.password
			);
		server = await startServer(database);
	});

	test.afterAll(async () => {
		if (server) await stopServer(server);
		rmSync(dir, { recursive: true, force: true });
	});

	const pageOn = async (browser: Browser) =>
		(await browser.newContext({ baseURL: server.origin })).newPage();

	test('holds back owners and managers without a second factor until they set one up', async ({
		browser
	}) => {
		// Three users through several pages and an enrolment.
		test.setTimeout(90_000);
		const owners = await pageOn(browser);
		await signIn(owners, boss);
		await owners.goto('/settings/users', { waitUntil: 'networkidle' });
		await expectAccessible(owners);
		await owners.getByLabel('Who must sign in with two factors').selectOption('owners-managers');
		await owners.getByRole('button', { name: 'Save requirement' }).click();
		// The owner is held back too, at once: the page's data, reloaded after the save, is refused.
		await expect(owners).toHaveURL(/\/settings\/account\/two-factor\?required$/);
		await owners.goto('/dashboard');
		await expect(owners).toHaveURL(/\/settings\/account\/two-factor\?required$/);

		const managers = await pageOn(browser);
		await managers.goto('/login', { waitUntil: 'networkidle' });
		await managers.getByLabel('Email').fill(mia.email);
		await managers.getByLabel('Password').fill(mia.password);
		await managers.getByRole('button', { name: 'Sign in' }).click();
		await expect(managers).toHaveURL(/\/settings\/account\/two-factor\?required$/);
		await expect(managers.getByRole('alert')).toContainText(
			'The owner requires two-factor sign-in for your role.'
		);
		await expectAccessible(managers);
		// Nor does a page's data open to her by another way in.
		const data = await managers.request.get('/clients/__data.json');
		expect(await data.json()).toEqual({
			type: 'redirect',
			location: '/settings/account/two-factor?required'
		});

		const { secret } = await enrol(managers);
		await managers.goto('/clients');
		await expect(managers).toHaveURL(/\/clients$/);
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);

		// Viewers are not asked.
		await signIn(await pageOn(browser), vic);
	});
});
