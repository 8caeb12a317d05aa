import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { routeAccess } from '../../src/lib/server/auth/access-table';
import { englishOn } from './english-sentinels';
import { root, signIn, startServer, stopServer, type Server } from './support';

/*
 * Every staff page fits a 1280 px wide window without scrolling sideways and without a table,
 * list or box cut off inside it, and stays usable at 768 px, where a wide table may scroll only
 * inside its own labelled, focusable region. Seen by the demo workspace's owner (demo-seed.ts),
 * with what makes the pages as wide as they get added (fit-seed.ts), on a server of its own.
 */

/** The ids fit-seed.ts prints. */
type Seeded = {
	surveyId: number;
	modelId: number;
	factorKey: string;
	clientId: number;
	responseId: number;
	caseId: number;
	campaignId: number;
	importId: number;
	webhookId: number;
};

const widths = [
	{ width: 1280, height: 800, scrollRegions: false },
	{ width: 768, height: 1024, scrollRegions: true }
];

/** A real object's id for each dynamic segment of a staff route. */
function idsFor(seeded: Seeded): Record<string, Record<string, string | number>> {
	return {
		'/(staff)/dashboard/factors/[key]': { key: seeded.factorKey },
		'/(staff)/responses/[id]': { id: seeded.responseId },
		'/(staff)/cases/[id]': { id: seeded.caseId },
		'/(staff)/clients/[id]': { id: seeded.clientId },
		'/(staff)/clients/import/[id]': { id: seeded.importId },
		'/(staff)/campaigns/[id]': { id: seeded.campaignId },
		'/(staff)/factors/[id]': { id: seeded.modelId },
		'/(staff)/surveys/[id]': { id: seeded.surveyId },
		'/(staff)/surveys/[id]/translations': { id: seeded.surveyId },
		'/(staff)/surveys/[id]/email': { id: seeded.surveyId },
		'/(staff)/surveys/[id]/responses/import': { id: seeded.surveyId },
		'/(staff)/settings/webhooks/[id]': { id: seeded.webhookId }
	};
}

/**
 * Every staff route of the access table that renders a page (its folder holds a `+page.svelte`;
 * files and redirects do not), with real ids filled in. A new page without an id here fails.
 */
function staffPages(seeded: Seeded): string[] {
	const ids = idsFor(seeded);
	return Object.keys(routeAccess)
		.filter(
			(route) =>
				route.startsWith('/(staff)/') && existsSync(`${root}src/routes${route}/+page.svelte`)
		)
		.map((route) =>
			route.replace('/(staff)', '').replace(/\[(\w+)\]/g, (_, name: string) => {
				const id = ids[route]?.[name];
				if (id === undefined) throw new Error(`staff-pages.spec.ts has no ${name} for ${route}`);
				return encodeURIComponent(String(id));
			})
		);
}

/**
 * What does not fit, measured in the page: the document scrolling sideways; content cut off or
 * scrolled inside a box (a scroll region is allowed only when `scrollRegions`, and only with a
 * label and tabindex 0); a table, list, form control or region sticking out of its container or
 * the window; an entry of the survey filter that cannot be seen.
 */
function misfits(scrollRegions: boolean): string[] {
	const problems: string[] = [];
	const root = document.documentElement;
	const describe = (element: Element) => {
		const label =
			element.getAttribute('aria-label') ??
			element.querySelector('caption, legend, h2, h3, label')?.textContent ??
			element.textContent ??
			'';
		const classes = element.classList.length ? `.${[...element.classList].join('.')}` : '';
		return `<${element.tagName.toLowerCase()}${classes}> “${label.trim().replace(/\s+/g, ' ').slice(0, 50)}”`;
	};
	const isHidden = (element: Element) =>
		element.closest('.visually-hidden, [hidden]') !== null ||
		(element as HTMLElement).offsetParent === null;
	const labelOf = (element: Element) =>
		element.getAttribute('aria-label')?.trim() ||
		(element.getAttribute('aria-labelledby') ?? '')
			.split(/\s+/)
			.map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
			.join(' ')
			.trim();
	const isScrollRegion = (element: Element) =>
		scrollRegions &&
		element.getAttribute('role') === 'region' &&
		element.getAttribute('tabindex') === '0' &&
		labelOf(element) !== '' &&
		['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
	const insideScrollRegion = (element: Element) => {
		for (let parent = element.parentElement; parent; parent = parent.parentElement)
			if (isScrollRegion(parent) && parent.scrollWidth > parent.clientWidth + 1) return true;
		return false;
	};

	if (root.scrollWidth > root.clientWidth)
		problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);

	// Content wider than a box that clips or scrolls it: hidden, or reachable only by scrolling.
	for (const element of document.body.querySelectorAll('*')) {
		if (['INPUT', 'TEXTAREA', 'SELECT', 'CANVAS', 'svg'].includes(element.tagName)) continue;
		if (isHidden(element) || getComputedStyle(element).overflowX === 'visible') continue;
		if (element.scrollWidth <= element.clientWidth + 1 || isScrollRegion(element)) continue;
		problems.push(
			`${describe(element)} cuts off or scrolls its content: ${element.scrollWidth} px in ${element.clientWidth} px`
		);
	}

	// Boxes that stick out of their container or the window.
	const boxes = 'table, [role=region], ul, ol, dl, fieldset, select, input, textarea, button';
	for (const element of document.body.querySelectorAll(boxes)) {
		if (isHidden(element) || insideScrollRegion(element)) continue;
		const box = element.getBoundingClientRect();
		const parent = element.parentElement!.getBoundingClientRect();
		if (box.right > root.clientWidth + 1 || box.left < -1)
			problems.push(`${describe(element)} reaches out of the window (${box.left}–${box.right} px)`);
		else if (box.right > parent.right + 1)
			problems.push(
				`${describe(element)} sticks out of its container by ${Math.round(box.right - parent.right)} px`
			);
		// A text field's own text scrolls inside it by design.
		if (['INPUT', 'TEXTAREA'].includes(element.tagName)) continue;
		if (element.scrollWidth > element.clientWidth + 1 && !isScrollRegion(element))
			problems.push(
				`${describe(element)} is wider inside than out: ${element.scrollWidth} px in ${element.clientWidth} px`
			);
	}
	return problems;
}

