import { type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { randomUUID } from 'node:crypto';
import { mailServer } from './mail-server';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/** A real mail server, on the port the app was told to send to; the tests may take it down. */
const { inbox, refused, start: startMailServer, stop: stopMailServer, mailFor } = mailServer();

test.beforeAll(startMailServer);
test.afterAll(stopMailServer);

async function openSurvey(request: APIRequestContext, headers: Record<string, string>) {
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: {
				name: `Mail ${randomUUID()}`,
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
					{
						id: 'service',
						type: 'rating',
						factor: 'service',
						text: { en: 'How satisfied are you with our service?' },
						lowLabel: { en: 'Not at all' },
						highLabel: { en: 'Completely' }
					}
				]
			}
		]
	};
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: 'Mail survey', modelId: model.id, definition }
		})
	).json();
	await request.post(`/api/v1/surveys/${survey.id}/open`, { headers });
	return survey.id as number;
}

test('an emailed invitation arrives, its one-click answer opens the survey, and the answer is stored', async ({
	page,
	request
}) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const surveyId = await openSurvey(request, headers);
	const email = `mail-${randomUUID().slice(0, 8)}@e2e.test`;
	await request.post('/api/v1/clients', {
		headers,
		data: { email, name: 'Mia Mail', language: 'en', consent: true }
	});

	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId, delivery: 'email' }
	});
	expect(invited.status()).toBe(201);
	expect(await invited.json()).toMatchObject({ delivery: 'email', link: null });

	const mail = await mailFor(email);
	expect(mail).toContain('Subject: How did we do?');
	expect(mail).toContain('Dear Mia Mail,');
	expect(mail).toMatch(/List-Unsubscribe: <http:\/\/localhost:\d+\/s\/[a-z2-7]{52}\/unsubscribe>/);
	const oneClick = /(http:\/\/localhost:\d+\/s\/[a-z2-7]{52})\?q-service=4/.exec(mail);
	expect(oneClick).not.toBeNull();

	await page.goto(oneClick![0]);
	const question = page.getByRole('group', { name: 'How satisfied are you with our service?' });
	await expect(question.getByRole('radio', { name: '4', exact: true })).toBeChecked();
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
	expect(inbox.filter((entry) => entry.to === email)).toHaveLength(1);
});

test('one-click unsubscribe from the email header works, and the client is never invited again', async ({
	page,
	request
}) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const surveyId = await openSurvey(request, headers);
	const email = `leave-${randomUUID().slice(0, 8)}@e2e.test`;
	await request.post('/api/v1/clients', {
		headers,
		data: { email, name: 'Lena Leave', language: 'de', consent: true }
	});
	await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId, delivery: 'email' }
	});
	const unsubscribe = /List-Unsubscribe: <([^>]+)>/.exec(await mailFor(email))![1]!;

	await page.goto(unsubscribe);
	await expect(page.getByRole('heading', { name: 'Abmelden' })).toBeVisible();
	await expectAccessible(page);
	// What a mail client does for RFC 8058: a POST with this body, no page, no cookies.
	const oneClick = await request.post(unsubscribe, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect(oneClick.status()).toBe(200);
	await page.reload();
	await expect(page.getByRole('status')).toHaveText(
		'Sie sind abgemeldet: Wir senden Ihnen keine Umfragen mehr.'
	);

	const again = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId, delivery: 'email' }
	});
	expect(again.status()).toBe(409);
});

test('staff read every email and its fate under Settings → Outbox', async ({ page }) => {
	await signIn(page, createStaff('manager'));
	await page.goto('/settings/outbox');
	await expect(page.getByText(/Mail is sent through 127\.0\.0\.1:\d+/)).toBeVisible();
	await expect(page.getByRole('row', { name: /mail-.*@e2e\.test/ })).toContainText('sent');
	await expectAccessible(page);
});

