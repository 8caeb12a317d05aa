import { expect, test } from './fixtures';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/** A model through the API, as a manager would have made it; its page's path. */
async function modelPage(request: import('@playwright/test').APIRequestContext, name: string) {
	const created = await request.post('/api/v1/models', {
		headers: { authorization: `Bearer ${createApiKey('manager')}` },
		data: {
			name,
			factors: [{ key: 'punctuality', name: 'Punctuality', weight: 1, keywords: ['delay'] }]
		}
	});
	expect(created.status()).toBe(201);
	return `/factors/${(await created.json()).id}`;
}

test.describe('keywords per language on a factor (#18)', () => {
	test.use({ javaScriptEnabled: false });

	test('a manager gives punctuality German and Finnish keywords without JavaScript, and they stay apart from the words of any language', async ({
		page,
		request
	}) => {
		const path = await modelPage(request, 'E2E keywords per language');
		await signIn(page, createStaff('manager'));
		await page.goto(path);
		const wording = page.locator('form.wording');
		await wording.getByText('Keywords per language').click();
		await wording.getByLabel('German keywords of punctuality').fill('Verspätung, pünktlich');
		await wording.getByLabel('Finnish keywords of punctuality').fill('myöhässä');
		await wording.getByRole('button', { name: /Save/ }).click();
		await expect(page.getByText('Factor saved.')).toBeVisible();

		await page.goto(path);
		await expect(wording.getByLabel('Keywords of punctuality, any language')).toHaveValue('delay');
		await expect(wording.getByLabel('German keywords of punctuality')).toHaveValue(
			'Verspätung, pünktlich'
		);
		await expect(wording.getByLabel('Finnish keywords of punctuality')).toHaveValue('myöhässä');
		await expect(wording.getByText('2 of 5')).toBeVisible();
	});
});

test('the factor page with its keywords per language open passes axe', async ({
	page,
	request
}) => {
	const path = await modelPage(request, 'E2E keywords axe');
	await signIn(page, createStaff('manager'));
	await page.goto(path, { waitUntil: 'networkidle' });
	await page.locator('form.wording').getByText('Keywords per language').click();
	await expect(page.getByLabel('Romanian keywords of punctuality')).toBeVisible();
	await expectAccessible(page);
});
