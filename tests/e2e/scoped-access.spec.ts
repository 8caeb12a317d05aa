import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import { request as playwrightRequest } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { routeAccess } from '../../src/lib/server/auth/access-table';
import { expect, test } from './fixtures';
import { expectAccessible, root, startServer, stopServer, type Server } from './support';

/*
 * Scoped access (issue #16): an owner limits a viewer to one segment and a manager to another.
 * Everything they read is then computed on their segment only — dashboard, inbox, cases,
 * clients, exports — and no edited URL widens it. Pages that cover the whole client base are
 * refused to them, checked role-matrix style over every row of the access table.
 * The demo workspace, seeded as `npm run demo` seeds it, runs on a server of its own.
 */

test.describe.configure({ mode: 'serial' });

const PASSWORD = 'scoped-access-password';
const VIEWER = { email: 'viewer@demo.test', name: 'Vera Viewer' };
const MANAGER = { email: 'manager@demo.test', name: 'Max Manager' };
const VIEWER_SEGMENT = 'Enterprise, Germany';
const MANAGER_SEGMENT = 'Nordics and Benelux SMB';

let dir = '';
let server: Server;
let owner = { email: '', apiKey: '' };
const segmentIds = new Map<string, number>();

test.beforeAll(async () => {
	test.setTimeout(120_000);
	dir = `${root}test-results/e2e/scoped-access-${Date.now()}`;
	mkdirSync(dir, { recursive: true });
	const database = `${dir}/app.db`;
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
	server = await startServer(database);
	const segments = await api('/api/v1/segments');
	for (const { id, name } of segments.items as { id: number; name: string }[])
		segmentIds.set(name, id);
});

test.afterAll(async () => {
	if (server) await stopServer(server);
	rmSync(dir, { recursive: true, force: true });
});

async function api(path: string) {
	const response = await fetch(`${server.origin}${path}`, {
		headers: { authorization: `Bearer ${owner.apiKey}` }
	});
	expect(response.status, path).toBe(200);
	return response.json();
}

/** The browsers each test signs in, closed after it. */
const contexts: BrowserContext[] = [];

test.afterEach(async () => {
	// A page left open keeps polling (the campaigns page every 2 s), and a connection that keeps
	// serving is never idle when the server stops: it then waits its full 30 s shutdown timeout.
	await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function signedIn(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({
		baseURL: server.origin,
		viewport: { width: 1280, height: 900 }
	});
	contexts.push(context);
	const page = await context.newPage();
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	return page;
}

/** A signed-in request context, for addresses a browser would not open by itself. */
async function client(email: string): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL: server.origin, maxRedirects: 0 });
	const signIn = await context.post('/login', {
		form: { email, password: PASSWORD },
		headers: { origin: server.origin, accept: 'text/html' }
	});
	expect(signIn.status()).toBe(303);
	return context;
}

const segmentId = (name: string) => {
	const id = segmentIds.get(name);
	if (id === undefined) throw new Error(`The demo has no segment “${name}”.`);
	return id;
};

/** The figures a dashboard shows in its headline, pooled line included. */
async function headline(page: Page, path: string) {
	await page.goto(path, { waitUntil: 'networkidle' });
	return page.getByRole('region', { name: 'Customer Satisfaction Index' }).innerText();
}

async function inboxCount(page: Page, path: string) {
	await page.goto(path, { waitUntil: 'networkidle' });
	return page.getByText(/\d+ responses?( match the filters)?\./).innerText();
}

