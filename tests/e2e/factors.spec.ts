import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/** A model through the API, as a manager would have made it; its page's path. */
async function modelPage(
	request: import('@playwright/test').APIRequestContext,
	name: string,
	factor = { key: 'punctuality', name: 'Punctuality', weight: 1, keywords: ['delay'] }
) {
	const created = await request.post('/api/v1/models', {
		headers: { authorization: `Bearer ${createApiKey('manager')}` },
		data: { name, factors: [factor] }
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

	test('a new factor gets keywords suggested from the clients’ own texts, and a ticked one is saved', async ({
		page,
		request
	}) => {
		// A word of this test's own, so other suites' texts cannot be what is suggested.
		const word = `zorvex${randomUUID().slice(0, 4).replace(/\d/g, 'q')}`;
		const source = `e2e-suggest-${randomUUID().slice(0, 8)}`;
		const imported = await request.post('/api/v1/reviews', {
			headers: { authorization: `Bearer ${createApiKey('manager')}` },
			data: {
				reviews: [
					`My bag came off the ${word} belt last.`,
					`The bag ${word} stopped twice before my bag came out.`,
					`Bag waited at ${word} number 5 for an hour.`,
					// Texts about other things: the word is near the factor more often than overall.
					'Friendly crew and a smooth landing.',
					'The seats were narrow.',
					'Boarding started on time.'
				].map((text, i) => ({
					source,
					externalId: String(i),
					stars: 3,
					text,
					// Today: suggestions read the newest texts, and other suites import many older ones.
					date: new Date().toISOString().slice(0, 10),
					language: 'en'
				}))
			}
		});
		expect(imported.status()).toBe(200);
		const path = await modelPage(request, `E2E suggestions ${source}`, {
			key: 'baggage',
			name: 'Baggage',
			weight: 1,
			keywords: ['bag']
		});
		await signIn(page, createStaff('manager'));
		await page.goto(path);
		const wording = page.locator('form.wording');
		await wording.getByText('Keywords per language').click();
		const english = wording.getByRole('group', {
			name: /^Suggested from your clients’ texts\s*: English keywords of baggage$/
		});
		await english.getByLabel(`${word} (in 3 texts)`).check();
		await wording.getByRole('button', { name: /Save/ }).click();
		await expect(page.getByText('Factor saved.')).toBeVisible();
		await page.goto(path);
		await expect(wording.getByLabel('English keywords of baggage')).toHaveValue(word);
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