test('a campaign to a segment emails its reachable members only, and its funnel counts the answer', async ({
	page,
	browser,
	request
}) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	await openSurvey(request, headers);
	const tag = `june-${randomUUID().slice(0, 6)}`;
	const people = ['ana', 'ben', 'out'].map((name) => ({ name, email: `${name}-${tag}@e2e.test` }));
	for (const person of people) {
		await request.post('/api/v1/clients', {
			headers,
			data: {
				email: person.email,
				name: person.name,
				language: 'en',
				consent: true,
				unsubscribed: person.name === 'out',
				tags: [tag]
			}
		});
	}
	await signIn(page, createStaff('manager'));
	await page.goto('/clients', { waitUntil: 'networkidle' });
	const saved = await page.request.post('/clients?/saveSegment', {
		form: { name: `Segment ${tag}`, filter: `tag=${tag}` },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(saved.status()).toBe(200);

	await page.goto('/campaigns', { waitUntil: 'networkidle' });
	await expectAccessible(page);
	await page.getByLabel('Name', { exact: true }).fill(`Campaign ${tag}`);
	await page.getByLabel('Survey', { exact: true }).selectOption({ label: 'Mail survey' });
	await page.getByLabel('Audience').selectOption({ label: `Segment ${tag} — 2 reachable` });
	await page.getByRole('button', { name: 'Create campaign' }).click();
	await expect(page.getByRole('status')).toHaveText('The campaign is sending now.');

	const mail = await mailFor(people[0]!.email);
	await mailFor(people[1]!.email);
	expect(inbox.some((entry) => entry.to === people[2]!.email)).toBe(false);

	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const client = await noScript.newPage();
	await client.goto(/(http:\/\/localhost:\d+\/s\/[a-z2-7]{52})\r?\n/.exec(mail)![1]!);
	await client
		.getByRole('group', { name: 'How satisfied are you with our service?' })
		.getByRole('radio', { name: '5', exact: true })
		.check();
	await client.getByRole('button', { name: 'Send answers' }).click();
	await expect(client.getByRole('status')).toHaveText('Thank you for your answers!');
	await noScript.close();

	await page.reload();
	const card = page.getByRole('region', { name: new RegExp(`Campaign ${tag}`) });
	const funnel = card.getByRole('definition');
	await expect(funnel.nth(0)).toHaveText('2');
	await expect(funnel.nth(3)).toHaveText('1');
	// Started and sent: nothing partial.
	await expect(funnel.nth(4)).toHaveText('0');
	await expect(funnel.nth(5)).toHaveText('1');
	await expect(funnel.nth(6)).toHaveText('50%');
});

test('SMTP server down: the email waits in the outbox with the error, is retried, and arrives once when the server is back', async ({
	page,
	request
}) => {
	// Retries double from one second; the worst case is still well under a minute.
	test.setTimeout(60_000);
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const surveyId = await openSurvey(request, headers);
	const email = `down-${randomUUID().slice(0, 8)}@e2e.test`;
	await request.post('/api/v1/clients', {
		headers,
		data: { email, name: 'Dana Down', language: 'en', consent: true }
	});
	await signIn(page, createStaff('manager'));

	const row = page.getByRole('row', { name: email });
	const received = () => inbox.filter((mail) => mail.to === email).length;

	await stopMailServer();
	try {
		const invited = await request.post('/api/v1/invitations', {
			headers,
			data: { client: { email }, surveyId, delivery: 'email' }
		});
		expect(invited.status()).toBe(201);
		// The worker polls every second and retries after 1, 2, 4 … seconds (see playwright.config.ts).
		await expect(async () => {
			await page.goto('/settings/outbox');
			await expect(row.getByRole('cell').nth(1)).toHaveText('waiting to retry', { timeout: 500 });
		}).toPass({ timeout: 10_000 });
		await expect(row).toContainText('ECONNREFUSED');
		await expect(row.getByRole('cell').nth(4)).toHaveText(/^next try /);
		expect(received()).toBe(0);
	} finally {
		await startMailServer();
	}

	await expect.poll(received, { timeout: 30_000 }).toBe(1);
	await page.reload();
	await expect(row.getByRole('cell').nth(1)).toHaveText('sent');
	expect(Number(await row.getByRole('cell').nth(2).textContent())).toBeGreaterThan(1);
	expect(received()).toBe(1);
});

test('an owner sends a failed email again from the outbox, without JavaScript; a manager cannot', async ({
	page,
	browser,
	request
}) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const surveyId = await openSurvey(request, headers);
	const email = `bounce-${randomUUID().slice(0, 8)}@e2e.test`;
	await request.post('/api/v1/clients', {
		headers,
		data: { email, name: 'Bo Bounce', language: 'en', consent: true }
	});
	refused.add(email);
	await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId, delivery: 'email' }
	});

	await signIn(page, createStaff('manager'));
	const row = page.getByRole('row', { name: email });
	await expect(async () => {
		await page.goto('/settings/outbox');
		await expect(row.getByRole('cell').nth(1)).toHaveText('failed', { timeout: 500 });
	}).toPass({ timeout: 10_000 });
	await expect(row.getByRole('button', { name: /Send again/ })).toHaveCount(0);

	refused.delete(email);
	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const owner = await noScript.newPage();
	await signIn(owner, createStaff('owner'));
	await owner.goto('/settings/outbox');
	await owner
		.getByRole('row', { name: email })
		.getByRole('button', { name: `Send again the email to ${email}` })
		.click();
	await expect(owner.getByRole('status')).toHaveText(
		'The email is queued again and gets all its tries from now.'
	);
	await noScript.close();

	const mail = await mailFor(email);
	const link = /(http:\/\/localhost:\d+\/s\/[a-z2-7]{52})\r?\n/.exec(mail)![1]!;
	await page.goto(link);
	await expect(
		page.getByRole('group', { name: 'How satisfied are you with our service?' })
	).toBeVisible();
});
