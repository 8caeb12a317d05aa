import { expect, test } from './fixtures';
import { expectAccessible, owner } from './support';

test.describe.configure({ mode: 'serial' });

test('a newcomer is sent to set up the owner, on an accessible page', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/setup$/);
	await expect(page.getByRole('heading', { name: 'Set up Satisfy' })).toBeVisible();
	await expectAccessible(page);
});

test('setup says what is wrong and keeps what was typed', async ({ page }) => {
	await page.goto('/setup', { waitUntil: 'networkidle' });
	await page.getByLabel('Your name').fill(owner.name);
	await page.getByLabel('Email').fill(owner.email);
	await page.getByLabel('Password').fill('short');
	// The browser would stop a too-short password itself; the server must refuse it too.
	await page.getByLabel('Password').evaluate((input) => input.removeAttribute('minlength'));
	await page.getByRole('button', { name: 'Create owner and sign in' }).click();
	await expect(page.getByText('Use at least 12 characters')).toBeVisible();
	await expect(page.getByLabel('Email')).toHaveValue(owner.email);
	await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
});

test('setup creates the owner and opens the staff shell', async ({ page }) => {
	await page.goto('/setup', { waitUntil: 'networkidle' });
	await page.getByLabel('Your name').fill(owner.name);
	await page.getByLabel('Email').fill(owner.email);
	await page.getByLabel('Password').fill(owner.password);
	await page.getByRole('button', { name: 'Create owner and sign in' }).click();

	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(page.getByRole('heading', { name: `Welcome, ${owner.name}` })).toBeVisible();
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link')).toHaveText([
		'Dashboard',
		'Clients',
		'Factors',
		'Topics',
		'Surveys',
		'Campaigns',
		'Responses',
		'Cases',
		'Reviews',
		'Settings'
	]);
	await expectAccessible(page);
});

test('/setup is gone once the owner exists', async ({ page, consoleErrors }) => {
	consoleErrors.expectRefusal('/setup', 404);
	const response = await page.goto('/setup', { waitUntil: 'networkidle' });
	expect(response?.status()).toBe(404);
	const post = await page.request.post('/setup', {
		form: { name: 'Eve', email: 'eve@e2e.test', password: 'eve-wants-in-too' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(404);
});
