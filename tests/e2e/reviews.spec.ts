import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/reviews/${name}`, import.meta.url));

async function upload(
	page: Page,
	name: string,
	button: 'Import reviews' | 'Check without importing' = 'Import reviews'
) {
	await page.getByLabel('File of reviews').setInputFiles({
		name,
		mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv',
		buffer: fixture(name)
	});
	await page.getByRole('button', { name: button }).click();
}

test.describe('importing reviews', () => {
	test('a file with one bad row imports nothing and names its line and column', async ({
		page
	}) => {
		await signIn(page, createStaff('manager'));

		await page.goto('/reviews/import', { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { name: 'Import reviews', level: 1 })).toBeVisible();
		await expectAccessible(page);

		await upload(page, 'generic-one-bad-row.csv');
		await expect(page.getByRole('alert')).toHaveText('Nothing was imported: one problem to fix.');
		const problems = page.getByRole('table', { name: 'Problems found, by line and column' });
		await expect(problems.getByRole('row')).toHaveCount(2);
		await expect(problems.getByRole('row').nth(1).getByRole('cell')).toHaveText([
			'4',
			'Rating',
			'"6" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
		]);
		await expectAccessible(page);
	});

	test('a check shows the guessed columns; the import links reviews to clients; importing again adds nothing', async ({
		page
	}) => {
		// The client the file names by email (in capitals), so the review links to its card.
		const created = await page.request.post('/api/v1/clients', {
			headers: { authorization: `Bearer ${createApiKey('manager')}` },
			data: { email: 'mark.stone@example.com', name: 'Mark Stone', language: 'en' }
		});
		expect(created.status()).toBe(201);
		await signIn(page, createStaff('manager'));

		await page.goto('/reviews/import', { waitUntil: 'networkidle' });
		await upload(page, 'generic.csv', 'Check without importing');
		await expect(page.getByRole('status')).toContainText(
			'“generic.csv” (read as generic CSV) holds 6 reviews: 6 new, 0 imported before, 2 emails matching no client. Nothing has been imported yet.'
		);
		await expect(
			page.getByRole('table', {
				name: 'Columns of the file, their first value and the field each fills'
			})
		).toBeVisible();
		await expect(page.getByLabel('Field for column Rating')).toHaveValue('stars');
		await expectAccessible(page);
		// With JavaScript the chosen file stays chosen: the check is followed by the import.
		await page.getByRole('button', { name: 'Import reviews' }).click();
		await expect(page.getByRole('status')).toContainText(
			'Imported 6 new reviews from “generic.csv” (read as generic CSV).'
		);
		await expect(page.getByRole('status')).toContainText(
			'1 review is linked to clients; 2 emails match no client (kept unlinked).'
		);
		// The job the progress bar follows ended with every new review counted.
		expect(await (await page.request.get('/reviews/import/progress')).json()).toEqual({
			status: 'done',
			done: 6,
			total: 6,
			reason: 'Import from file generic.csv'
		});

		await page.goto('/reviews/import', { waitUntil: 'networkidle' });
		await upload(page, 'generic.csv');
		await expect(page.getByRole('status')).toContainText(
			'Nothing new in “generic.csv”: all 6 reviews were imported before.'
		);

		await page.goto('/reviews?source=tripadvisor&search=terrible', { waitUntil: 'networkidle' });
		const row = page
			.getByRole('table', { name: /^Reviews, newest first/ })
			.getByRole('row')
			.nth(1);
		await expect(row).toContainText('Terrible service, rude staff and the room was dirty.');
		await expect(row).toContainText('Negative');
		await expect(row.getByRole('link', { name: 'Mark Stone' })).toHaveAttribute(
			'href',
			/^\/clients\/\d+$/
		);
	});

	test('platform exports are recognised by their shape', async ({ page }) => {
		await signIn(page, createStaff('manager'));
		await page.goto('/reviews/import', { waitUntil: 'networkidle' });
		await upload(page, 'trustpilot.csv', 'Check without importing');
		await expect(page.getByRole('status')).toContainText(
			'“trustpilot.csv” (read as Trustpilot export) holds 4 reviews: 4 new'
		);
		await page.goto('/reviews/import', { waitUntil: 'networkidle' });
		await upload(page, 'google.json', 'Check without importing');
		await expect(page.getByRole('status')).toContainText(
			'“google.json” (read as Google Business Profile export) holds 3 reviews: 2 new, 0 imported before, 1 rating without words (skipped)'
		);
	});

	test('while an import is pending, the page shows how far it has got', async ({ page }) => {
		const source = `e2e-progress-${Date.now()}`;
		const buffer = Buffer.from(
			`Site,Review id,Name,Rating,Review,Date\n${source},r1,Ana,5,"Friendly staff and a wonderful, clean room.",2025-05-01\n`
		);
		// Scoring a test file takes milliseconds, so the upload is held and the job's progress is given, as a big file's would be.
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		await page.route(
			(url) => url.pathname === '/reviews/import' && url.search === '?/import',
			async (route) => {
				if (route.request().method() === 'POST') await released;
				await route.continue();
			}
		);
		await page.route('**/reviews/import/progress', (route) =>
			route.fulfill({
				json: {
					status: 'running',
					done: 2000,
					total: 6000,
					reason: 'Import from file progress.csv'
				}
			})
		);
		await signIn(page, createStaff('manager'));
		await page.goto('/reviews/import', { waitUntil: 'networkidle' });
		await page
			.getByLabel('File of reviews')
			.setInputFiles({ name: 'progress.csv', mimeType: 'text/csv', buffer });
		await page.getByRole('button', { name: 'Import reviews' }).click();

		const progress = page.getByRole('progressbar', { name: 'Import from file progress.csv' });
		await expect(progress).toHaveAttribute('value', '2000');
		await expect(page.getByRole('status')).toContainText('2,000 of 6,000 reviews scored.');
		await expectAccessible(page);

		await page.unroute('**/reviews/import/progress');
		release();
		await expect(progress).toHaveCount(0);
		await expect(page.getByRole('status')).toContainText(
			'Imported 1 new review from “progress.csv”'
		);
		expect(await (await page.request.get('/reviews/import/progress')).json()).toEqual({
			status: 'done',
			done: 1,
			total: 1,
			reason: 'Import from file progress.csv'
		});
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('the upload works as a plain form', async ({ page }) => {
			await signIn(page, createStaff('manager'));
			await page.goto('/reviews/import', { waitUntil: 'networkidle' });
			await upload(page, 'generic.json');
			await expect(page.getByRole('status')).toContainText(
				'Imported 2 new reviews from “generic.json” (read as generic JSON).'
			);
		});
	});
});

test.describe('the reviews list', () => {
	test('finds reviews whose stars and words disagree, with the words that drove each label', async ({
		page
	}) => {
		const source = `e2e-${Date.now()}`;
		const review = (externalId: string, stars: number, text: string) => ({
			source,
			externalId,
			stars,
			text,
			date: '2025-06-01',
			language: 'en'
		});
		const imported = await page.request.post('/api/v1/reviews', {
			headers: { authorization: `Bearer ${createApiKey('manager')}` },
			data: {
				reviews: [
					review('agree-good', 5, 'Friendly staff and a wonderful, clean room.'),
					review('five-but-angry', 5, 'Terrible. The staff was rude and the room was dirty.'),
					review('one-but-happy', 1, 'Excellent service, great food, lovely people.'),
					review('agree-bad', 1, 'Awful, the worst stay ever.')
				]
			}
		});
		expect(imported.status()).toBe(200);
		expect(await imported.json()).toMatchObject({ received: 4, created: 4, alreadyImported: 0 });

		await signIn(page, createStaff('viewer'));
		await page.goto(`/reviews?source=${source}`, { waitUntil: 'networkidle' });
		await expect(page.getByText('4 reviews match the filters.')).toBeVisible();
		await expectAccessible(page);
		await expect(page.getByRole('link', { name: 'Import reviews' })).toHaveCount(0);

		await page.getByLabel('Stars and words disagree').check();
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(page).toHaveURL(/disagree=on/);
		await expect(page.getByText('2 reviews match the filters.')).toBeVisible();
		const rows = page.getByRole('table', { name: /^Reviews, newest first/ }).getByRole('row');
		await expect(rows).toHaveCount(3);
		await expect(rows.filter({ hasText: 'Terrible. The staff was rude' })).toContainText(
			'Negative'
		);
		await expect(rows.filter({ hasText: 'Terrible. The staff was rude' })).toContainText('rude');
		await expect(rows.filter({ hasText: 'Excellent service' })).toContainText('Positive');
		await expectAccessible(page);
	});

	test('a viewer may read reviews but not import them', async ({ page, consoleErrors }) => {
		consoleErrors.expectRefusal('/reviews/import', 403);
		await signIn(page, createStaff('viewer'));
		expect((await page.goto('/reviews', { waitUntil: 'networkidle' }))?.status()).toBe(200);
		expect((await page.goto('/reviews/import'))?.status()).toBe(403);
	});
});
