import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/**
 * Topics (#18): a manager names what clients talk about beyond the factors; stored texts are
 * tagged in the background and the sentiment page shows each topic's volume and tone over time,
 * with links to its texts. Reviews of a source of this test's own keep the counts its own.
 */

const manager = () => ({ authorization: `Bearer ${createApiKey('manager')}` });

async function importReviews(request: import('@playwright/test').APIRequestContext) {
	const source = `e2e-topics-${randomUUID().slice(0, 8)}`;
	const review = (
		externalId: string,
		date: string,
		stars: number,
		text: string,
		language: string
	) => ({
		source,
		externalId,
		stars,
		text,
		date,
		language
	});
	const imported = await request.post('/api/v1/reviews', {
		headers: manager(),
		data: {
			reviews: [
				review('1', '2026-04-10', 1, 'The wifi on board was awful and kept dropping.', 'en'),
				review('2', '2026-05-11', 5, 'Great lounge, and the wifi was fast.', 'en'),
				review('3', '2026-05-12', 5, 'Das WLAN war super und kostenlos.', 'de'),
				review('4', '2026-05-13', 4, 'Lovely crew, comfortable seats.', 'en')
			]
		}
	});
	expect(imported.status()).toBe(200);
	return source;
}

/** The topic's tone in the reviews of `source`, once the background tagging has reached them. */
async function taggedTone(
	request: import('@playwright/test').APIRequestContext,
	source: string,
	name: string
) {
	let found: { topicId: number; counts: Record<string, number>; periods: unknown[] } | undefined;
	await expect
		.poll(
			async () => {
				const report = await request.get(
					`/api/v1/analytics/sentiment?texts=reviews&reviewSource=${source}&granularity=month`,
					{ headers: manager() }
				);
				const { topics } = (await report.json()) as { topics: { name: string }[] };
				found = topics.find((topic) => topic.name === name) as typeof found;
				return found?.counts['scored'] ?? 0;
			},
			{ timeout: 30_000 }
		)
		.toBe(3);
	return found!;
}

test.describe('topics without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a manager defines a topic, its texts are tagged in the background, and the sentiment page shows its tone by month with its reviews', async ({
		page,
		consoleErrors
	}) => {
		const source = await importReviews(page.request);
		const name = `Wi-Fi ${randomUUID().slice(0, 6)}`;
		await signIn(page, createStaff('manager'));
		await page.goto('/topics');
		const create = page.locator('form[action="?/create"]');
		await create.getByLabel('Name').fill(name);
		consoleErrors.expectRefusal('/topics?/create', 400);
		// Only commas: no word the browser's check could miss, the server's catches.
		await create.getByLabel('Words and phrases').fill(' , ');
		await create.getByRole('button', { name: 'Add topic' }).click();
		await expect(
			page.getByText('Give at least one word or phrase that marks the topic')
		).toBeVisible();
		// Nothing typed is lost.
		await expect(page.locator('form[action="?/create"]').getByLabel('Name')).toHaveValue(name);
		await page
			.locator('form[action="?/create"]')
			.getByLabel('Words and phrases')
			.fill('wifi, WLAN');
		await page
			.locator('form[action="?/create"]')
			.getByRole('button', { name: 'Add topic' })
			.click();
		await expect(page.getByText(`Topic “${name}” added.`)).toBeVisible();

		const tone = await taggedTone(page.request, source, name);
		expect(tone.counts).toMatchObject({ positive: 2, negative: 1 });
		expect(tone.periods).toHaveLength(2);

		await page.goto(`/dashboard/sentiment?texts=reviews&reviewSource=${source}&granularity=month`);
		const table = page.getByRole('region', { name: 'Topics table' });
		const row = table.getByRole('row').filter({ hasText: name });
		await expect(row.getByRole('cell')).toHaveText(['2', '0', '1', '+33%', /^3 · /]);
		const byPeriod = page.getByRole('region', { name: 'Topics by period' });
		const column = await byPeriod
			.getByRole('columnheader')
			.allTextContents()
			.then((headers) => headers.findIndex((header) => header.startsWith(name)));
		const cellOf = (period: string) =>
			byPeriod
				.getByRole('row', { name: new RegExp(`^${period}`) })
				.getByRole('cell')
				.nth(column - 1);
		await expect(cellOf('Apr 2026')).toHaveText(/^1 · −\d\.\d\d\s*negative/);
		await expect(cellOf('May 2026')).toHaveText(/^2 · \+\d\.\d\d\s*positive/);
		await row.getByRole('link', { name: `reviews about ${name}` }).click();
		await expect(page).toHaveURL(new RegExp(`/reviews\\?topic=${tone.topicId}$`));
		await expect(page.getByText('The wifi on board was awful')).toBeVisible();
		await expect(page.getByText('Das WLAN war super')).toBeVisible();
		await expect(page.getByText('Lovely crew, comfortable seats.')).toHaveCount(0);
	});
});

test('the topics page passes axe, and a name is a topic only once whatever its case', async ({
	page
}) => {
	const name = `Prices ${randomUUID().slice(0, 6)}`;
	const created = await page.request.post('/api/v1/topics', {
		headers: manager(),
		data: { name, keywords: ['price', 'Preis'] }
	});
	expect(created.status()).toBe(201);
	await signIn(page, createStaff('manager'));
	await page.goto('/topics', { waitUntil: 'networkidle' });
	await expect(page.getByLabel(`Words and phrases of ${name}`)).toHaveValue('price, Preis');
	await expectAccessible(page);
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel('Name').fill(name.toUpperCase());
	await create.getByLabel('Words and phrases').fill('cost');
	await create.getByRole('button', { name: 'Add topic' }).click();
	await expect(
		page.getByText(`A topic named “${name.toUpperCase()}” exists already.`)
	).toBeVisible();
});

test('the API defines, renames and deletes topics, and scores a text’s topics with their tone', async ({
	request
}) => {
	const name = `App ${randomUUID().slice(0, 6)}`;
	const created = await request.post('/api/v1/topics', {
		headers: manager(),
		data: { name, keywords: ['app'] }
	});
	expect(created.status()).toBe(201);
	const { id } = (await created.json()) as { id: number };
	const renamed = await request.put(`/api/v1/topics/${id}`, {
		headers: manager(),
		data: { name: `${name} and website`, keywords: ['app', 'website'] }
	});
	expect(await renamed.json()).toEqual({
		id,
		name: `${name} and website`,
		keywords: ['app', 'website']
	});
	const invalid = await request.post('/api/v1/topics', {
		headers: manager(),
		data: { name: 'Nothing', keywords: [] }
	});
	expect(invalid.status()).toBe(400);

	const scored = await request.post('/api/v1/sentiment', {
		headers: manager(),
		data: { texts: [{ text: 'Nice flight, but the app is useless.', language: 'en' }] }
	});
	const [text] = (await scored.json()) as { topics: { topicId: number; label: string }[] }[];
	expect(text!.topics.find((topic) => topic.topicId === id)).toMatchObject({
		name: `${name} and website`,
		label: 'negative'
	});

	const viewer = await request.delete(`/api/v1/topics/${id}`, {
		headers: { authorization: `Bearer ${createApiKey('viewer')}` }
	});
	expect(viewer.status()).toBe(403);
	expect((await request.delete(`/api/v1/topics/${id}`, { headers: manager() })).status()).toBe(200);
	expect((await request.delete(`/api/v1/topics/${id}`, { headers: manager() })).status()).toBe(404);
});