/**
 * Entries of the dashboard's survey filter that are not shown whole: each must lie inside the box,
 * or, when the box scrolls, lie wholly outside its view until scrolled to — never cut in half.
 */
async function hiddenSurveyEntries(page: Page): Promise<string[]> {
	return page.getByRole('group', { name: 'Surveys' }).evaluate((group) => {
		const hidden: string[] = [];
		const scrolls = ['auto', 'scroll'].includes(getComputedStyle(group).overflowY);
		const within = (entry: Element) => {
			const box = group.getBoundingClientRect();
			const shown = entry.getBoundingClientRect();
			return {
				whole:
					shown.top >= box.top - 1 &&
					shown.bottom <= box.bottom + 1 &&
					shown.left >= box.left - 1 &&
					shown.right <= box.right + 1,
				outside: shown.top >= box.bottom - 1 || shown.bottom <= box.top + 1
			};
		};
		const entries = [...group.querySelectorAll('label')];
		for (const entry of entries) {
			const { whole, outside } = within(entry);
			if (!whole && !(scrolls && outside)) hidden.push(`${entry.textContent!.trim()}: cut off`);
		}
		for (const entry of scrolls ? entries : []) {
			entry.scrollIntoView({ block: 'nearest', inline: 'nearest' });
			if (!within(entry).whole) hidden.push(`${entry.textContent!.trim()}: out of reach`);
		}
		return hidden;
	});
}

const PASSWORD = 'fit-owner-password';
let folder: string;
let server: Server;
let owner: { email: string; password: string };
let seeded: Seeded;

/** Runs a seed script of this folder on the database file; what it prints, read as JSON. */
function seed<T>(script: string, ...args: string[]): T {
	const tsxArguments = [
		'--import',
		'./scripts/svelte-register.mjs',
		`tests/e2e/${script}`,
		...args
	];
	const output = execFileSync(`${root}node_modules/.bin/tsx`, tsxArguments, {
		cwd: root,
		encoding: 'utf8'
	});
	return JSON.parse(output) as T;
}

test.beforeAll(async () => {
	test.setTimeout(60_000);
	folder = `${root}test-results/e2e/fit-${Date.now()}`;
	mkdirSync(folder, { recursive: true });
	const database = `${folder}/app.db`;
	const { email } = seed<{ email: string }>('demo-seed.ts', database, PASSWORD);
	owner = { email, password: PASSWORD };
	seeded = seed<Seeded>('fit-seed.ts', database, email);
	server = await startServer(database);
});

test.afterAll(async () => {
	if (server) await stopServer(server);
	rmSync(folder, { recursive: true, force: true });
});

/** What the pages the owner complained about must show, so that they are measured at their widest. */
const widestContent: Record<string, (page: Page, width: number) => Promise<void>> = {
	'/dashboard': async (page, width) => {
		const surveys = page.getByRole('group', { name: 'Surveys' });
		expect(await surveys.getByRole('checkbox').count()).toBeGreaterThanOrEqual(5);
		expect.soft(await hiddenSurveyEntries(page), `survey filter at ${width} px`).toEqual([]);
		await expect(
			page.getByRole('region', { name: 'Factors' }).getByRole('row', { name: /Punctual/ })
		).toContainText(/\d+ positive, \d+ negative/);
	},
	'/clients': async (page) => {
		await expect(page.getByRole('columnheader', { name: 'Annual value' })).toBeVisible();
		await expect(page.getByRole('cell', { name: /^\d{1,3}(,\d{3})+$/ }).first()).toBeVisible();
	}
};

