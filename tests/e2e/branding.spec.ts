import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { PNG } from 'pngjs';
import { adminBundle } from './admin-bundle';
import { expectAccessible, root, startServer, stopServer, type Server } from './support';

/*
 * Branding (issue #20): an owner sets the company's name, accent colour, logo and footer, and a
 * client's survey page shows them, readable and accessible. On a server of its own: the branding
 * is the whole workspace's, and the other suites' respondent pages would change with it.
 */

const OWNER = { email: 'owner@branding.test', password: 'branding-owner-password' };

let dir = '';
let server: Server;
let apiKey = '';

function admin(database: string, ...args: string[]): string {
	return execFileSync(process.execPath, [adminBundle, ...args], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: database },
		encoding: 'utf8'
	}).trim();
}

async function api(path: string, body?: unknown) {
	const response = await fetch(`${server.origin}${path}`, {
		method: body ? 'POST' : 'GET',
		headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined
	});
	expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
	return response.json();
}

/** A client's personal link to an open one-question survey. */
async function personalLink(): Promise<string> {
	const model = await api('/api/v1/models', {
		name: 'Trips',
		factors: [{ key: 'punctuality', name: 'Punctuality', weight: 1 }]
	});
	const survey = await api('/api/v1/surveys', {
		name: 'Trip survey',
		modelId: model.id,
		definition: {
			defaultLanguage: 'en',
			languages: ['en'],
			title: { en: 'How was your trip?' },
			pages: [
				{
					id: 'page1',
					questions: [{ id: 'overall', type: 'overall', text: { en: 'Overall?' } }]
				}
			]
		}
	});
	await api(`/api/v1/surveys/${survey.id}/open`, {});
	await api('/api/v1/clients', {
		email: 'traveller@branding.test',
		name: 'Traveller',
		language: 'en',
		consent: true
	});
	const invited = await api('/api/v1/invitations', {
		client: { email: 'traveller@branding.test' },
		surveyId: survey.id
	});
	return new URL(invited.link).pathname;
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	dir = `${root}test-results/e2e/branding-${Date.now()}`;
	mkdirSync(dir, { recursive: true });
	const database = `${dir}/app.db`;
	admin(
		database,
		'create-user',
		'--email',
		OWNER.email,
		'--name',
		'Olga Owner',
		'--role',
		'owner',
		'--password',
		OWNER.password
	);
	apiKey = admin(database, 'create-api-key', '--name', 'e2e', '--role', 'manager')
		.split('\n')
		.at(-1)!;
	server = await startServer(database);
});

test.afterAll(async () => {
	if (server) await stopServer(server);
	rmSync(dir, { recursive: true, force: true });
});

/** A page in a browser of its own (axe needs one made by newContext), on this suite's server. */
async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.origin });
	return context.newPage();
}

async function signedIn(browser: Browser): Promise<Page> {
	const page = await newPage(browser);
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(OWNER.email);
	await page.getByLabel('Password').fill(OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	return page;
}

/** A 160 × 48 PNG in the company's blue. */
function logoPng(): Buffer {
	const png = new PNG({ width: 160, height: 48 });
	for (let i = 0; i < png.data.length; i += 4) png.data.set([0x1d, 0x4e, 0xd8, 0xff], i);
	return PNG.sync.write(png);
}

test('an owner brands the workspace, and a client’s survey page shows it, accessibly', async ({
	browser
}) => {
	const link = await personalLink();
	const owner = await signedIn(browser);
	await owner.goto('/settings');
	await owner.getByRole('link', { name: 'Branding' }).click();
	await expect(owner).toHaveURL(/\/settings\/branding$/);
	await expectAccessible(owner);

	await owner.getByLabel('Company name').fill('Acme Airlines');
	await owner.getByLabel('Accent colour').fill('#ffcc00');
	await owner.getByLabel('Footer').fill('Acme Airlines Ltd.\n1 Runway Road, Dublin');
	await owner.getByRole('button', { name: 'Save' }).click();
	// Yellow behind white text: refused, saying by how much, with what was typed kept.
	await expect(
		owner.getByText('White text on #ffcc00 has a contrast ratio of 1.51:1')
	).toBeVisible();
	await expect(owner.getByLabel('Company name')).toHaveValue('Acme Airlines');

	await owner.getByLabel('Accent colour').fill('#1d4ed8');
	await owner
		.getByLabel('Logo')
		.setInputFiles({ name: 'acme.png', mimeType: 'image/png', buffer: logoPng() });
	await owner.getByLabel('Reply-to address').fill('service@acme.example');
	await owner.getByRole('button', { name: 'Save' }).click();
	await expect(owner.getByText('Branding saved.')).toBeVisible();
	const preview = owner.getByRole('img', { name: 'Acme Airlines' });
	await expect(preview).toBeVisible();
	expect(await preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(160);
	await expectAccessible(owner);

	const client = await newPage(browser);
	await client.goto(link);
	await expect(client.getByRole('heading', { name: 'How was your trip?' })).toBeVisible();
	const logo = client.getByRole('banner').getByRole('img', { name: 'Acme Airlines' });
	await expect(logo).toBeVisible();
	expect(await logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(160);
	await expect(client.getByRole('contentinfo')).toHaveText(
		'Acme Airlines Ltd.\n1 Runway Road, Dublin',
		{ useInnerText: true }
	);
	// The accent colour reaches the buttons and the chosen answer.
	await client.getByRole('radio', { name: '4', exact: true }).check();
	const colours = await client.evaluate(() => ({
		button: getComputedStyle(document.querySelector('button[value="forward"]')!).backgroundColor,
		chosen: getComputedStyle(document.querySelector('input:checked + span')!).backgroundColor
	}));
	expect(colours).toEqual({ button: 'rgb(29, 78, 216)', chosen: 'rgb(29, 78, 216)' });
	await expectAccessible(client);

	// The logo's own address: the stored type, never sniffed, cached while its version holds.
	const src = (await logo.getAttribute('src'))!;
	const served = await client.request.get(src);
	expect(served.headers()).toMatchObject({
		'content-type': 'image/png',
		'x-content-type-options': 'nosniff',
		'cache-control': 'public, max-age=31536000, immutable'
	});

	await owner.getByRole('button', { name: 'Remove logo' }).click();
	await expect(owner.getByText('Logo removed')).toBeVisible();
	await client.reload();
	await expect(client.getByRole('banner')).toHaveText('Acme Airlines');
	await owner.context().close();
	await client.context().close();
});
