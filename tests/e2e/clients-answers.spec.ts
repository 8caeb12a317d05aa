import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/** `YYYY-MM-DD`, `days` before today (UTC). */
const daysAgo = (days: number) =>
	new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** Clients named after this run, so the list can be narrowed to them alone. */
async function createClients(request: Page['request'], run: string, names: string[]) {
	const key = createApiKey('manager');
	for (const name of names) {
		const created = await request.post('/api/v1/clients', {
			headers: { authorization: `Bearer ${key}` },
			data: {
				email: `${name.toLowerCase()}-${run}@e2e.test`,
				name: `${name} ${run}`,
				language: 'en'
			}
		});
		expect(created.status()).toBe(201);
	}
}

/** Imports the clients' past NPS answers into a fresh "NPS + reasons" survey. */
async function importAnswers(page: Page, rows: string[]) {
	await page.goto('/surveys', { waitUntil: 'networkidle' });
	await page.getByLabel(/NPS \+ reasons/).check();
	await page.getByRole('button', { name: 'Create from template' }).click();
	await page.waitForURL(/\/surveys\/\d+$/);
	await page.getByRole('link', { name: 'Import past responses' }).click();
	await page.getByLabel('CSV file of past responses').setInputFiles({
		name: 'nps.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(['submittedAt,email,recommend', ...rows].join('\n'))
	});
	await page.getByRole('button', { name: 'Check and import' }).click();
	await expect(page.getByRole('status')).toContainText(`Imported ${rows.length} responses`);
}

test.describe('clients by their latest answers', () => {
	test('lists the detractors of the last 90 days and saves them as a segment', async ({ page }) => {
		const run = `${Date.now()}`;
		await createClients(page.request, run, ['Dora', 'Pia', 'Otto', 'Wendy']);
		await signIn(page, createStaff('manager'));
		await importAnswers(page, [
			`${daysAgo(10)},dora-${run}@e2e.test,3`,
			`${daysAgo(20)},pia-${run}@e2e.test,10`,
			// A detractor long ago: outside the 90 days.
			`${daysAgo(200)},otto-${run}@e2e.test,2`,
			// A detractor once, a promoter since: only the latest answer counts.
			`${daysAgo(60)},wendy-${run}@e2e.test,4`,
			`${daysAgo(5)},wendy-${run}@e2e.test,9`
		]);

		await page.goto('/clients', { waitUntil: 'networkidle' });
		await page.getByLabel('Search').fill(run);
		await page.getByText('More filters').click();
		const answers = page.getByRole('group', { name: 'Latest answers' });
		await answers.getByRole('checkbox', { name: 'Detractors (0–6)' }).check();
		await answers.getByLabel('Answered in the last … days').fill('90');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Apply filters' }).click();

		await expect(page).toHaveURL(/nps=detractor/);
		await expect(page).toHaveURL(/answeredInDays=90/);
		await expect(page.getByText('1 client match the filters')).toBeVisible();
		const list = page.getByRole('table');
		await expect(list).toContainText(`Dora ${run}`);
		await expect(list).not.toContainText(`Otto ${run}`);
		await expect(list).not.toContainText(`Wendy ${run}`);
		// The form shows the filter it applied.
		await expect(answers.getByRole('checkbox', { name: 'Detractors (0–6)' })).toBeChecked();
		await expect(answers.getByLabel('Answered in the last … days')).toHaveValue('90');
		await expectAccessible(page);

		const segment = `Detractors ${run}`;
		await page.getByLabel('Segment name').fill(segment);
		await page.getByRole('button', { name: 'Save segment' }).click();
		await expect(page.getByText(`Segment “${segment}” saved.`)).toBeVisible();
		await page.goto('/clients/segments', { waitUntil: 'networkidle' });
		await expect(page.getByRole('row', { name: new RegExp(segment) })).toContainText('1');
		await expectAccessible(page);
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('the filter is a plain form, and says what is wrong with a range', async ({ page }) => {
			await signIn(page, createStaff('manager'));
			await page.goto('/clients?scoreMin=80&scoreMax=20', { waitUntil: 'networkidle' });
			await expect(page.getByRole('alert')).toContainText(
				'The lowest score is above the highest; swap them.'
			);
			await page.goto('/clients', { waitUntil: 'networkidle' });
			await page.getByText('More filters').click();
			await page.getByLabel('Lowest score').fill('0');
			await page.getByLabel('Highest score').fill('40');
			await page.getByRole('button', { name: 'Apply filters' }).click();
			await expect(page).toHaveURL(/scoreMin=0&scoreMax=40/);
			await expect(page.getByLabel('Highest score')).toHaveValue('40');
		});
	});
});
