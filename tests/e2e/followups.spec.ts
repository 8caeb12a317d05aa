import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { randomUUID } from 'node:crypto';
import { mailServer } from './mail-server';
import {
	createApiKey,
	createStaff,
	expectAccessible,
	managerAreaLinks,
	owner,
	signIn
} from './support';

/**
 * Follow-up cases end to end, against the built app and a real mail server. The overdue digest
 * needs no clock control: the mail worker checks every round (each second here), and in this
 * fresh database nothing is overdue until a test moves a case's due date into the past.
 */
const mail = mailServer();
test.beforeAll(mail.start);
test.afterAll(mail.stop);
test.describe.configure({ mode: 'serial' });

const questions = {
	service: 'How satisfied are you with our service?',
	overall: 'Overall, how satisfied are you with us?',
	why: 'What went wrong?'
};
let headers: Record<string, string>;
let surveyId = 0;
// Made in `setUp`, not at load: the first-run suite must find an empty database.
let manager: { email: string; password: string };
const cases: { first?: number; second?: number; secondClient?: string } = {};

async function setUp(request: APIRequestContext) {
	if (headers) return;
	headers = { authorization: `Bearer ${createApiKey('manager')}` };
	manager = createStaff('manager');
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: {
				name: `Follow-up ${randomUUID()}`,
				factors: [{ key: 'service', name: 'Service', weight: 1 }]
			}
		})
	).json();
	const definition = {
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'How did we do?' },
		pages: [
			{
				id: 'p1',
				questions: [
					{ id: 'service', type: 'rating', factor: 'service', text: { en: questions.service } },
					{ id: 'overall', type: 'overall', text: { en: questions.overall } },
					{ id: 'why', type: 'text', required: false, text: { en: questions.why } }
				]
			}
		]
	};
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: 'Follow-up survey', modelId: model.id, definition }
		})
	).json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	surveyId = survey.id;
}

