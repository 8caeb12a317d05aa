import { request, type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaff, freePort, root } from './support';

// Browsers drop tabs and newlines from a URL and read `\` as `/`: each of these names another host.
const offSite = [
	'/\\evil.example',
	'/\t/evil.example',
	'//evil.example',
	'/\\\\evil.example',
	'/.//evil.example',
	'https://evil.example/',
	'javascript:alert(1)'
];

test.describe('a crafted sign-in link', () => {
	for (const target of offSite) {
		test(`redirectTo=${JSON.stringify(target)} opens the dashboard, not another site`, async ({
			browser,
			baseURL
		}) => {
			const user = createStaff('viewer');
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`, {
				waitUntil: 'networkidle'
			});
			await page.getByLabel('Email').fill(user.email);
			await page.getByLabel('Password').fill(user.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page).toHaveURL(`${baseURL}/dashboard`);

			// Already signed in, the same link redirects straight away: to the dashboard too.
			const again = await page.request.get(`/login?redirectTo=${encodeURIComponent(target)}`, {
				maxRedirects: 0
			});
			expect(again.status()).toBe(303);
			expect(again.headers().location).toBe('/dashboard');
			await context.close();
		});
	}

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('a backslash target still ends on the dashboard', async ({ page, baseURL }) => {
			const user = createStaff('viewer');
			await page.goto(`/login?redirectTo=${encodeURIComponent('/\\evil.example')}`);
			await page.getByLabel('Email').fill(user.email);
			await page.getByLabel('Password').fill(user.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page).toHaveURL(`${baseURL}/dashboard`);
		});
	});

	test('a same-site target is kept', async ({ page }) => {
		const user = createStaff('viewer');
		await page.goto(`/login?redirectTo=${encodeURIComponent('/settings/account?from=mail')}`, {
			waitUntil: 'networkidle'
		});
		await page.getByLabel('Email').fill(user.email);
		await page.getByLabel('Password').fill(user.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/settings\/account\?from=mail$/);
	});
});

/**
 * The built app on its own port and database, told (as behind a proxy) to take the client's
 * address from X-Forwarded-For: the shared test server reads the connecting address instead.
 */
test.describe('behind a proxy (ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1)', () => {
	const owner = { email: 'olga@proxy.test', name: 'Olga Owner', password: 'olga-proxy-password' };
	let server: ChildProcess;
	let folder: string;
	let origin: string;
	let http: APIRequestContext;

	test.beforeAll(async () => {
		const port = await freePort();
		origin = `http://127.0.0.1:${port}`;
		folder = mkdtempSync(join(tmpdir(), 'satisfy-proxy-'));
		server = spawn(process.execPath, ['scripts/serve.js'], {
			cwd: root,
			stdio: ['ignore', 'inherit', 'inherit'],
			env: {
				...process.env,
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: origin,
				DATABASE_URL: join(folder, 'app.db'),
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			}
		});
		// Form posts as a browser without JavaScript sends them, so answers come as pages and 303s.
		const browserLike = () =>
			request.newContext({ baseURL: origin, extraHTTPHeaders: { origin, accept: 'text/html' } });
		const setupBrowser = await browserLike();
		await expect
			.poll(
				() =>
					setupBrowser.get('/api/v1/health').then(
						(r) => r.status(),
						() => 0
					),
				{ timeout: 30_000 }
			)
			.toBe(200);
		const setup = await setupBrowser.post('/setup', { form: owner, maxRedirects: 0 });
		expect(setup.headers().location).toBe('/dashboard');
		await setupBrowser.dispose();
		http = await browserLike();
	});

	test.afterAll(async () => {
		await http?.dispose();
		server?.kill();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	const signIn = (password: string, forwardedFor: string) =>
		http.post('/login', {
			form: { email: owner.email, password },
			headers: { 'x-forwarded-for': forwardedFor },
			maxRedirects: 0
		});

	test("a stranger's failures throttle the stranger's address, not the owner's", async () => {
		for (let i = 0; i < 5; i++)
			expect((await signIn('a wrong guess', '203.0.113.7')).status()).toBe(400);
		const stranger = await signIn(owner.password, '203.0.113.7');
		expect(stranger.status()).toBe(429);
		expect(await stranger.text()).toContain('Too many failed sign-ins from your address');

		// A client may write its own X-Forwarded-For entries; the proxy appends the real address last.
		expect((await signIn(owner.password, '198.51.100.9, 203.0.113.7')).status()).toBe(429);

		const signedIn = await signIn(owner.password, '198.51.100.9');
		expect(signedIn.status()).toBe(303);
		expect(signedIn.headers().location).toBe('/dashboard');
	});
});
