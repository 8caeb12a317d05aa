import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { randomUUID } from 'node:crypto';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

const definition = {
	defaultLanguage: 'en',
	languages: ['en', 'de'],
	title: { en: 'How was your trip?' },
	pages: [
		{
			id: 'trip',
			questions: [
				{
					id: 'punctuality',
					type: 'rating',
					factor: 'punctuality',
					text: { en: 'How punctual was your departure?' }
				},
				{ id: 'safety', type: 'rating', factor: 'safety', text: { en: 'How safe did you feel?' } },
				{ id: 'overall', type: 'overall', text: { en: 'Overall, how satisfied are you?' } },
				{
					id: 'why',
					type: 'text',
					factor: 'punctuality',
					required: false,
					text: { en: 'What about the departure?' }
				}
			]
		}
	]
};

/**
 * 40 past answers over January and February 2025, imported through the API. Half rate punctuality 4
 * and safety 5 (CSI_r = (3·75 + 1·100) / 4 = 81.25), half 2 and 4 (CSI_r = (3·25 + 1·75) / 4 = 37.5):
 * CSI = 59.375, n = 40. Punctuality gets twenty 4s and twenty 2s.
 */
async function surveyWithAnswers(request: APIRequestContext) {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const model = await request.post('/api/v1/models', {
		headers,
		data: {
			name: `Dashboard trips ${randomUUID()}`,
			factors: [
				{ key: 'punctuality', name: 'Punctuality', weight: 3 },
				{ key: 'safety', name: 'Safety', weight: 1 }
			]
		}
	});
	expect(model.status()).toBe(201);
	const survey = await request.post('/api/v1/surveys', {
		headers,
		data: {
			name: `Dashboard trips ${randomUUID().slice(0, 8)}`,
			modelId: (await model.json()).id,
			definition
		}
	});
	expect(survey.status()).toBe(201);
	const surveyId: number = (await survey.json()).id;
	const email = `dash-${randomUUID().slice(0, 8)}@e2e.test`;
	expect(
		(
			await request.post('/api/v1/clients', {
				headers,
				data: { email, name: 'Dash Traveller', language: 'de' }
			})
		).status()
	).toBe(201);

	const responses = Array.from({ length: 40 }, (_, index) => {
		const happy = index % 2 === 0;
		const month = index < 20 ? '01' : '02';
		return {
			submittedAt: `2025-${month}-${String((index % 20) + 1).padStart(2, '0')}T10:00:00Z`,
			...(index === 0 ? { email } : {}),
			language: index % 4 === 0 ? 'de' : 'en',
			answers: {
				punctuality: happy ? 4 : 2,
				safety: happy ? 5 : 4,
				overall: happy ? 5 : 2,
				why: index === 39 ? 'The flight left two hours late' : null
			}
		};
	});
	const imported = await request.post(`/api/v1/surveys/${surveyId}/responses`, {
		headers,
		data: { responses }
	});
	expect(imported.status()).toBe(201);
	return { surveyId, email };
}

let setUp: Promise<{ surveyId: number; email: string }> | undefined;

/** Other suites add their own surveys to the shared database, so every view names this one. */
async function dashboardOf(page: Page, params = '') {
	const { surveyId } = await (setUp ??= surveyWithAnswers(page.request));
	await page.goto(`/dashboard?surveyId=${surveyId}${params}`, { waitUntil: 'networkidle' });
	return surveyId;
}

