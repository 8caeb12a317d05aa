import { expect, test } from './fixtures';
import { createStaff, expectAccessible, signIn } from './support';

test('the sign-in page is accessible', async ({ page }) => {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await expectAccessible(page);
});

test('a wrong password and an unknown email get the same generic message', async ({ page }) => {
	const user = createStaff('viewer');
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(user.email);
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
	await expect(page.getByLabel('Email')).toHaveValue(user.email);

	await page.getByLabel('Email').fill('nobody@e2e.test');
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the sixth failed sign-in in a row is throttled with 429', async ({
		page,
		consoleErrors
	}) => {
		consoleErrors.expectRefusal('/login', 400);
		consoleErrors.expectRefusal('/login', 429);
		const user = createStaff('manager');
		const attempt = async (password: string) => {
			await page.goto('/login', { waitUntil: 'networkidle' });
			await page.getByLabel('Email').fill(user.email);
			await page.getByLabel('Password').fill(password);
			const [response] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.getByRole('button', { name: 'Sign in' }).click()
			]);
			return response.status();
		};
		for (let i = 0; i < 5; i++) expect(await attempt('wrong password')).toBe(400);
		expect(await attempt(user.password)).toBe(429);
		await expect(page.getByRole('alert')).toContainText('Too many failed sign-ins');
	});

	test('sign-in works as a plain form', async ({ page }) => {
		await signIn(page, createStaff('viewer'));
	});
});

test('signing out ends the session on the server, not just in the browser', async ({
	page,
	playwright,
	baseURL
}) => {
	await signIn(page, createStaff('viewer'));
	const cookie = (await page.context().cookies()).find((c) => c.name === 'satisfy_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login$/);

	const replay = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { cookie: `satisfy_session=${cookie?.value}` }
	});
	const response = await replay.get('/dashboard', { maxRedirects: 0 });
	expect(response.status()).toBe(303);
	expect(response.headers().location).toBe('/login?redirectTo=%2Fdashboard');
	await replay.dispose();
});

test('"sign out everywhere" ends the sessions on other devices', async ({ page, browser }) => {
	const user = createStaff('viewer');
	const laptop = await browser.newContext();
	const laptopPage = await laptop.newPage();
	await signIn(laptopPage, user);
	await signIn(page, user);

	await page.goto('/settings/account', { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await laptopPage.reload();
	await expect(laptopPage).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
	await laptop.close();
});

test('sign-in brings you back to the page you asked for', async ({ page }) => {
	const user = createStaff('viewer');
	await page.goto('/settings/account', { waitUntil: 'networkidle' });
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Faccount$/);
	await page.getByLabel('Email').fill(user.email);
	await page.getByLabel('Password').fill(user.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/settings\/account$/);
	await expectAccessible(page);
});
