import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { mailServer } from './mail-server';
import {
	createApiKey,
	createStaff,
	expectAccessible,
	signIn,
	speedSurveyDefinition
} from './support';

/** A real mail server on the port the app sends to; it refuses for good the addresses in `refused`. */
const { refused, start, stop, mailFor, mailsTo } = mailServer();

test.beforeAll(start);
test.afterAll(stop);

test('a campaign’s recipients: filtered to the failed ones with the mail server’s answer, downloaded, and sent again once confirmed (#20)', async ({
	page,
	browser,
	request,
	consoleErrors
}) => {
	test.setTimeout(90_000);
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const tag = `recipients-${randomUUID().slice(0, 6)}`;
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: { name: `Model ${tag}`, factors: [{ key: 'speed', name: 'Speed', weight: 1 }] }
		})
	).json();
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: `Survey ${tag}`, modelId: model.id, definition: speedSurveyDefinition }
		})
	).json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	// One address the mail server takes, six it refuses: more than a handful to send again.
	const accepted = `ann-${tag}@e2e.test`;
	const bounced = Array.from({ length: 6 }, (_, index) => `gone${index}-${tag}@e2e.test`);
	for (const email of [accepted, ...bounced]) {
		const created = await request.post('/api/v1/clients', {
			headers,
			data: { email, name: email.split('@')[0], language: 'en', consent: true, tags: [tag] }
		});
		expect(created.status()).toBe(201);
	}
	for (const email of bounced) refused.add(email);

	const owner = createStaff('owner');
	await signIn(page, owner);
	const saved = await page.request.post('/clients?/saveSegment', {
		form: { name: `Segment ${tag}`, filter: `tag=${tag}` },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(saved.status()).toBe(200);
	await page.goto('/campaigns', { waitUntil: 'networkidle' });
	await page.getByLabel('Name', { exact: true }).fill(`Campaign ${tag}`);
	await page.getByLabel('Survey', { exact: true }).selectOption({ label: `Survey ${tag}` });
	await page.getByLabel('Audience').selectOption({ label: `Segment ${tag} — 7 reachable` });
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByRole('status')).toHaveText('The campaign is sending now.');
	await mailFor(accepted);

	await page.getByRole('link', { name: `Recipients of Campaign ${tag}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Recipients of Campaign ${tag}`);
	// The refusals come within seconds of the acceptance; the page shows them once reloaded.
	await expect(async () => {
		await page.reload();
		await expect(page.getByLabel('Status')).toContainText('Failed (6)', { timeout: 500 });
	}).toPass({ timeout: 15_000 });
	await expect(page.getByText('7 recipients.')).toBeVisible();

	await page.getByLabel('Status').selectOption({ label: 'Failed (6)' });
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/\?status=failed$/);
	await expect(page.getByText('6 recipients with the status “Failed”.')).toBeVisible();
	const rows = page.getByRole('region', { name: 'Recipients', exact: true }).getByRole('row');
	await expect(rows).toHaveCount(7);
	const goneRow = page.getByRole('row', { name: new RegExp(bounced[0]!) });
	await expect(goneRow).toContainText('Failed');
	await expect(goneRow).toContainText(/550 .*Mailbox unavailable/);
	await expect(page.getByRole('row', { name: new RegExp(accepted) })).toHaveCount(0);
	await expectAccessible(page);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download as CSV' }).click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8');
	// The byte-order mark first, so spreadsheets read UTF-8.
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const lines = csv.slice(1).trim().split('\r\n');
	expect(lines[0]).toBe(
		'invitationId,clientId,name,email,status,serverAnswer,reminders,lastRemindedAt,invitedAt,sentAt,openedAt,startedAt,completedAt'
	);
	expect(lines).toHaveLength(7);
	for (const line of lines.slice(1)) expect(line).toMatch(/,failed,"?550 .*Mailbox unavailable/);

	// Sent again without JavaScript: six emails, so the page first asks (answering 409).
	for (const email of bounced) refused.delete(email);
	const campaignPath = new URL(page.url()).pathname;
	consoleErrors.expectRefusal(`${campaignPath}?/retryFailed`, 409);
	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const ownerPage = await noScript.newPage();
	await signIn(ownerPage, owner);
	await ownerPage.goto(`${campaignPath}?status=failed`);
	await ownerPage.getByRole('button', { name: 'Send 6 failed again' }).click();
	await expect(
		ownerPage.getByText('Send 6 failed emails of Campaign ' + tag + ' again?', { exact: false })
	).toBeVisible();
	await ownerPage.getByRole('button', { name: 'Yes, send 6 again' }).click();
	await expect(ownerPage.getByRole('status')).toHaveText(
		'6 failed emails are queued again and get all their tries from now.'
	);
	await noScript.close();

	for (const email of bounced) await mailFor(email);
	await page.goto(`${campaignPath}?status=failed`);
	await expect(page.getByText('No recipient has this status.')).toBeVisible();
	await page.goto(`${campaignPath}?status=sent`);
	await expect(page.getByText('7 recipients with the status “Sent”.')).toBeVisible();
	expect(mailsTo(bounced[0]!)).toHaveLength(1);
});