test.describe('the CSI dashboard', () => {
	test('shows the CSI with its interval and n, the factors, and passes axe', async ({ page }) => {
		await signIn(page, createStaff('viewer'));
		await dashboardOf(page);
		const headline = page.getByRole('region', { name: 'Customer Satisfaction Index' });
		await expect(headline).toContainText('59.4');
		await expect(headline).toContainText('n = 40');
		await expect(headline).toContainText('Feb 2025 against Jan 2025');
		await expect(headline).toContainText(/not significant \(p adj [\d.]+\)/);

		const factors = page.getByRole('region', { name: 'Factors' });
		await expect(factors.getByRole('row', { name: /Punctuality/ })).toContainText('75%');
		await expect(page.getByRole('region', { name: 'What to fix first' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Trend' }).getByRole('img')).toHaveAttribute(
			'aria-label',
			/Line chart of the CSI per month/
		);
		await page
			.getByRole('region', { name: 'Trend' })
			.getByText('Show the numbers behind this chart')
			.click();
		await expect(
			page.getByRole('table', { name: /CSI and factor scores per month/ }).getByRole('row')
		).toHaveCount(3);
		await expectAccessible(page);
	});

	test('keeps its filters in the URL, through a reload and the back button', async ({ page }) => {
		await signIn(page, createStaff('viewer'));
		await dashboardOf(page);
		await page.getByLabel('Period', { exact: true }).selectOption('quarter');
		await expect(page).toHaveURL(/granularity=quarter/);
		await expect(page.getByRole('region', { name: 'Trend' }).getByRole('img')).toHaveAttribute(
			'aria-label',
			/per quarter/
		);

		await page.getByLabel('Language', { exact: true }).selectOption('de');
		await expect(page).toHaveURL(/language=de/);
		await expect(page.getByRole('region', { name: 'Customer Satisfaction Index' })).toContainText(
			'n = 10'
		);

		await page.reload({ waitUntil: 'networkidle' });
		await expect(page.getByLabel('Period', { exact: true })).toHaveValue('quarter');
		await expect(page.getByLabel('Language', { exact: true })).toHaveValue('de');

		await page.goBack({ waitUntil: 'networkidle' });
		await expect(page).not.toHaveURL(/language=/);
		await expect(page.getByLabel('Language', { exact: true })).toHaveValue('');
		await expect(page.getByRole('region', { name: 'Customer Satisfaction Index' })).toContainText(
			'n = 40'
		);
	});

	test('the owner sets a target line and a labelled reference', async ({ page }) => {
		await signIn(page, createStaff('owner'));
		await dashboardOf(page);
		await page.getByLabel('Target CSI').fill('70');
		await page.getByLabel('Reference value').fill('77');
		await page.getByLabel('Reference label').fill('ACSI airlines 2024');
		await page.getByRole('button', { name: 'Save lines' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
		const headline = page.getByRole('region', { name: 'Customer Satisfaction Index' });
		await expect(headline).toContainText('Target 70.0: 10.6 points below');
		await expect(headline).toContainText('ACSI airlines 2024: 77.0 reference only');
		await expect(page).toHaveURL(/surveyId=/);

		for (const modelId of ['abc', '__proto__', '0']) {
			const refused = await page.request.post(`${page.url()}&/settings`, {
				form: { modelId, target: '10', referenceValue: '', referenceLabel: '' },
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
			});
			expect(refused.status()).toBe(400);
			expect(await refused.text()).toContain('The form lost its model; reload the page.');
		}
		await page.reload({ waitUntil: 'networkidle' });
		await expect(headline).toContainText('Target 70.0: 10.6 points below');
	});

	test('the owner chooses to count one-click answers of links that expired unfinished (#20)', async ({
		page
	}) => {
		await signIn(page, createStaff('owner'));
		await dashboardOf(page);
		const card = page.getByRole('region', { name: 'Unfinished answers from the email' });
		const choice = card.getByLabel('Count these one-click answers once the link expires');
		await expect(choice).not.toBeChecked();
		await choice.check();
		await card.getByRole('button', { name: 'Save' }).click();
		await expect(card.getByRole('status')).toContainText('now count once their link expires');
		await page.reload({ waitUntil: 'networkidle' });
		await expect(choice).toBeChecked();
		await expect(page).toHaveURL(/surveyId=/);
		await choice.uncheck();
		await card.getByRole('button', { name: 'Save' }).click();
		await expect(card.getByRole('status')).toContainText('no longer count');
		await expectAccessible(page);
	});

	test('a factor’s drill-down shows its answers 1–5, trend and open answers, and passes axe', async ({
		page
	}) => {
		await signIn(page, createStaff('viewer'));
		await dashboardOf(page);
		await page
			.getByRole('region', { name: 'Factors' })
			.getByRole('link', { name: 'Punctuality' })
			.click();
		await expect(page.getByRole('heading', { name: 'Punctuality', level: 1 })).toBeVisible();
		await expect(page).toHaveURL(/\/dashboard\/factors\/punctuality\?surveyId=\d+/);

		const distribution = page.getByRole('region', { name: 'Answers 1–5' });
		await distribution.getByText('Show the numbers behind this chart').click();
		const table = distribution.getByRole('table');
		await expect(table.getByRole('row', { name: /^2 / })).toContainText('20');
		await expect(table.getByRole('row', { name: /^4 / })).toContainText('50%');
		await expect(page.getByRole('region', { name: 'What clients wrote' })).toContainText(
			'The flight left two hours late'
		);
		await expectAccessible(page);
	});

	test('downloads the factor table as CSV; the responses are not for viewers', async ({ page }) => {
		await signIn(page, createStaff('viewer'));
		const surveyId = await dashboardOf(page);
		await expect(page.getByRole('link', { name: 'Download responses (CSV)' })).toHaveCount(0);
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download factor table (CSV)' }).click();
		expect((await download).suggestedFilename()).toBe('factors.csv');
		const factors = await page.request.get(`/dashboard/factors.csv?surveyId=${surveyId}`);
		expect(factors.headers()['content-type']).toContain('text/csv');
		const [header, ...rows] = (await factors.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(header).toMatch(/^factor key,factor,stated weight share,score,/);
		expect(rows.find((row) => row.startsWith('punctuality,'))).toMatch(
			/^punctuality,Punctuality,0\.75,50,/
		);
		expect(
			(
				await page.request.get(`/dashboard/responses.csv?surveyId=${surveyId}`, { maxRedirects: 0 })
			).status()
		).toBe(403);
	});

	test('a manager downloads every response in the selection as CSV', async ({ page }) => {
		await signIn(page, createStaff('manager'));
		const surveyId = await dashboardOf(page);
		const { email } = await setUp!;
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download responses (CSV)' }).click();
		expect((await download).suggestedFilename()).toMatch(/^responses-\d{4}-\d{2}-\d{2}\.csv$/);
		const responses = await page.request.get(`/dashboard/responses.csv?surveyId=${surveyId}`);
		expect(responses.headers()['content-type']).toContain('text/csv');
		const lines = (await responses.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe(
			'responseId,submittedAt,survey,surveyVersion,language,source,email,punctuality,safety,overall,why'
		);
		expect(lines).toHaveLength(41);
		expect(lines[1]).toMatch(
			new RegExp(`^\\d+,2025-01-01T10:00:00.000Z,Dashboard trips \\w+,1,de,import,${email},4,5,5,$`)
		);
		const german = await page.request.get(
			`/dashboard/responses.csv?surveyId=${surveyId}&language=de`
		);
		expect((await german.text()).trim().split('\r\n')).toHaveLength(11);
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });

		test('the filters are a plain form and every number is there, only the charts are missing', async ({
			page
		}) => {
			await signIn(page, createStaff('viewer'));
			const surveyId = await dashboardOf(page, '&language=de');
			await page.getByLabel('Period', { exact: true }).selectOption('quarter');
			await page.getByRole('button', { name: 'Apply filters' }).click();
			await expect(page).toHaveURL(
				new RegExp(`surveyId=${surveyId}.*granularity=quarter.*language=de`)
			);
			await expect(page.getByRole('region', { name: 'Customer Satisfaction Index' })).toContainText(
				'n = 10'
			);
			await expect(
				page.getByRole('table', { name: /CSI and factor scores per quarter/, includeHidden: true })
			).toBeAttached();
			await expect(page.getByRole('button', { name: /as PNG/ })).toHaveCount(0);
		});
	});

	test('saves a chart as PNG', async ({ page }) => {
		await signIn(page, createStaff('viewer'));
		await dashboardOf(page);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download CSI trend as PNG' }).click();
		expect((await download).suggestedFilename()).toBe('csi-trend.png');
	});
});
