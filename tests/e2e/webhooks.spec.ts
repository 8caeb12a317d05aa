import { type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

type Received = { headers: IncomingHttpHeaders; body: Buffer; answered: number };

/** A receiving system on a free local port: it answers 500 to its first request, then 200. */
async function startReceiver() {
	const received: Received[] = [];
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const answered = received.length === 0 ? 500 : 200;
			received.push({ headers: request.headers, body: Buffer.concat(chunks), answered });
			response
				.writeHead(answered, { 'content-type': 'text/plain' })
				.end(answered === 200 ? 'ok' : 'not now');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/satisfy`;
	const close = () =>
		new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
	return { url, received, close };
}

/** An open one-page survey and a personal link to it, as another system would set them up. */
async function surveyLink(request: APIRequestContext) {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const suffix = randomUUID().slice(0, 8);
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: { name: `Hooks ${suffix}`, factors: [{ key: 'speed', name: 'Speed', weight: 1 }] }
		})
	).json();
	const definition = {
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'How did the support desk do?' },
		pages: [
			{
				id: 'page1',
				questions: [
					{ id: 'speed', type: 'rating', factor: 'speed', text: { en: 'How fast did we answer?' } },
					{ id: 'overall', type: 'overall', text: { en: 'Overall, how satisfied are you?' } }
				]
			}
		]
	};
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: `Hooks survey ${suffix}`, modelId: model.id, definition }
		})
	).json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	const email = `hooks-${suffix}@e2e.test`;
	expect(
		(
			await request.post('/api/v1/clients', {
				headers,
				data: { email, name: 'Hook Client', language: 'en', consent: true }
			})
		).status()
	).toBe(201);
	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId: survey.id }
	});
	expect(invited.status()).toBe(201);
	return { surveyId: survey.id as number, link: new URL((await invited.json()).link).pathname };
}

test('an owner registers a webhook; a completed survey reaches it signed, a 500 is retried and it is delivered once', async ({
	page,
	request
}) => {
	// A whole round trip: set-up through the CLI and API, a respondent, a retry, a resend.
	test.setTimeout(60_000);
	const receiver = await startReceiver();
	try {
		await signIn(page, createStaff('owner'));
		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		await expect(
			page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Webhooks' })
		).toBeVisible();
		await expectAccessible(page);

		// Refused: another scheme, and no event chosen.
		await page.getByLabel('Address').fill('ftp://files.example.com/drop');
		await page.getByRole('checkbox', { name: /response\.completed/ }).uncheck();
		await page.getByRole('button', { name: 'Add webhook' }).click();
		await expect(
			page.getByText('Only http:// and https:// addresses can receive webhooks, not ftp://')
		).toBeVisible();
		await expect(page.getByText('Choose at least one event')).toBeVisible();

		await page.getByLabel('Address').fill(receiver.url);
		await page.getByRole('checkbox', { name: /response\.completed/ }).check();
		await page.getByRole('button', { name: 'Add webhook' }).click();
		await expect(
			page.getByRole('heading', { name: `Webhook added for ${receiver.url}` })
		).toBeVisible();
		const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		await expect(page.getByText("crypto.createHmac('sha256', secret)")).toBeVisible();
		await expectAccessible(page);

		// Shown once: not on the next visit.
		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		await expect(page.getByRole('link', { name: receiver.url, exact: true })).toBeVisible();
		await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
		expect(await page.content()).not.toContain(secret);

		// A client answers their survey.
		const { surveyId, link } = await surveyLink(request);
		await page.goto(link, { waitUntil: 'networkidle' });
		await page
			.getByRole('group', { name: 'How fast did we answer?' })
			.getByRole('radio', { name: '2', exact: true })
			.check();
		await page
			.getByRole('group', { name: 'Overall, how satisfied are you?' })
			.getByRole('radio', { name: '3', exact: true })
			.check();
		await page.getByRole('button', { name: 'Send answers' }).click();
		await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');

		// The first attempt gets 500; the retry (a second with WEBHOOK_RETRY_BASE_SECONDS=1) gets 200.
		await expect
			.poll(() => receiver.received.length, { timeout: 15_000 })
			.toBeGreaterThanOrEqual(2);
		const [first, retry] = receiver.received;
		for (const hit of [first!, retry!]) {
			expect(hit.headers['content-type']).toBe('application/json');
			expect(hit.headers['user-agent']).toBe('Satisfy-Webhooks/1');
			expect(hit.headers['x-satisfy-event']).toBe('response.completed');
			expect(hit.headers['x-satisfy-timestamp']).toMatch(/^\d{10}$/);
			expect(hit.headers['x-satisfy-signature']).toBe(
				`sha256=${createHmac('sha256', secret).update(hit.body).digest('hex')}`
			);
		}
		expect(retry!.headers['x-satisfy-delivery']).toBe(first!.headers['x-satisfy-delivery']);
		expect(retry!.body.equals(first!.body)).toBe(true);
		const payload = JSON.parse(retry!.body.toString('utf8'));
		expect(payload).toMatchObject({
			id: first!.headers['x-satisfy-delivery'],
			event: 'response.completed',
			data: { surveyId, surveyVersion: 1, language: 'en' }
		});
		expect(payload.data.answers).toEqual([
			{ questionId: 'speed', score: 2, notApplicable: false, text: null, choices: null },
			{ questionId: 'overall', score: 3, notApplicable: false, text: null, choices: null }
		]);

		// Delivered once: no further attempt follows the 200.
		await page.waitForTimeout(2500);
		expect(receiver.received).toHaveLength(2);

		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		await expect(page.getByRole('row', { name: new RegExp(receiver.url) })).toContainText(
			'delivered'
		);
		await page.getByRole('link', { name: `Delivery log of ${receiver.url}` }).click();
		await page.waitForLoadState('networkidle');
		const row = page.getByRole('row', {
			name: new RegExp(String(first!.headers['x-satisfy-delivery']))
		});
		await expect(row).toContainText('delivered');
		await expect(row.getByRole('cell').nth(3)).toHaveText('2');
		await expect(row).toContainText('HTTP 200');
		await expectAccessible(page);

		// A resend carries the same event id.
		await row.getByRole('button', { name: /Resend/ }).click();
		await expect(page.getByRole('status')).toContainText('Queued to be sent again');
		await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(3);
		expect(receiver.received[2]!.headers['x-satisfy-delivery']).toBe(
			first!.headers['x-satisfy-delivery']
		);

		// Deleted, so later suites' responses do not go to a receiver that is gone.
		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: `Delete ${receiver.url}` }).click();
		await expect(page.getByRole('status')).toHaveText(
			'The webhook and its delivery log are deleted.'
		);
		await expect(page.getByRole('link', { name: receiver.url, exact: true })).toHaveCount(0);
	} finally {
		await receiver.close();
	}
});

test('an owner posts follow-up cases to a Slack channel: the message names the client as chosen, a 500 is retried, and no secret is shown', async ({
	page,
	request,
	baseURL
}) => {
	test.setTimeout(60_000);
	const receiver = await startReceiver();
	try {
		await signIn(page, createStaff('owner'));
		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		await page.getByRole('radio', { name: /Slack incoming webhook/ }).check();
		// A channel wants the cases, not every answer: the form ticks those instead.
		await expect(page.getByRole('checkbox', { name: /response\.completed/ })).not.toBeChecked();
		await expect(page.getByRole('checkbox', { name: /followup\.created/ })).toBeChecked();
		await expectAccessible(page);

		// Refused: an address that is no Slack webhook, and an event a channel cannot take.
		await page.getByLabel('Address').fill('https://crm.example.com/hooks/slack');
		await page.getByRole('checkbox', { name: /response\.completed/ }).check();
		await page.getByRole('button', { name: 'Add webhook' }).click();
		await expect(
			page.getByText(
				'A Slack incoming webhook address starts with https://hooks.slack.com/services/'
			)
		).toBeVisible();
		await expect(
			page.getByText('Slack and Teams receive follow-up cases and the overdue digest only')
		).toBeVisible();

		// The receiver stands in for Slack: its host is on WEBHOOK_ALLOWED_HOSTS, as an owner's relay would be.
		await page.getByRole('radio', { name: /Slack incoming webhook/ }).check();
		await page.getByLabel('Address').fill(receiver.url);
		await page.getByRole('checkbox', { name: /response\.completed/ }).uncheck();
		await page.getByRole('checkbox', { name: /followup\.created/ }).check();
		await page.getByRole('checkbox', { name: /name the client in messages/ }).check();
		await page.getByRole('button', { name: 'Add webhook' }).click();
		await expect(page.getByRole('status')).toHaveText(
			`Added ${receiver.url}: the events you chose are posted to that Slack channel. There is no secret to keep: Slack does not check signatures.`
		);
		await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
		const row = page.getByRole('row', { name: new RegExp(receiver.url) });
		await expect(row).toContainText('Slack incoming webhook');
		await expect(row).toContainText('names clients');
		await expect(row.getByRole('button', { name: /Rotate secret/ })).toHaveCount(0);

		// An unhappy answer opens a follow-up case.
		const { link } = await surveyLink(request);
		await page.goto(link, { waitUntil: 'networkidle' });
		for (const question of ['How fast did we answer?', 'Overall, how satisfied are you?'])
			await page
				.getByRole('group', { name: question })
				.getByRole('radio', { name: '1', exact: true })
				.check();
		await page.getByRole('button', { name: 'Send answers' }).click();
		await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');

		// The first post gets 500; the retry (a second later here) gets 200 with the same message.
		await expect
			.poll(() => receiver.received.length, { timeout: 15_000 })
			.toBeGreaterThanOrEqual(2);
		const [first, retry] = receiver.received;
		expect(retry!.body.equals(first!.body)).toBe(true);
		expect(retry!.headers['content-type']).toBe('application/json');
		expect(retry!.headers['x-satisfy-event']).toBe('followup.created');
		expect(retry!.headers).not.toHaveProperty('x-satisfy-signature');
		const message = JSON.parse(retry!.body.toString('utf8'));
		expect(message.text).toMatch(
			/^Follow-up case #\d+ opened: Low factor rating, Low overall satisfaction$/
		);
		const caseId = /#(\d+)/.exec(message.text)![1];
		expect(message.blocks).toContainEqual({
			type: 'section',
			fields: expect.arrayContaining([{ type: 'mrkdwn', text: '*Client*\nHook Client' }])
		});
		expect(message.blocks.at(-1)).toEqual({
			type: 'actions',
			elements: [
				{
					type: 'button',
					text: { type: 'plain_text', text: 'Open the case' },
					url: `${baseURL}/cases/${caseId}`
				}
			]
		});
		expect(retry!.body.toString('utf8')).not.toContain('@e2e.test');

		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: `Delivery log of ${receiver.url}` }).click();
		await page.waitForLoadState('networkidle');
		await expect(page.getByText('Format: Slack incoming webhook.')).toBeVisible();
		const delivery = page.getByRole('row', { name: /followup\.created/ });
		await expect(delivery).toContainText('delivered');
		await expect(delivery.getByRole('cell').nth(3)).toHaveText('2');
		await expectAccessible(page);

		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: `Delete ${receiver.url}` }).click();
		await expect(page.getByRole('link', { name: receiver.url, exact: true })).toHaveCount(0);
	} finally {
		await receiver.close();
	}
});

test('an owner cannot point a webhook at this server or its network unless it is allow-listed (here only 127.0.0.1 is)', async ({
	page
}) => {
	await signIn(page, createStaff('owner'));
	await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
	const refusals = [
		[
			'http://169.254.169.254/latest/meta-data/',
			'169.254.169.254 is a link-local address (169.254.0.0/16): webhooks may not reach this server or its private network. To allow it, add 169.254.169.254 to the WEBHOOK_ALLOWED_HOSTS setting and restart Satisfy.'
		],
		['http://[::1]:3000/hooks', '::1 is a loopback address (::1/128)'],
		['http://0.0.0.0:3000/admin', '0.0.0.0 is an unspecified address (0.0.0.0/8)'],
		['http://10.0.0.1/hooks', '10.0.0.1 is a private address (10.0.0.0/8)']
	];
	for (const [url, message] of refusals) {
		await page.getByLabel('Address').fill(url!);
		await page.getByRole('button', { name: 'Add webhook' }).click();
		await expect(page.getByText(message!)).toBeVisible();
		await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
	}
	await expectAccessible(page);
	await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
	for (const [url] of refusals)
		await expect(page.getByRole('link', { name: url!, exact: true })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the forms still register, rotate and delete', async ({ page, consoleErrors }) => {
		await signIn(page, createStaff('owner'));
		await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
		const url = `https://crm-${randomUUID().slice(0, 8)}.example.com/hooks`;
		consoleErrors.expectRefusal('/settings/webhooks?/create', 400);
		await page.getByLabel('Address').fill(`https://user:pass@${url.slice('https://'.length)}`);
		await page.getByRole('button', { name: 'Add webhook' }).click();
		await expect(
			page.getByText('Remove the user name and password from the address')
		).toBeVisible();

		await page.getByLabel('Address').fill(url);
		await page.getByRole('button', { name: 'Add webhook' }).click();
		const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
		await page.getByRole('button', { name: `Rotate secret ${url}` }).click();
		await expect(
			page.getByRole('heading', { name: `New signing secret for ${url}` })
		).toBeVisible();
		expect((await page.getByTestId('webhook-secret').textContent())!.trim()).not.toBe(secret);

		await page.getByRole('button', { name: `Disable ${url}` }).click();
		await expect(page.getByRole('row', { name: new RegExp(url) })).toContainText('disabled');
		await page.getByRole('button', { name: `Delete ${url}` }).click();
		await expect(page.getByRole('link', { name: url, exact: true })).toHaveCount(0);
	});
});

test('webhooks are for owners only', async ({ page, consoleErrors }) => {
	consoleErrors.expectRefusal('/settings/webhooks', 403);
	await signIn(page, createStaff('manager'));
	const response = await page.goto('/settings/webhooks', { waitUntil: 'networkidle' });
	expect(response?.status()).toBe(403);
	await expect(
		page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Webhooks' })
	).toHaveCount(0);
});
