import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { mailServer } from './mail-server';
import { createApiKey, createStaff, signIn } from './support';

/** A real mail server on the port the app sends to: the test emails arrive there. */
const { start, stop, mailFor, mailsTo } = mailServer();

test.beforeAll(start);
test.afterAll(stop);

/** WCAG 2.2 A and AA, the email's frame included. */
async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a manager previews the invitation email for a client in a language, and sends a test to themselves, with and without JavaScript (#20)', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(90_000);
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const tag = `preview${randomUUID().slice(0, 6)}`;
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: { name: `Model ${tag}`, factors: [{ key: 'speed', name: 'Speed', weight: 1 }] }
		})
	).json();
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: {
				name: `Survey ${tag}`,
				modelId: model.id,
				definition: {
					defaultLanguage: 'en',
					languages: ['en', 'de'],
					title: { en: 'Support check', de: 'Supportcheck' },
					email: {
						subject: {
							en: '{{survey.title}} for {{client.name}}',
							de: '{{survey.title}}: {{client.name}}'
						},
						body: {
							en: 'Hi {{client.name}},\n\nplease answer: {{link}}\nIt works until {{deadline}}.',
							de: 'Hallo {{client.name}},\n\nbitte antworten Sie: {{link}}\nEr gilt bis {{deadline}}.'
						}
					},
					pages: [
						{
							id: 'page1',
							questions: [
								{ id: 'overall', type: 'overall', text: { en: 'Overall?', de: 'Insgesamt?' } }
							]
						}
					]
				}
			}
		})
	).json();
	for (const [name, language] of [
		[`Ada ${tag}`, 'en'],
		[`Bruno ${tag}`, 'de']
	] as const) {
		const created = await request.post('/api/v1/clients', {
			headers,
			data: { email: `${name.split(' ')[0]!.toLowerCase()}-${tag}@e2e.test`, name, language }
		});
		expect(created.status()).toBe(201);
	}

	const manager = createStaff('manager');
	await signIn(page, manager);
	await page.goto(`/surveys/${survey.id}`, { waitUntil: 'networkidle' });
	await page.getByRole('link', { name: 'Preview the email and send a test to yourself' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invitation email');

	await page.getByLabel('Find a client').fill(tag);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(new RegExp(`search=${tag}`));
	const client = page.getByLabel('Client', { exact: true });
	await expect(client.getByRole('option')).toHaveText([
		`Ada ${tag} — ada-${tag}@e2e.test`,
		`Bruno ${tag} — bruno-${tag}@e2e.test`
	]);
	// The first client found, in the survey's language.
	await expect(page.getByText(`Support check for Ada ${tag}`, { exact: true })).toBeVisible();
	const text = page.locator('pre.text-part');
	await expect(text).toContainText(`Hi Ada ${tag},\n\nplease answer: `);
	await expect(text).toContainText('/s/email-preview\nIt works until ');
	const frame = page.frameLocator('iframe[title="The HTML version of the email"]');
	await expect(frame.getByText(`Hi Ada ${tag},`)).toBeVisible();
	await expect(frame.getByRole('link', { name: 'Start the survey' })).toHaveAttribute(
		'href',
		/\/s\/email-preview$/
	);

	await page.getByLabel('Language').selectOption({ label: 'German' });
	await client.selectOption({ label: `Bruno ${tag} — bruno-${tag}@e2e.test` });
	await page.getByRole('button', { name: 'Show the email' }).click();
	await expect(page.getByText(`Supportcheck: Bruno ${tag}`, { exact: true })).toBeVisible();
	await expect(text).toContainText(`Hallo Bruno ${tag},`);
	await expect(text).toContainText(/Er gilt bis \d{1,2}\. \p{L}+ \d{4}\./u);
	await expect(frame.getByText(`Hallo Bruno ${tag},`)).toBeVisible();
	// Who it is from, as the mail server is told: MAIL_FROM, no company having named a sender here.
	await expect(page.getByRole('definition')).toHaveText([
		'Satisfy <surveys@e2e.test>',
		'the sender’s address'
	]);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Send a test to me' }).click();
	await expect(page.getByRole('status')).toHaveText(
		`A test email is on its way to ${manager.email}.`
	);
	const mail = await mailFor(manager.email);
	expect(mail).toContain(`Subject: [Test] Supportcheck: Bruno ${tag}`);
	expect(mail).toMatch(/^From: Satisfy <surveys@e2e\.test>\r?$/m);
	expect(mail).toContain(`Hallo Bruno ${tag},`);
	expect(mail).toContain('/s/email-preview');
	// The clients themselves got nothing.
	expect(mailsTo(`bruno-${tag}@e2e.test`)).toEqual([]);

	// Without JavaScript: the same forms, as plain GETs and a POST.
	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noScript.newPage();
	await signIn(plain, manager);
	await plain.goto(`/surveys/${survey.id}/email?search=${tag}`);
	await plain
		.getByLabel('Client', { exact: true })
		.selectOption({ label: `Bruno ${tag} — bruno-${tag}@e2e.test` });
	await plain.getByRole('button', { name: 'Show the email' }).click();
	await expect(plain.locator('pre.text-part')).toContainText(`Hi Bruno ${tag},`);
	await plain.getByRole('button', { name: 'Send a test to me' }).click();
	await expect(plain.getByRole('status')).toHaveText(
		`A test email is on its way to ${manager.email}.`
	);
	await expect(plain.locator('pre.text-part')).toContainText(`Hi Bruno ${tag},`);
	await expect.poll(() => mailsTo(manager.email).length, { timeout: 20_000 }).toBe(2);
	expect(mailsTo(manager.email, `Subject: [Test] Support check for Bruno ${tag}`)).toHaveLength(1);
	await noScript.close();
});
