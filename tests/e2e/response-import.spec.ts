import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/** A past passenger the files name by email; each test has its own, so runs never collide. */
async function createClient(request: Page['request']) {
	const email = `past-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
	const created = await request.post('/api/v1/clients', {
		headers: { authorization: `Bearer ${createApiKey('manager')}` },
		data: { email, name: 'Past Passenger', language: 'en' }
	});
	expect(created.status()).toBe(201);
	return email;
}

/** A fresh Airline CSI survey; returns the address of its import page. */
async function airlineSurvey(page: Page): Promise<string> {
	await page.goto('/surveys', { waitUntil: 'networkidle' });
	await page.getByLabel(/Airline CSI/).check();
	await page.getByRole('button', { name: 'Create from template' }).click();
	await page.waitForURL(/\/surveys\/\d+$/);
	const link = page.getByRole('link', { name: 'Import past responses' });
	await expect(link).toBeVisible();
	return new URL((await link.getAttribute('href'))!, page.url()).href;
}

async function upload(page: Page, content: string) {
	await page
		.getByLabel('CSV file of past responses')
		.setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
	await page.getByRole('button', { name: 'Check and import' }).click();
}

const header = 'submittedAt,email,punctuality,customs,overall,improve';

test.describe('importing past responses', () => {
	test('a file with one bad row imports nothing and names the line and column; the fixed file imports every row', async ({
		page
	}) => {
		const email = await createClient(page.request);
		await signIn(page, createStaff('manager'));
		const importPage = await airlineSurvey(page);
		await page.goto(importPage, { waitUntil: 'networkidle' });
		await expect(
			page.getByRole('heading', { name: 'Import past responses', level: 1 })
		).toBeVisible();
		await expect(
			page.getByRole('table', { name: 'Columns a file of past responses may have' })
		).toContainText('a whole number from 1 to 5, or na for not applicable');
		await expectAccessible(page);

		const template = await page.request.get(
			await page
				.getByRole('link', { name: 'download a template' })
				.getAttribute('href')
				.then((href) => href!)
		);
		expect(template.headers()['content-type']).toContain('text/csv');
		expect((await template.text()).replace(/^\uFEFF/, '').trim()).toBe(
			'submittedAt,email,language,punctuality,customs,safety,snacks,overall,improve'
		);

		await upload(
			page,
			[header, `2025-01-10,${email},5,n/a,4,"On time, friendly crew"`, '2025-01-11,,7,,3,'].join(
				'\n'
			)
		);
		await expect(page.getByRole('alert')).toHaveText('Nothing was imported: one problem to fix.');
		const problems = page.getByRole('table', { name: 'Problems found, by line and column' });
		await expect(problems.getByRole('row')).toHaveCount(2);
		await expect(problems.getByRole('row').nth(1).getByRole('cell')).toHaveText([
			'3',
			'punctuality',
			'"7" is not an answer to this question: use a whole number from 1 to 5'
		]);
		await expectAccessible(page);

		await page.goto(importPage, { waitUntil: 'networkidle' });
		await expect(page.getByText(/already holds/)).toHaveCount(0);
		await upload(
			page,
			[header, `2025-01-10,${email},5,n/a,4,"On time, friendly crew"`, '2025-01-11,,2,,3,'].join(
				'\n'
			)
		);
		await expect(page.getByRole('status')).toContainText(
			'Imported 2 responses from “history.csv” into version 1 (1 without a client), answered 10 Jan 2025 to 11 Jan 2025.'
		);
		await page.goto(importPage, { waitUntil: 'networkidle' });
		await expect(page.getByText('This survey already holds 2 imported responses.')).toBeVisible();
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('the upload works as a plain form, and the same file is not imported twice', async ({
			page,
			consoleErrors
		}) => {
			const email = await createClient(page.request);
			await signIn(page, createStaff('manager'));
			const importPage = await airlineSurvey(page);
			// The second upload's problems come back as a 400 page.
			consoleErrors.expectRefusal(`${new URL(importPage).pathname}?/upload`, 400);
			await page.goto(importPage, { waitUntil: 'networkidle' });
			const file = [header, `2024-11-05T08:30:00Z,${email},4,,5,`].join('\n');
			await upload(page, file);
			await expect(page.getByRole('status')).toContainText(
				'Imported 1 response from “history.csv” into version 1, answered 5 Nov 2024 to 5 Nov 2024.'
			);

			await page.goto(importPage, { waitUntil: 'networkidle' });
			await upload(page, file);
			await expect(page.getByRole('alert')).toHaveText('Nothing was imported: one problem to fix.');
			await expect(
				page.getByRole('table', { name: 'Problems found, by line and column' })
			).toContainText('imported before?');
		});
	});
});
