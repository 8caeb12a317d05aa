import { type APIRequestContext, type Browser } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { mailServer } from './mail-server';
import { createApiKey, sharedServer, speedSurveyDefinition } from './support';

/** A real mail server on the port the app sends to: the invitation and the confirmation arrive there. */
const { start, stop, mailFor, mailsTo } = mailServer();
test.beforeAll(start);
test.afterAll(stop);

/** The company's name as its branding says (another suite may have set one), else Satisfy's. */
function companyName(): string {
	const db = new Database(sharedServer().database, { readonly: true });
	try {
		const row = db.prepare('select name from branding where id = 1').get() as
			{ name: string } | undefined;
		return row?.name ?? 'Satisfy';
	} finally {
		db.close();
	}
}

/** Text as a pattern matching itself: an owner may call the company "Acme (EU)". */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A consenting client, emailed an invitation: their address, the email's List-Unsubscribe
 * address, and the API key's headers to look them up with.
 */
async function emailedClient(request: APIRequestContext) {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const tag = randomUUID().slice(0, 8);
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: { name: `Leaving ${tag}`, factors: [{ key: 'speed', name: 'Speed', weight: 1 }] }
		})
	).json();
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: `Leaving ${tag}`, modelId: model.id, definition: speedSurveyDefinition }
		})
	).json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	const email = `leaving-${tag}@e2e.test`;
	await request.post('/api/v1/clients', {
		headers,
		data: { email, name: `Lena ${tag}`, language: 'en', consent: true }
	});
	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId: survey.id, delivery: 'email' }
	});
	expect(invited.status()).toBe(201);
	const invitation = await mailFor(email);
	const unsubscribe = /List-Unsubscribe: <([^>]+)>/.exec(invitation)![1]!;
	expect(invitation).toContain(unsubscribe);
	return { email, unsubscribe, headers };
}

async function unsubscribedAt(
	request: APIRequestContext,
	headers: Record<string, string>,
	email: string
) {
	const found = await request.get(`/api/v1/clients?search=${encodeURIComponent(email)}`, {
		headers
	});
	return (await found.json()).items[0].unsubscribedAt as string | null;
}

/**
 * The page as a 320 px phone shows it: no sideways scrolling, WCAG 2.2 AA by axe (which needs
 * JavaScript to run, so in a context of its own: the page ships none of its own anyway).
 */
async function fitsAPhone(browser: Browser, url: string) {
	const phone = await browser.newContext({ viewport: { width: 320, height: 780 } });
	const page = await phone.newPage();
	await page.goto(url);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'horizontal scrolling').toBe(0);
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
	await phone.close();
}

test('the invitation’s unsubscribe page names the company and what stops, works without JavaScript, undoes, and confirms by email only when asked (#20)', async ({
	browser,
	request
}) => {
	const { email, unsubscribe, headers } = await emailedClient(request);
	const company = companyName();
	const masked = 'l•••@e•••.test';
	const noScript = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 320, height: 780 }
	});
	const page = await noScript.newPage();
	await page.goto(unsubscribe);
	const main = page.getByRole('main');
	await expect(page.getByRole('heading', { name: 'Unsubscribe' })).toBeVisible();
	await expect(main).toContainText(
		`${company} invited you to the survey “How did we do?” and sends its survey invitations to ${masked}.`
	);
	await expect(main).toContainText(
		`If you unsubscribe, ${company} will send you no more survey invitations, and no reminders of the ones you have already received.`
	);
	await expect(main).toContainText(
		`Nothing else changes: the answers you have already given stay with ${company}, and this survey service sends you no other emails.`
	);
	// Whoever a forwarded link reaches does not learn the address.
	await expect(main).not.toContainText(email);
	const confirm = page.getByLabel('Send me a confirmation by email');
	await expect(confirm).not.toBeChecked();
	const box = (await confirm.boundingBox())!;
	expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
	await fitsAPhone(browser, unsubscribe);

	// Unsubscribing, without the confirmation.
	await page.getByRole('button', { name: 'Unsubscribe' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'You are unsubscribed: we will not send you surveys any more.'
	);
	await expect(main).toContainText(
		new RegExp(
			`Since \\d{1,2} \\w{3,4} \\d{4}, ${literally(company)} sends no survey invitations to ${masked}\\.`
		)
	);
	await expect(main).not.toContainText('We are sending a confirmation');
	expect(await unsubscribedAt(request, headers, email)).not.toBeNull();
	await fitsAPhone(browser, unsubscribe);

	// Undo, on the spot.
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('status')).toHaveText(
		`You are subscribed again: ${company} may invite you to surveys.`
	);
	expect(await unsubscribedAt(request, headers, email)).toBeNull();

	// From the same link later, with the confirmation asked for.
	await page.goto(unsubscribe);
	await page.getByLabel('Send me a confirmation by email').check();
	await page.getByRole('button', { name: 'Unsubscribe' }).click();
	await expect(main).toContainText(`We are sending a confirmation to ${masked}.`);
	const confirmation = await mailFor(email, 'you are unsubscribed from surveys');
	expect(confirmation).toContain(`Subject: ${company}: you are unsubscribed from surveys`);
	expect(confirmation).toContain(
		`${company} will send you no more survey invitations or reminders at this address.`
	);
	expect(confirmation).toContain(
		`Changed your mind? You can subscribe again on this page:\r\n${unsubscribe}`
	);
	expect(confirmation).not.toContain('List-Unsubscribe');
	// The first unsubscription, unasked, sent none.
	expect(mailsTo(email, 'you are unsubscribed from surveys')).toHaveLength(1);

	// The email's link opens the page, unsubscribed, with the way back.
	await page.goto(
		/(http:\/\/localhost:\d+\/s\/[a-z2-7]+\/unsubscribe)\r?\n/.exec(confirmation)![1]!
	);
	await expect(page.getByRole('button', { name: 'Subscribe again' })).toBeVisible();
	await page.getByRole('button', { name: 'Subscribe again' }).click();
	await expect(page.getByRole('status')).toHaveText(
		`You are subscribed again: ${company} may invite you to surveys.`
	);
	expect(await unsubscribedAt(request, headers, email)).toBeNull();
	await noScript.close();
});

test('a mail client’s one-click unsubscribe is a plain 200, twice, and sends no confirmation; a form it cannot read is refused in words (#20)', async ({
	request
}) => {
	const { email, unsubscribe, headers } = await emailedClient(request);
	// What a mail client does for RFC 8058: a POST with this body, no page, no cookies.
	for (let time = 0; time < 2; time++) {
		const oneClick = await request.post(unsubscribe, {
			form: { 'List-Unsubscribe': 'One-Click' }
		});
		expect(oneClick.status()).toBe(200);
	}
	expect(await unsubscribedAt(request, headers, email)).not.toBeNull();

	// As a browser posts a form: asking for a page (a client asking for JSON gets SvelteKit's).
	const tampered = await request.post(unsubscribe, {
		form: { intent: 'delete-everything' },
		headers: { accept: 'text/html' }
	});
	expect(tampered.status()).toBe(400);
	expect(await tampered.text()).toContain('Please use one of the buttons on this page.');
	expect(await unsubscribedAt(request, headers, email)).not.toBeNull();
	expect(mailsTo(email)).toHaveLength(1);
});
