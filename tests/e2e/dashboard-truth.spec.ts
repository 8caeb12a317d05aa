import type { Browser, BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readTextChunks } from '../../src/lib/components/dashboard/png-text';
import { pdfPageTexts } from './pdf-text';
import { expect, test } from './fixtures';
import { expectAccessible, root, startServer, stopServer, type Server } from './support';

/*
 * What the owner of the demo workspace reads on the dashboard must never mislead (issue #16):
 * the model it shows, the period its headline speaks of, intervals and axes on the 0–100 scale,
 * gaps in time, the importance chart's units, and what an exported chart says about itself.
 * The demo is seeded as `npm run demo` seeds it, up to today, on a server of its own.
 */

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'dashboard-truth-password';
let dir = '';
let database = '';
let server: Server;
let owner = { email: '', apiKey: '' };
/** The browsers the tests signed in; closed before the server, whose pages may still be polling it. */
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
	test.setTimeout(120_000);
	dir = `${root}test-results/e2e/dashboard-truth-${Date.now()}`;
	mkdirSync(dir, { recursive: true });
	database = `${dir}/app.db`;
	owner = JSON.parse(
		execFileSync(
			`${root}node_modules/.bin/tsx`,
			['--import', './scripts/svelte-register.mjs', 'tests/e2e/demo-seed.ts', database, PASSWORD],
			{
				cwd: root,
				encoding: 'utf8'
			}
		)
	);
	server = await startServer(database, { OUTBOX_POLL_SECONDS: '1' });
});

test.afterAll(async () => {
	await Promise.all(contexts.map((context) => context.close()));
	if (server) await stopServer(server);
	rmSync(dir, { recursive: true, force: true });
});

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A month `ago` months before today's, as the dashboard names it and as its key. */
function month(ago: number) {
	const now = new Date();
	const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - ago, 1));
	return {
		label: `${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`,
		key: date.toISOString().slice(0, 7)
	};
}

async function signedIn(browser: Browser, width = 1280): Promise<Page> {
	const context = await browser.newContext({
		baseURL: server.origin,
		viewport: { width, height: 900 },
		acceptDownloads: true
	});
	contexts.push(context);
	const page = await context.newPage();
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(owner.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	return page;
}

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
	const response = await fetch(`${server.origin}${path}`, {
		method: init.method ?? 'GET',
		headers: { authorization: `Bearer ${owner.apiKey}`, 'content-type': 'application/json' },
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	return { status: response.status, body: await response.json() };
}

type Group = { key: string; complete: boolean; change: unknown; csi: { n: number } };

/** The trend table's rows: period, CSI, interval, n, change. */
async function trendRows(page: Page) {
	const table = page.getByRole('table', { name: /CSI and factor scores per/, includeHidden: true });
	return table
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()))
		);
}

test('the headline is the latest complete month against the one before; the running month is "so far" and never tested', async ({
	browser
}) => {
	const page = await signedIn(browser);
	const [latest, previous, current] = [month(1), month(2), month(0)];
	const headline = page.getByRole('region', { name: 'Customer Satisfaction Index' });
	await expect(page.getByTestId('headline-period')).toHaveText(latest.label);
	await expect(page.getByTestId('headline-change')).toContainText(
		`${latest.label} against ${previous.label}`
	);
	await expect(page.getByTestId('headline-pooled')).toContainText('Whole range');
	await expectAccessible(page);

	const { body } = await api('/api/v1/analytics/csi');
	expect(body.headline).toMatchObject({ key: latest.key, previousKey: previous.key });
	expect(body.headline.csi.n).toBeGreaterThan(100);
	const running = (body.groups as Group[]).find(({ key }) => key === current.key);
	// The demo answers up to today; on the first of a month the running month may have none yet.
	if (running) {
		expect(running).toMatchObject({ complete: false, change: null });
		expect(body.partial).toMatchObject({ key: current.key, running: true });
		await expect(page.getByTestId('headline-so-far')).toContainText(`${current.label} so far`);
		await expect(page.getByTestId('headline-so-far')).toContainText(
			`n = ${running.csi.n.toLocaleString('en')}`
		);
		const rows = await trendRows(page);
		expect(rows.at(-1)![0]).toBe(`${current.label} (so far)`);
		expect(rows.at(-1)![4]).toBe('not tested until the period is complete');
	}
	// An alarm, if any, is about a complete month, never the running one.
	expect(body.controlChart?.period ?? latest.key).not.toBe(current.key);
	await expect(headline).not.toContainText(`${current.label} against`);
	const banner = page.getByText('Unusual period.');
	if (await banner.count()) await expect(banner).not.toContainText(current.label);
});