/** A consenting client of the test's account manager, and their personal link. */
async function clientWithLink(request: APIRequestContext, name: string) {
	await setUp(request);
	const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@e2e.test`;
	const created = await request.post('/api/v1/clients', {
		headers,
		data: { email, name, language: 'en', consent: true, accountManager: manager.email }
	});
	expect(created.status()).toBe(201);
	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId }
	});
	expect(invited.status()).toBe(201);
	return { email, link: new URL((await invited.json()).link).pathname };
}

async function answer(page: Page, link: string, scores: { service: number; overall: number }) {
	await page.goto(link, { waitUntil: 'networkidle' });
	await page
		.getByRole('group', { name: questions.service })
		.getByRole('radio', { name: String(scores.service), exact: true })
		.check();
	await page
		.getByRole('group', { name: questions.overall })
		.getByRole('radio', { name: String(scores.overall), exact: true })
		.check();
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
}

async function casesOf(request: APIRequestContext, clientEmail: string) {
	const found = await request.get(
		`/api/v1/cases?status=any&search=${encodeURIComponent(clientEmail)}`,
		{ headers }
	);
	expect(found.status()).toBe(200);
	return (await found.json()) as {
		total: number;
		items: { id: number; triggers: string[]; status: string; assignee: { email: string } | null }[];
	};
}

test('a respondent who gives a 1 opens a case for their account manager, who gets the email and finds it under My cases', async ({
	page,
	browser,
	request
}) => {
	// A respondent, a case, its email and two axe runs: more than the default 30 s on a busy machine.
	test.setTimeout(60_000);
	const { email, link } = await clientWithLink(request, 'Una');
	const respondent = await browser.newPage();
	await answer(respondent, link, { service: 4, overall: 1 });
	await respondent.close();

	const { items } = await casesOf(request, email);
	expect(items).toMatchObject([
		{ triggers: ['lowOverall'], status: 'open', assignee: { email: manager.email } }
	]);
	cases.first = items[0]!.id;

	const message = await mail.mailFor(manager.email, `Follow-up case #${cases.first}`);
	expect(message).toContain(`Subject: Follow-up case #${cases.first}: Una`);
	const caseLink = new RegExp(`http://localhost:\\d+/cases/${cases.first}\\b`).exec(message)?.[0];
	expect(caseLink).toBeDefined();

	await signIn(page, manager);
	await page.goto('/cases?view=mine', { waitUntil: 'networkidle' });
	await expect(page.getByRole('link', { name: 'My cases' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	const row = page.getByRole('row', { name: new RegExp(`Case #${cases.first} Una`) });
	await expect(row).toContainText('Low overall satisfaction');
	await expect(row).toContainText('Open');
	await expectAccessible(page);

	await page.goto(caseLink!, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { name: `Case #${cases.first}: Una` })).toBeVisible();
	await expect(page.getByRole('region', { name: 'What opened it' })).toContainText(
		`${questions.overall} (1–5): 1`
	);
	await expect(page.getByRole('link', { name: 'Una' })).toHaveAttribute('href', /\/clients\/\d+$/);
	await expectAccessible(page);
});

test('one response that meets several rules, sent twice, makes one case with every trigger', async ({
	page,
	request
}) => {
	const { email, link } = await clientWithLink(request, 'Dora');
	await page.goto(link, { waitUntil: 'networkidle' });
	await page
		.getByRole('group', { name: questions.service })
		.getByRole('radio', { name: '1', exact: true })
		.check();
	await page
		.getByRole('group', { name: questions.overall })
		.getByRole('radio', { name: '2', exact: true })
		.check();
	await page.getByLabel(questions.why).fill('The staff were rude and the delay was terrible.');
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
	// The same last page again, as a double click or a replayed form would send it.
	const replay = await page.request.post(link, {
		form: {
			page: '0',
			language: 'en',
			'q-service': '1',
			'q-overall': '2',
			'q-why': 'Rude and terrible.'
		},
		maxRedirects: 0
	});
	expect(replay.status()).toBeLessThan(500);
	await page.goto(link, { waitUntil: 'networkidle' });
	await expect(page.getByText('You have already answered this survey. Thank you!')).toBeVisible();

	const { total, items } = await casesOf(request, email);
	expect(total).toBe(1);
	expect(items[0]!.triggers).toEqual(
		expect.arrayContaining(['lowFactor', 'lowOverall', 'negativeAnswer'])
	);
	cases.second = items[0]!.id;
	cases.secondClient = email;
	await expect
		.poll(() => mail.mailsTo(manager.email, `Follow-up case #${cases.second}`).length)
		.toBe(1);
});

test('resolving needs a note, also without JavaScript; a viewer reads the case but cannot act', async ({
	browser,
	request,
	consoleErrors
}) => {
	consoleErrors.expectRefusal(`/cases/${cases.second}?/status`, 400);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, manager);
	await page.goto(`/cases/${cases.second}`, { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Resolve' }).click();
	await expect(
		page.getByText(
			'Write a resolution note: what was done for the client, so the next person knows.'
		)
	).toBeVisible();
	await expect(page.getByLabel('Resolution note')).toHaveAttribute('aria-invalid', 'true');
	expect((await casesOf(request, cases.secondClient!)).items[0]?.status).toBe('open');

	await page.getByLabel('Resolution note').fill('Called Dora, apologised, refunded the delay.');
	await page.getByRole('button', { name: 'Resolve' }).click();
	await expect(page.getByRole('status')).toHaveText('The case is now resolved.');
	await expect(page.getByRole('region', { name: 'History' })).toContainText(
		'Open → Resolved: Called Dora, apologised, refunded the delay.'
	);
	await context.close();

	const viewerContext = await browser.newContext();
	const viewer = await viewerContext.newPage();
	await signIn(viewer, createStaff('viewer'));
	await viewer.goto(`/cases/${cases.second}`, { waitUntil: 'networkidle' });
	await expect(viewer.getByRole('region', { name: 'History' })).toContainText('Called Dora');
	await expect(viewer.getByRole('button', { name: 'Reopen' })).toHaveCount(0);
	await expectAccessible(viewer);
	await viewerContext.close();
});

test('a viewer sees a case’s client by name only, without their email, until the owner grants contact data', async ({
	browser,
	page
}) => {
	// Two browsers and a dozen page loads: 25 s of the usual 30 when the machine is busy.
	test.slow();
	const viewerUser = createStaff('viewer');
	const viewerContext = await browser.newContext();
	const viewer = await viewerContext.newPage();
	await signIn(viewer, viewerUser);
	const email = cases.secondClient!;
	const searched = `/cases?view=all&status=any&search=${encodeURIComponent(email)}`;

	await viewer.goto(`/cases/${cases.second}`, { waitUntil: 'networkidle' });
	const details = viewer.getByRole('region', { name: 'Details' });
	await expect(details).toContainText('Dora');
	await expect(details).not.toContainText(email);
	await expect(details.getByRole('link', { name: 'Dora' })).toHaveCount(0);
	for (const path of [
		`/cases/${cases.second}/__data.json`,
		'/cases/__data.json?view=all&status=any'
	]) {
		expect(await (await viewer.request.get(path)).text(), path).not.toContain(email);
	}
	await viewer.goto(searched, { waitUntil: 'networkidle' });
	await expect(viewer.getByText('0 cases.')).toBeVisible();
	await viewer.goto(`/cases/${cases.second}`, { waitUntil: 'networkidle' });
	await viewer.getByRole('link', { name: 'The whole response' }).click();
	await expect(viewer.getByRole('heading', { name: /^Response #/ })).toBeVisible();
	await expect(managerAreaLinks(viewer)).toHaveCount(0);
	await expect(viewer.getByRole('main')).toContainText('Dora');

	await signIn(page, owner);
	await page.goto('/settings/users', { waitUntil: 'networkidle' });
	const row = page.getByRole('row', { name: new RegExp(viewerUser.email) });
	await expect(row).toContainText('hidden');
	await row.getByRole('button', { name: /Grant/ }).click();
	await expect(page.getByRole('status')).toContainText('now sees client emails and phones');
	await expect(row).toContainText('shown');
	await expectAccessible(page);

	await viewer.goto(`/cases/${cases.second}`, { waitUntil: 'networkidle' });
	await expect(details).toContainText(email);
	await viewer.goto(searched, { waitUntil: 'networkidle' });
	await expect(viewer.getByText('1 case.')).toBeVisible();

	await row.getByRole('button', { name: /Withdraw/ }).click();
	await expect(page.getByRole('status')).toContainText('no longer sees client emails and phones');
	await viewer.goto(`/cases/${cases.second}`, { waitUntil: 'networkidle' });
	await expect(details).not.toContainText(email);
	await viewerContext.close();
});

test('the API lists and updates cases, and refuses to close one without a note', async ({
	request
}) => {
	const closing = await request.patch(`/api/v1/cases/${cases.first}`, {
		headers,
		data: { status: 'wont_fix' }
	});
	expect(closing.status()).toBe(400);
	expect((await closing.json()).error.message).toBe(
		'Write why the case will not be fixed, so the next person knows.'
	);
	const commented = await request.patch(`/api/v1/cases/${cases.first}`, {
		headers,
		data: { comment: 'Tried to call, no answer.', status: 'in_progress' }
	});
	expect(commented.status()).toBe(200);
	expect(await commented.json()).toMatchObject({
		id: cases.first,
		status: 'in_progress',
		history: expect.arrayContaining([
			expect.objectContaining({
				kind: 'comment',
				detail: expect.stringContaining('Tried to call, no answer.')
			})
		])
	});
	const mine = await request.get(
		`/api/v1/cases?assignee=${encodeURIComponent(manager.email)}&limit=1`,
		{ headers }
	);
	expect(mine.status()).toBe(200);
	expect((await mine.json()).items).toHaveLength(1);
});

test('owners get one digest of overdue cases a day', async ({ page, request }) => {
	const yesterday = new Date(Date.now() - 24 * 3_600_000).toISOString();
	expect(
		(
			await request.patch(`/api/v1/cases/${cases.first}`, { headers, data: { dueAt: yesterday } })
		).status()
	).toBe(200);

	const digest = await mail.mailFor(owner.email, 'overdue follow-up case');
	expect(digest).toContain('Subject: Satisfy: 1 overdue follow-up case');
	expect(digest).toMatch(
		new RegExp(`#${cases.first} Una .*http://localhost:\\d+/cases/${cases.first}`)
	);

	// A second case falls overdue the same day: no second digest.
	expect(
		(
			await request.patch(`/api/v1/cases/${cases.second}`, {
				headers,
				data: { status: 'open', dueAt: yesterday }
			})
		).status()
	).toBe(200);
	await page.waitForTimeout(3_000);
	expect(mail.mailsTo(owner.email, 'overdue follow-up case')).toHaveLength(1);

	await signIn(page, owner);
	await page.goto('/cases?view=overdue', { waitUntil: 'networkidle' });
	await expect(
		page.getByRole('row', { name: new RegExp(`Case #${cases.first} Una`) })
	).toContainText('overdue');
	await expect(
		page.getByRole('row', { name: new RegExp(`Case #${cases.second} Dora`) })
	).toContainText('overdue');
	await expectAccessible(page);
	await page.goto('/cases?view=all&status=any', { waitUntil: 'networkidle' });
	await expectAccessible(page);
});

test('the owner sets the rules under Settings → Follow-ups', async ({ page }) => {
	await signIn(page, owner);
	await page.goto('/settings/followups', { waitUntil: 'networkidle' });
	await expect(
		page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Follow-ups' })
	).toHaveAttribute('aria-current', 'page');
	await expect(page.getByLabel('Threshold for “Low overall satisfaction”')).toHaveValue('2');
	await expect(page.getByLabel('Due within (business days)')).toHaveValue('2');
	await expectAccessible(page);
	await page.getByLabel('Threshold for “NPS detractor”').selectOption('6');
	await page.getByRole('button', { name: 'Save follow-up settings' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Saved. New responses and reviews follow these rules from now on.'
	);
});