test('an owner limits a viewer and a manager to a segment each in Settings → Users', async ({
	browser
}) => {
	// Many pages, two users: more than the default 30 s on a loaded CI machine.
	test.setTimeout(90_000);
	const page = await signedIn(browser, owner.email);
	await page.goto('/settings/users', { waitUntil: 'networkidle' });
	for (const [user, segment] of [
		[VIEWER, VIEWER_SEGMENT],
		[MANAGER, MANAGER_SEGMENT]
	] as const) {
		await page
			.getByRole('combobox', { name: `Sees the clients of ${user.name}` })
			.selectOption({ label: segment });
		await page.getByRole('button', { name: `Limit what ${user.name} sees` }).click();
		await expect(page.getByRole('status')).toContainText(
			`${user.name} now sees only the clients of “${segment}”.`
		);
	}
	await expect(
		page.getByRole('combobox', { name: `Sees the clients of ${VIEWER.name}` })
	).toHaveValue(String(segmentId(VIEWER_SEGMENT)));
	await expectAccessible(page);
	// A segment that limits someone is not deleted from under them.
	await page.goto('/clients/segments', { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: `Delete segment ${VIEWER_SEGMENT}` }).click();
	await expect(page.getByRole('alert')).toContainText(
		`“${VIEWER_SEGMENT}” limits what ${VIEWER.name} may see`
	);
});