test('a draft survey of another model does not move the dashboard; the API says which model and why', async ({
	browser
}) => {
	const page = await signedIn(browser);
	const before = await page.getByTestId('headline-value').textContent();
	await page.goto('/surveys');
	await page.getByRole('radio', { name: /ACSI-style/ }).check();
	await page.getByRole('button', { name: 'Create from template' }).click();
	await expect(page).toHaveURL(/\/surveys\/\d+$/);

	await page.goto('/dashboard');
	await expect(page.getByTestId('model-choice')).toContainText('Model Airline service');
	await expect(page.getByTestId('model-choice')).toContainText(
		'The model whose surveys have the newest responses'
	);
	await expect(page.getByTestId('headline-value')).toHaveText(before!);
	// Only one model has answers: nothing to choose between yet.
	await expect(page.getByLabel('Model', { exact: true })).toHaveCount(0);

	const { body } = await api('/api/v1/analytics/csi');
	expect(body.model).toMatchObject({
		name: 'Airline service',
		chosenBy: 'latest-responses',
		reason: expect.stringMatching(/newest responses \(\d{4}-\d{2}-\d{2}\)/)
	});
	expect(body.models.map(({ name }: { name: string }) => name)).toContain('ACSI-style');
	expect(body.csi.n).toBeGreaterThan(1000);
});

test('with answers under two models the owner chooses between them', async ({ browser }) => {
	const { body: surveys } = await api('/api/v1/surveys');
	const acsi = (surveys.items as { id: number; name: string }[]).find(
		({ name }) => name === 'ACSI-style'
	)!;
	const imported = await api(`/api/v1/surveys/${acsi.id}/responses`, {
		method: 'POST',
		body: {
			responses: [
				{ submittedAt: '2025-03-10', answers: { expectations: 4, quality: 5, overall: 5 } },
				{ submittedAt: '2025-03-11', answers: { expectations: 2, quality: 3, overall: 2 } }
			]
		}
	});
	expect(imported.status, JSON.stringify(imported.body)).toBe(201);

	const page = await signedIn(browser);
	// The newest answers are still the airline's: the view stays, and now offers a choice.
	await expect(page.getByTestId('model-choice')).toContainText('Model Airline service');
	const chooser = page.getByLabel('Model', { exact: true });
	await chooser.selectOption({ label: 'ACSI-style (last answer 2025-03-11)' });
	await expect(page).toHaveURL(/modelId=\d+/);
	await expect(page.getByTestId('model-choice')).toContainText('Model ACSI-style');
	await expect(page.getByTestId('model-choice')).toContainText('The model asked for.');
});

test('an import from long ago leaves the months between as gaps, and a small month’s interval stays on 0–100', async ({
	browser
}) => {
	const { body: surveys } = await api('/api/v1/surveys');
	const airline = (surveys.items as { id: number; name: string }[]).find(
		({ name }) => name === 'Airline CSI'
	)!;
	const imported = await api(`/api/v1/surveys/${airline.id}/responses`, {
		method: 'POST',
		body: {
			responses: [
				{
					submittedAt: '2024-05-14',
					answers: { punctuality: 5, customs: 5, safety: 5, snacks: 5, overall: 5 }
				},
				{
					submittedAt: '2024-05-20',
					answers: { punctuality: 1, customs: 1, safety: 1, snacks: 1, overall: 1 }
				}
			]
		}
	});
	expect(imported.status, JSON.stringify(imported.body)).toBe(201);

	const page = await signedIn(browser);
	const rows = await trendRows(page);
	const may = rows.findIndex(([period]) => period === 'May 2024');
	expect(may).toBe(0);
	// CSI 100 and 0: 50 ± 635 on paper, 0–100 on the scale.
	expect(rows[may]!.slice(1, 4)).toEqual([
		'50.0 (fewer than 30 answers)',
		'0.0–100.0 (clipped)',
		'2'
	]);
	expect(rows[may + 1]!.slice(0, 5)).toEqual(['Jun 2024', '—', '—', '0', 'no answers']);
	// One row per month from May 2024 to now, none skipped.
	const now = new Date();
	expect(rows).toHaveLength((now.getUTCFullYear() - 2024) * 12 + now.getUTCMonth() - 4 + 1);
	for (const [, , interval] of rows) {
		const bounds = /^(-?[\d.]+)–(-?[\d.]+)/.exec(interval!);
		if (!bounds) continue;
		expect(Number(bounds[1])).toBeGreaterThanOrEqual(0);
		expect(Number(bounds[2])).toBeLessThanOrEqual(100);
	}
	const trend = page.getByRole('region', { name: 'Trend' });
	await expect(trend).toContainText('Hollow points without a band: fewer than 30 answers');
});