for (const { width, height, scrollRegions } of widths)
	test(`every staff page fits ${width} px wide${scrollRegions ? ', wide tables in their own scroll region' : ''}`, async ({
		browser
	}, testInfo) => {
		// About forty pages, each measured once the network is idle: a minute or two on a busy machine.
		test.setTimeout(180_000);
		const pages = staffPages(seeded);
		expect(pages).toEqual(expect.arrayContaining(Object.keys(widestContent)));
		const context = await browser.newContext({
			baseURL: server.origin,
			viewport: { width, height }
		});
		const page = await context.newPage();
		await signIn(page, owner);
		for (const path of pages) {
			await page.goto(path, { waitUntil: 'networkidle' });
			expect(new URL(page.url()).pathname, `${path} opens`).toBe(path);
			await widestContent[path]?.(page, width);
			// What folds away must fit too, e.g. the numbers behind each chart.
			await page.evaluate(() =>
				document.querySelectorAll('details').forEach((details) => (details.open = true))
			);
			const found = await page.evaluate(misfits, scrollRegions);
			// A page that does not fit is shown as it was; a full-page picture of each that does
			// would add a minute to the walk.
			if (found.length > 0) {
				const name = `${path.slice(1).replaceAll('/', '_')}-${width}.png`;
				await testInfo.attach(name, {
					body: await page.screenshot({ fullPage: true, path: testInfo.outputPath(name) }),
					contentType: 'image/png'
				});
			}
			expect.soft(found, `${path} at ${width} px`).toEqual([]);
		}
		await context.close();
	});

/** The four languages besides English, each with a browser locale that asks for it. */
const otherLocales = [
	{ locale: 'de', browser: 'de-DE' },
	{ locale: 'nl', browser: 'nl-NL' },
	{ locale: 'fi', browser: 'fi-FI' },
	{ locale: 'ro', browser: 'ro-RO' }
];

/**
 * Signs in through the form, whatever language it speaks, and waits for the dashboard in the
 * user's `language`: the page loads again when it differs from the sign-in page's.
 */
async function signInAnyLanguage(
	page: Page,
	user: { email: string; password: string },
	language: string
) {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.locator('input[name=email]').fill(user.email);
	await page.locator('input[name=password]').fill(user.password);
	await page.locator('main form button[type=submit]').click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(page.locator('html')).toHaveAttribute('lang', language);
	await page.waitForLoadState('networkidle');
}

/** Chooses the user's language on the account page; the page comes back in it. */
async function chooseLanguage(page: Page, locale: string) {
	await page.goto('/settings/account', { waitUntil: 'networkidle' });
	await page.locator('select[name=language]').selectOption(locale);
	await page.locator('form[action="?/setLanguage"] button[type=submit]').click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test("a user's language is their browser's until they choose another, then theirs everywhere", async ({
	browser
}) => {
	const viewer = { email: 'viewer@demo.test', password: PASSWORD };
	const dutch = await browser.newContext({ baseURL: server.origin, locale: 'nl-NL' });
	const page = await dutch.newPage();
	await signInAnyLanguage(page, viewer, 'nl');
	await expect(page.getByRole('link', { name: 'Instellingen' })).toBeVisible();
	await page.goto('/settings/account');
	await expect(page.getByLabel("Taal van pagina's en e-mails")).toHaveValue('nl');

	await chooseLanguage(page, 'fi');
	await expect(page.getByRole('status')).toHaveText('Kieli tallennettu.');
	await expect(page.getByLabel('Sivujen ja sähköpostien kieli')).toHaveValue('fi');
	await dutch.close();

	// The choice is the user's, not the browser's: an English browser gets Finnish too.
	const english = await browser.newContext({ baseURL: server.origin, locale: 'en-GB' });
	const again = await english.newPage();
	await signInAnyLanguage(again, viewer, 'fi');
	await expect(again.getByRole('link', { name: 'Asetukset' })).toBeVisible();
	await english.close();
});

for (const { locale, browser: browserLocale } of otherLocales)
	test(`every staff page speaks ${locale}, with no English sentence left`, async ({ browser }) => {
		// About forty pages: a minute or two on a busy machine.
		test.setTimeout(240_000);
		const context = await browser.newContext({ baseURL: server.origin, locale: browserLocale });
		const page = await context.newPage();
		// Through the API of the form, so the walk does not depend on the language the owner left.
		const signedIn = await page.request.post('/login', {
			form: owner,
			headers: { origin: server.origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signedIn.status()).toBe(303);
		await chooseLanguage(page, locale);
		for (const path of staffPages(seeded)) {
			// Pages are served with their text; waiting for the network to rest would double the walk.
			await page.goto(path);
			await page.evaluate(() =>
				document.querySelectorAll('details').forEach((details) => (details.open = true))
			);
			expect.soft(await englishOn(page, locale), `English on ${path} in ${locale}`).toEqual([]);
		}
		// The owner reads the other suites' pages in English again.
		await chooseLanguage(page, 'en');
		await context.close();
	});
