import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../audit';
import type { Db } from '../db';
import { webhookDeliveries, webhooks } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { webhookFailureText } from '../../webhooks/failure-text';
import { emitWebhookEvent } from './emit';
import { webhookInputSchema } from './schemas';
import { allowList } from './target-addresses';
import {
	deleteWebhook,
	disableWebhook,
	enableWebhook,
	listWebhooks,
	registerWebhook,
	resendDelivery,
	rotateWebhookSecret,
	webhookDeliveryLog
} from './service';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

const owner = { userId: null };
const register = (
	events: ('response.completed' | 'review.imported')[] = ['response.completed'],
	url = 'https://crm.example.com/hooks'
) => registerWebhook(db, owner, { url, events });
/** Emits in a transaction of its own, as the change that emits it would. */
const emit = (data: object, now?: Date) =>
	inTransaction(db, async (tx) => emitWebhookEvent(tx, 'response.completed', data, now));
const urlProblem = (url: string) => {
	const parsed = webhookInputSchema(allowList([])).safeParse({
		url,
		events: ['response.completed']
	});
	return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe('registering a webhook', () => {
	it('accepts only http and https addresses, saying why', async () => {
		expect(urlProblem('https://crm.example.com/hooks?team=7')).toBeNull();
		expect(urlProblem('http://localhost:8080/hooks')).toBeNull();
		expect(urlProblem('ftp://files.example.com/drop')).toBe(
			'Only http:// and https:// addresses can receive webhooks, not ftp://'
		);
		expect(urlProblem('file:///etc/passwd')).toBe(
			'Only http:// and https:// addresses can receive webhooks, not file://'
		);
		expect(urlProblem('javascript:alert(1)')).toMatch(/^Only http:\/\/ and https:\/\//);
		expect(urlProblem('crm.example.com/hooks')).toBe(
			'Enter a full address, like https://example.com/hooks/satisfy'
		);
		expect(urlProblem('https://user:pass@crm.example.com/hooks')).toBe(
			'Remove the user name and password from the address: receivers check the signature instead'
		);
		expect(urlProblem('   ')).toBe('Enter the address that should receive the events');
	});

	it('needs at least one known event, and keeps each once', async () => {
		const parse = (events: unknown) =>
			webhookInputSchema(allowList([])).safeParse({ url: 'https://crm.example.com/hooks', events });
		expect(parse([]).error?.issues[0]?.message).toBe('Choose at least one event');
		expect(parse(['response.deleted']).error?.issues[0]?.message).toBe(
			'Choose events from the list'
		);
		expect(
			parse(['review.imported', 'response.completed', 'review.imported']).data?.events
		).toEqual(['response.completed', 'review.imported']);
	});

	it('sends signed JSON unless a chat format is chosen; chat targets hear follow-up events only', async () => {
		const parse = (input: object) =>
			webhookInputSchema(allowList([])).safeParse({
				url: 'https://hooks.slack.com/services/T0/B0/x',
				...input
			});
		expect(parse({ events: ['response.completed'], nameClients: true }).data).toEqual({
			url: 'https://hooks.slack.com/services/T0/B0/x',
			format: 'satisfy',
			events: ['response.completed'],
			nameClients: false
		});
		expect(
			parse({ format: 'slack', events: ['followup.digest', 'followup.created'], nameClients: true })
				.data
		).toEqual({
			url: 'https://hooks.slack.com/services/T0/B0/x',
			format: 'slack',
			events: ['followup.created', 'followup.digest'],
			nameClients: true
		});
		expect(
			parse({
				format: 'teams',
				events: ['followup.created', 'response.completed', 'review.imported']
			}).error?.issues
		).toEqual([
			expect.objectContaining({
				path: ['url'],
				message: expect.stringMatching(/^A Teams webhook address starts with https:\/\//)
			}),
			expect.objectContaining({
				path: ['events'],
				message:
					'Slack and Teams receive follow-up cases and the overdue digest only: uncheck response.completed (a respondent completed a survey), review.imported (a review was imported)'
			})
		]);
		expect(
			parse({ format: 'discord', events: ['followup.created'] }).error?.issues[0]
		).toMatchObject({ path: ['format'], message: 'Choose a format from the list' });
	});

	it('shows a 256-bit secret once; the list never carries it', async () => {
		const { webhook, secret } = await register();
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(webhook).not.toHaveProperty('secret');
		expect(await listWebhooks(db)).toEqual([
			expect.objectContaining({
				id: webhook.id,
				url: 'https://crm.example.com/hooks',
				events: ['response.completed'],
				lastDelivery: null
			})
		]);
		expect(JSON.stringify(await listWebhooks(db))).not.toContain(secret);
		expect((await register()).secret).not.toBe(secret);
	});

	it('is audited without the address, which may hold a token', async () => {
		const { webhook } = await register(['review.imported'], 'https://hooks.example.com/T0K3N');
		const [entry] = await recentAudit(db);
		expect(entry).toMatchObject({
			action: 'webhook.create',
			subject: `webhook:${webhook.id}`,
			details: { events: ['review.imported'], format: 'satisfy', nameClients: false }
		});
		expect(JSON.stringify(entry)).not.toContain('T0K3N');
	});
});

describe('managing webhooks', () => {
	it('rotating the secret returns a new one, shown once', async () => {
		const { webhook, secret } = await register();
		const rotated = await rotateWebhookSecret(db, owner, webhook.id);
		expect(rotated).toMatch(/^[0-9a-f]{64}$/);
		expect(rotated).not.toBe(secret);
		expect((await first(db.select({ secret: webhooks.secret }).from(webhooks)))?.secret).toBe(
			rotated
		);
		expect(await rotateWebhookSecret(db, owner, 999)).toBeNull();
		expect((await recentAudit(db))[0]).toMatchObject({ action: 'webhook.rotate-secret' });
		const slack = (
			await registerWebhook(db, owner, {
				url: 'https://hooks.slack.com/services/T0/B0/x',
				format: 'slack',
				events: ['followup.created']
			})
		).webhook;
		// Slack and Teams check no signature: there is nothing to rotate.
		expect(await rotateWebhookSecret(db, owner, slack.id)).toBeNull();
	});

	it('disabling stops new events and marks waiting deliveries failed; enabling resumes', async () => {
		const { webhook } = await register();
		await emit({ responseId: 1 });
		expect(await disableWebhook(db, owner, webhook.id)).toBe(true);
		expect(await disableWebhook(db, owner, webhook.id)).toBe(false);
		const dropped = (await first(db.select().from(webhookDeliveries)))!;
		expect(dropped).toMatchObject({
			status: 'failed',
			lastError: null,
			lastErrorCode: 'disabled',
			lastErrorParams: null
		});
		expect(webhookFailureText(dropped)).toBe('Not sent: the webhook was disabled.');
		expect(await emit({ responseId: 2 })).toBeNull();
		expect(await enableWebhook(db, owner, webhook.id)).toBe(true);
		expect(await emit({ responseId: 3 })).not.toBeNull();
		expect(await db.select().from(webhookDeliveries)).toHaveLength(2);
	});

	it('deleting removes the webhook and its delivery log', async () => {
		const { webhook } = await register();
		await emit({ responseId: 1 });
		expect(await deleteWebhook(db, owner, webhook.id)).toBe(true);
		expect(await listWebhooks(db)).toEqual([]);
		expect(await db.select().from(webhookDeliveries)).toEqual([]);
		expect(await deleteWebhook(db, owner, webhook.id)).toBe(false);
	});
});

describe('the delivery log', () => {
	it('lists a webhook’s deliveries newest first, a page at a time', async () => {
		const { webhook } = await register();
		const start = Date.parse('2026-03-01T10:00:00Z');
		for (let i = 0; i < 7; i++) await emit({ responseId: i }, new Date(start + i * 1000));
		const firstPage = await webhookDeliveryLog(db, webhook.id, 1, 3);
		expect(firstPage).toMatchObject({ total: 7, page: 1, pageCount: 3 });
		expect(firstPage.deliveries.map((d) => JSON.parse(d.payload).data.responseId)).toEqual([
			6, 5, 4
		]);
		expect(
			(await webhookDeliveryLog(db, webhook.id, 3, 3)).deliveries.map(
				(d) => JSON.parse(d.payload).data.responseId
			)
		).toEqual([0]);
		expect((await webhookDeliveryLog(db, webhook.id, 99, 3)).page).toBe(3);
	});

	it('shows the failure of a delivery logged before the failure codes as it was stored', async () => {
		const { webhook } = await register();
		await emit({ responseId: 1 });
		await inTransaction(db, async (tx) => {
			await tx
				.update(webhookDeliveries)
				.set({ status: 'failed', attempts: 30, lastError: 'Could not connect (ECONNRESET).' });
		});
		const [logged] = (await webhookDeliveryLog(db, webhook.id)).deliveries;
		expect(logged).toMatchObject({ lastErrorCode: null, lastErrorParams: null });
		expect(webhookFailureText(logged!)).toBe('Could not connect (ECONNRESET).');
	});

	it('resending sends the same payload with the same event id, as a new entry', async () => {
		const { webhook } = await register();
		const eventId = (await emit({ responseId: 1 }))!;
		const original = (await first(db.select().from(webhookDeliveries)))!;
		expect(
			await resendDelivery(db, owner, { webhookId: webhook.id, deliveryId: original.id })
		).toEqual({
			ok: false,
			status: 409,
			message: 'This delivery is still being sent; it will be retried on its own.'
		});
		await inTransaction(db, async (tx) => {
			await tx
				.update(webhookDeliveries)
				.set({ status: 'failed', attempts: 30, lastStatusCode: 503 })
				.where(eq(webhookDeliveries.id, original.id));
		});

		const resent = await resendDelivery(db, owner, {
			webhookId: webhook.id,
			deliveryId: original.id
		});
		if (!resent.ok) throw new Error(resent.message);
		const copy = (await first(
			db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, resent.deliveryId))
		))!;
		expect(copy).toMatchObject({
			eventId,
			payload: original.payload,
			event: 'response.completed',
			status: 'queued',
			attempts: 0,
			lastStatusCode: null
		});
		expect((await webhookDeliveryLog(db, webhook.id)).deliveries.map((d) => d.id)).toEqual([
			copy.id,
			original.id
		]);
		expect((await listWebhooks(db))[0]?.lastDelivery).toMatchObject({
			status: 'queued',
			attempts: 0
		});
		expect((await recentAudit(db))[0]).toMatchObject({
			action: 'webhook.resend',
			subject: `webhook:${webhook.id}`,
			details: { eventId }
		});
	});

	it('resending is refused for another webhook’s delivery or a disabled webhook', async () => {
		const { webhook } = await register();
		const other = (await register(['response.completed'], 'https://other.example.com/hooks'))
			.webhook;
		await emit({ responseId: 1 });
		const mine = (await first(
			db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhook.id))
		))!;
		await inTransaction(db, async (tx) => {
			await tx.update(webhookDeliveries).set({ status: 'delivered' });
		});
		expect(
			await resendDelivery(db, owner, { webhookId: other.id, deliveryId: mine.id })
		).toMatchObject({
			ok: false,
			status: 404
		});
		await disableWebhook(db, owner, webhook.id);
		expect(await resendDelivery(db, owner, { webhookId: webhook.id, deliveryId: mine.id })).toEqual(
			{
				ok: false,
				status: 409,
				message: 'The webhook is disabled: enable it before resending.'
			}
		);
	});
});