test('the Enterprise, Germany segment by week: every interval on 0–100, small weeks marked', async ({
	browser
}) => {
	const page = await signedIn(browser);
	const { body: segments } = await api('/api/v1/segments');
	const segment = (segments.items as { id: number; name: string }[]).find(
		({ name }) => name === 'Enterprise, Germany'
	)!;
	await page.goto(`/dashboard?segment=${segment.id}&granularity=week`, {
		waitUntil: 'networkidle'
	});
	const rows = await trendRows(page);
	expect(rows.length).toBeGreaterThan(52);
	for (const [period, score, interval, n] of rows) {
		const bounds = /^(-?[\d.]+)–(-?[\d.]+)/.exec(interval!);
		if (bounds) {
			expect(Number(bounds[1]), period).toBeGreaterThanOrEqual(0);
			expect(Number(bounds[2]), period).toBeLessThanOrEqual(100);
		}
		if (Number(n) > 0 && Number(n) < 30) expect(score).toContain('(fewer than 30 answers)');
	}
	const { body } = await api(`/api/v1/analytics/csi?segment=${segment.id}&groupBy=week`);
	for (const group of body.groups as { csi: { ciLow: number | null; ciHigh: number | null } }[]) {
		if (group.csi.ciLow !== null) expect(group.csi.ciLow).toBeGreaterThanOrEqual(0);
		if (group.csi.ciHigh !== null) expect(group.csi.ciHigh).toBeLessThanOrEqual(100);
	}
});

test('what to fix first: the quadrants as the methodology names them, importance in one unit', async ({
	browser
}) => {
	const page = await signedIn(browser);
	const panel = page.getByRole('region', { name: 'What to fix first' });
	await expect(panel.getByRole('heading', { name: /Concentrate here/ })).toBeVisible();
	for (const name of ['Keep up the good work', 'Low priority', 'Possible overkill'])
		await expect(panel).toContainText(name);
	// The demo's story: punctuality matters most and scores lowest; snacks score high and barely matter.
	await expect(panel).toContainText(/Concentrate here[\s\S]*Punctual departure/);
	await expect(panel).toContainText(/Possible overkill[\s\S]*In-flight snacks/);
	const importance = await panel
		.getByRole('table', { includeHidden: true })
		.locator('tbody td:nth-child(2)')
		.allTextContents();
	expect(importance.length).toBeGreaterThan(0);
	for (const value of importance) expect(value.trim()).toMatch(/^\d+%$/);
});

