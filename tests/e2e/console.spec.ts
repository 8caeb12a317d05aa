import { expect, test } from './fixtures';
import { createStaff, signIn } from './support';

test('the title announced after a navigation is read out, not shown', async ({ page }) => {
	// Signing in ends in a client-side navigation to the dashboard, which SvelteKit announces.
	await signIn(page, createStaff('viewer'));
	const announcer = page.locator('#svelte-announcer');
	await expect(announcer).toHaveText('Dashboard · Satisfy');
	const box = await announcer.boundingBox();
	expect(box?.width).toBeLessThanOrEqual(1);
	expect(box?.height).toBeLessThanOrEqual(1);
});

// The check every test gets from ./fixtures, held to its word: these must fail.
test.describe('a test fails on its pages', () => {
	test.fail('an inline style the CSP refuses', async ({ page }) => {
		await page.goto('/login', { waitUntil: 'networkidle' });
		await page.getByRole('main').evaluate((main) => main.setAttribute('style', 'color: red'));
	});

	test.fail('an uncaught error', async ({ page }) => {
		await page.goto('/login', { waitUntil: 'networkidle' });
		const thrown = page.waitForEvent('pageerror');
		await page.evaluate(() =>
			setTimeout(() => {
				throw new Error('not handled');
			})
		);
		await thrown;
	});

	test.fail('a refusal it did not declare', async ({ page }) => {
		await page.goto('/no-such-page');
	});

	test.fail('a refusal it declared but never saw', async ({ page, consoleErrors }) => {
		consoleErrors.expectRefusal('/no-such-page', 404);
		await page.goto('/login');
	});
});

test('a refusal a test declares is expected', async ({ page, consoleErrors }) => {
	consoleErrors.expectRefusal('/no-such-page', 404);
	expect((await page.goto('/no-such-page'))?.status()).toBe(404);
});