test('a scoped viewer’s dashboard and inbox count their segment only, whatever the URL says', async ({
	browser
}) => {
	// Many pages, two users: more than the default 30 s on a loaded CI machine.
	test.setTimeout(90_000);
	const ownerPage = await signedIn(browser, owner.email);
	const viewer = await signedIn(browser, VIEWER.email);
	const own = segmentId(VIEWER_SEGMENT);
	const other = segmentId(MANAGER_SEGMENT);
	await expect(viewer.getByRole('banner')).toContainText(`“${VIEWER_SEGMENT}”`);
	await expect(viewer.getByText(/An owner limited what you see/)).toBeVisible();

	const asSegment = await headline(ownerPage, `/dashboard?segment=${own}`);
	const unfiltered = await headline(ownerPage, '/dashboard');
	expect(asSegment).not.toEqual(unfiltered);
	expect(await headline(viewer, '/dashboard')).toEqual(asSegment);
	await expectAccessible(viewer);
	// Another segment in the URL is intersected with the scope: the two share no client.
	expect(await headline(ownerPage, `/dashboard?segment=${other}`)).toContain('n = ');
	await viewer.goto(`/dashboard?segment=${other}`, { waitUntil: 'networkidle' });
	await expect(viewer.getByText('No answers match these filters yet.')).toBeVisible();

	expect(await inboxCount(viewer, '/responses')).toEqual(
		(await inboxCount(ownerPage, `/responses?segment=${own}`)).replace(' match the filters', '')
	);
	expect(await inboxCount(viewer, `/responses?segment=${other}`)).toBe(
		'0 responses match the filters.'
	);

	// A response and a case outside the scope answer like ones that do not exist. Which segments
	// the demo's cases fall in depends on the day it is seeded: take any case the viewer is not shown.
	const caseLinks = async (page: Page) => {
		await page.goto('/responses?case=with', { waitUntil: 'networkidle' });
		return page
			.getByRole('table', { name: 'Responses, newest first' })
			.getByRole('link', { name: /^#\d+$/ })
			.evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
	};
	const seen = new Set(await caseLinks(viewer));
	const caseHref = (await caseLinks(ownerPage)).find(
		(href) => href.startsWith('/cases/') && !seen.has(href)
	);
	expect(caseHref).toMatch(/^\/cases\/\d+$/);
	await ownerPage.goto(`/responses?segment=${other}`, { waitUntil: 'networkidle' });
	const outside = await ownerPage
		.getByRole('table', { name: 'Responses, newest first' })
		.getByRole('link', { name: /^#\d+$/ })
		.first()
		.getAttribute('href');
	expect(outside).toMatch(/^\/responses\/\d+$/);
	const request = await client(VIEWER.email);
	for (const path of [outside!, caseHref!]) {
		expect((await request.get(path)).status(), path).toBe(404);
		// A data request carries the page's 404 in place of its data: no survey, client or history.
		const data = await (await request.get(`${path}/__data.json`)).text();
		expect(data, `${path}/__data.json`).toContain('"status":404');
		expect(data, `${path}/__data.json`).not.toMatch(/"survey"|"submittedAt"|"history"/);
	}
	await request.dispose();
});

test('a scoped manager’s clients, exports and campaigns stay in the segment', async ({
	browser
}) => {
	// Many pages, two users: more than the default 30 s on a loaded CI machine.
	test.setTimeout(90_000);
	const manager = await signedIn(browser, MANAGER.email);
	const own = segmentId(MANAGER_SEGMENT);
	const expected = (await api(`/api/v1/clients?segment=${own}&limit=1`)).total as number;
	expect(expected).toBeGreaterThan(0);
	const everyone = (await api('/api/v1/clients?limit=1')).total as number;
	expect(everyone).toBeGreaterThan(expected);

	await manager.goto('/clients', { waitUntil: 'networkidle' });
	await expect(manager.getByText(/\d[\d,]* clients?\./)).toContainText(
		`${expected.toLocaleString('en')} clients.`
	);
	await expect(manager.getByRole('link', { name: 'Import CSV' })).toHaveCount(0);
	await expectAccessible(manager);

	const request = await client(MANAGER.email);
	const csv = await (await request.get('/clients/export.csv')).text();
	expect(csv.trim().split('\n').length - 1).toBe(expected);

	const outsider = (await api(`/api/v1/clients?segment=${segmentId(VIEWER_SEGMENT)}&limit=1`))
		.items[0].id as number;
	for (const path of [`/clients/${outsider}`, `/clients/${outsider}/export`])
		expect((await request.get(path)).status(), path).toBe(404);
	const bulk = await request.post('/clients?/bulk', {
		form: { action: 'tag', tag: 'widened', scope: 'selected', ids: String(outsider) },
		headers: { origin: server.origin, accept: 'text/html' }
	});
	expect(await bulk.text()).toContain(`No client has the id ${outsider}`);
	// Redefining the segment that limits them would widen it: only owners may.
	const redefined = await request.post('/clients?/saveSegment', {
		form: { name: MANAGER_SEGMENT, filter: '' },
		headers: { origin: server.origin, accept: 'text/html' }
	});
	expect(await redefined.text()).toContain(`limits what ${MANAGER.name} may see`);

	await manager.goto('/campaigns', { waitUntil: 'networkidle' });
	const audiences = await manager.getByLabel('Audience').locator('option').allInnerTexts();
	expect(audiences).toHaveLength(1);
	expect(audiences[0]).toContain(MANAGER_SEGMENT);
	await request.dispose();
});

test('pages covering the whole client base are refused to scoped users, pages and data alike', async () => {
	test.setTimeout(120_000);
	const failures: string[] = [];
	let cases = 0;
	for (const [who, email] of [
		['manager', MANAGER.email],
		['viewer', VIEWER.email]
	] as const) {
		const request = await client(email);
		for (const [routeId, rule] of Object.entries(routeAccess)) {
			// The role matrix covers who is refused by role; here, what the scope refuses on top.
			if (routeId.startsWith('/api/') || rule.read === 'anyone') continue;
			if (rule.read === 'owner' || (who === 'viewer' && rule.read !== 'viewer')) continue;
			const path = routeId
				.replace(/\/\([^)]+\)/g, '')
				.replace(/\[(\w+)\]/g, (_, name: string) => (name === 'id' ? '999999' : `no-${name}`));
			const paths = /\.(csv|json)$|\/export$|\/progress$/.test(routeId)
				? [path]
				: [path, `${path}/__data.json`];
			for (const address of paths) {
				const status = (await request.get(address)).status();
				cases += 1;
				const refused = status === 403;
				if (refused !== Boolean(rule.wholeBase) || status >= 500)
					failures.push(`GET ${address}: ${who} got ${status}`);
			}
			if (!rule.wholeBase) continue;
			for (const name of Object.keys(rule.actions ?? {})) {
				const status = (
					await request.post(`${path}?/${name}`, {
						form: {},
						headers: { origin: server.origin, accept: 'text/html' }
					})
				).status();
				cases += 1;
				if (status !== 403) failures.push(`POST ${path}?/${name}: ${who} got ${status}`);
			}
		}
		await request.dispose();
	}
	console.log(`scoped access matrix: ${cases} cases, ${failures.length} wrong`);
	expect(cases).toBeGreaterThan(60);
	expect(failures).toEqual([]);
});