test('an exported chart carries its title, the filters and the date', async ({ browser }) => {
	const page = await signedIn(browser);
	const { body: segments } = await api('/api/v1/segments');
	const segment = (segments.items as { id: number; name: string }[]).find(
		({ name }) => name === 'Enterprise, Germany'
	)!;
	await page.goto(`/dashboard?segment=${segment.id}&from=2025-06-01`, { waitUntil: 'networkidle' });
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download CSI trend as PNG' }).click();
	const file = await (await download).path();
	const png = new Uint8Array(readFileSync(file));
	const texts = readTextChunks(png);
	expect(texts.Title).toBe('CSI trend');
	expect(texts.Description).toContain('Model Airline service, weights version 1');
	expect(texts.Description).toContain('Segment: Enterprise, Germany');
	expect(texts.Description).toContain('2025-06-01 to today, by month');
	expect(texts['Creation Time']!.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
	// The header is drawn above the chart: the image is taller than the chart's canvas.
	const canvasHeight = await page
		.getByRole('img', { name: /Line chart of the CSI/ })
		.locator('canvas')
		.evaluate((canvas: HTMLCanvasElement) => canvas.height);
	const imageHeight = new DataView(png.buffer, png.byteOffset).getUint32(20);
	expect(imageHeight).toBeGreaterThan(canvasHeight + 40);
});

test('a printed dashboard view holds the headline, the factor table and the filters, and no controls', async ({
	browser
}) => {
	const page = await signedIn(browser);
	const { body: segments } = await api('/api/v1/segments');
	const segment = (segments.items as { id: number; name: string }[]).find(
		({ name }) => name === 'Enterprise, Germany'
	)!;
	await page.goto(`/dashboard?segment=${segment.id}`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
	const pages = await pdfPageTexts(new Uint8Array(await page.pdf({ format: 'A4' })));
	// Table headings print in capitals (their style); compare words, not layout.
	const text = pages.join(' ').replace(/\s+/g, ' ');
	const { body } = await api(`/api/v1/analytics/csi?segment=${segment.id}`);
	expect(text).toContain('View: Model Airline service, weights version 1');
	expect(text).toContain('Segment: Enterprise, Germany');
	expect(text).toContain(`Customer Satisfaction Index, ${month(1).label}`);
	expect(text).toContain(body.headline.csi.value.toFixed(1));
	for (const heading of ['FACTOR', 'STATED WEIGHT', 'SCORE', 'TONE'])
		expect(text).toContain(heading);
	for (const factor of [
		'Punctual departure',
		'Fast customs clearance',
		'Safety',
		'In-flight snacks'
	])
		expect(text).toContain(factor);
	// The controls stay on screen: no navigation, filter form or buttons on paper.
	for (const control of [
		'Sign out',
		'Print or save as PDF',
		'Download CSI trend as PNG',
		'Download factor table (CSV)',
		'Apply filters',
		'Also draw'
	])
		expect(text).not.toContain(control);
	// The headline opens the report, on its first page.
	expect(pages[0]).toContain('Customer Satisfaction Index');
});

test('a view emailed monthly: subscribed from the dashboard, listed in the account, sent once its month is complete', async ({
	browser
}) => {
	const page = await signedIn(browser);
	const { body: segments } = await api('/api/v1/segments');
	const segment = (segments.items as { id: number; name: string }[]).find(
		({ name }) => name === 'Enterprise, Germany'
	)!;
	await page.goto(`/dashboard?segment=${segment.id}`, { waitUntil: 'networkidle' });
	const form = page.getByRole('region', { name: 'Get this view by email' });
	await form.getByLabel('Monthly, on the 1st').check();
	await form.getByLabel('Name of the report').fill('German enterprise, monthly');
	await form.getByRole('button', { name: 'Email me this view' }).click();
	await expect(form).toContainText('on the 1st of each month, for the month before');
	await expect(page).toHaveURL(new RegExp(`segment=${segment.id}`));

	await page.goto('/settings/account');
	const reports = page.getByRole('region', { name: 'Reports by email' });
	await expect(reports.getByRole('link', { name: 'German enterprise, monthly' })).toHaveAttribute(
		'href',
		`/dashboard?segment=${segment.id}`
	);
	await expectAccessible(page);

	// A month passes: the subscription last reported the month before last.
	const db = new Database(database);
	db.prepare('update report_subscriptions set last_sent_period = ?').run(month(2).key);
	db.close();
	const subject = `Monthly report “German enterprise, monthly”, ${month(1).label}: CSI`;
	await expect(async () => {
		await page.goto('/settings/outbox');
		await expect(page.getByText(subject)).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 15_000 });
	await page.getByText(subject).click();
	await expect(
		page.getByText('Customer Satisfaction Index, ' + month(1).label).first()
	).toBeVisible();

	await page.goto('/settings/account');
	await reports
		.getByRole('button', { name: 'Cancel the report “German enterprise, monthly”' })
		.click();
	await expect(reports).toContainText('Report cancelled');
	await expect(reports.getByRole('link', { name: 'German enterprise, monthly' })).toHaveCount(0);
});
