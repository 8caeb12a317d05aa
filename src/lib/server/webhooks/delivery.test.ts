import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { webhookDeliveries } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import {
	deliverDueWebhooks,
	MAX_RETRY_PAUSE_MS,
	requeueInterruptedDeliveries,
	retryPauseMs,
	RETRY_WINDOW_MS
} from './delivery';
import type { WebhookEvent } from '../../webhooks/events';
import { webhookFailureText } from '../../webhooks/failure-text';
import { emitWebhookEvent } from './emit';
import { signatureMatches } from './signature';
import { disableWebhook, registerWebhook, resendDelivery, rotateWebhookSecret } from './service';
import { webhookTargetRefusal, allowList, type Resolve } from './target-addresses';
import { startReceiver, type Answer } from './test-receiver';

let db: Db;
let remove: () => Promise<void>;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(async () => {
	await receiver?.close();
	receiver = undefined;
	await remove();
});

const SECOND = 1000;
const start = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const retryBaseMs = 30 * SECOND;
/** The test receiver listens on 127.0.0.1: allowed here as an owner would allow a receiver on this machine. */
const RECEIVER_ALLOWED = ['127.0.0.1'];

async function listen(answer?: Answer) {
	receiver = await startReceiver(answer);
	const { webhook, secret } = await registerWebhook(
		db,
		{},
		{ url: receiver.url, events: ['response.completed'] }
	);
	return { webhook, secret, received: receiver.received };
}
const delivery = async () => (await first(db.select().from(webhookDeliveries)))!;
/** The last failure as the delivery log shows it (in English here). */
const failureText = async () => webhookFailureText(await delivery());
/** What a delivery that went through keeps of a failure: nothing. */
const noFailure = { lastError: null, lastErrorCode: null, lastErrorParams: null };
/** Emits in a transaction of its own, as the change that emits it would. */
const emit = (event: WebhookEvent, data: object, now?: Date) =>
	inTransaction(db, async (tx) => emitWebhookEvent(tx, event, data, now));
const round = (
	now: Date,
	timeoutMs?: number,
	allowedHosts: string[] = RECEIVER_ALLOWED,
	resolve?: Resolve
) => deliverDueWebhooks(db, { now, retryBaseMs, timeoutMs, allowedHosts, resolve });
const resolvesTo =
	(address: string): Resolve =>
	async () => [{ address, family: address.includes(':') ? 6 : 4 }];

describe('delivering a webhook', () => {
	it('POSTs the JSON body signed with HMAC-SHA256 of its exact bytes, with the event and its id in headers', async () => {
		const { secret, received } = await listen();
		const eventId = await emit(
			'response.completed',
			{ responseId: 7, comment: 'Zürich → Łódź ✈' },
			start
		);

		expect(await round(start)).toBe(1);
		expect(received).toHaveLength(1);
		const [request] = received;
		expect(request!.method).toBe('POST');
		expect(request!.headers).toMatchObject({
			'content-type': 'application/json',
			'user-agent': 'Satisfy-Webhooks/1',
			'x-satisfy-event': 'response.completed',
			'x-satisfy-delivery': eventId,
			'x-satisfy-timestamp': String(start.getTime() / SECOND)
		});
		// What the README tells receivers to do, byte for byte.
		const expected = createHmac('sha256', secret).update(request!.body).digest('hex');
		expect(request!.headers['x-satisfy-signature']).toBe(`sha256=${expected}`);
		expect(
			signatureMatches(secret, request!.body, request!.headers['x-satisfy-signature'] as string)
		).toBe(true);
		expect(
			signatureMatches(
				'another secret',
				request!.body,
				request!.headers['x-satisfy-signature'] as string
			)
		).toBe(false);
		expect(JSON.parse(request!.body.toString('utf8'))).toEqual({
			id: eventId,
			event: 'response.completed',
			createdAt: start.toISOString(),
			data: { responseId: 7, comment: 'Zürich → Łódź ✈' }
		});
		expect(await delivery()).toMatchObject({
			status: 'delivered',
			attempts: 1,
			lastStatusCode: 200,
			...noFailure,
			deliveredAt: start
		});
	});

	it('retries a 500 answer after the pause and then delivers it once', async () => {
		const { received } = await listen((index) => (index === 0 ? 500 : 204));
		await emit('response.completed', { responseId: 1 }, start);

		await round(start);
		expect(await delivery()).toMatchObject({
			status: 'queued',
			attempts: 1,
			lastStatusCode: 500,
			lastError: null,
			lastErrorCode: 'answered',
			lastErrorParams: { status: 500, excerpt: 'status 500 from the test receiver' },
			nextAttemptAt: at(30 * SECOND)
		});
		expect(await failureText()).toBe(
			'The receiver answered 500. status 500 from the test receiver'
		);
		expect(await round(at(29 * SECOND))).toBe(0);
		await round(at(30 * SECOND));
		expect(await delivery()).toMatchObject({
			status: 'delivered',
			attempts: 2,
			lastStatusCode: 204,
			...noFailure
		});
		await round(at(3600 * SECOND));

		expect(received).toHaveLength(2);
		expect(new Set(received.map((r) => r.headers['x-satisfy-delivery'])).size).toBe(1);
		expect(new Set(received.map((r) => r.body.toString())).size).toBe(1);
	});

	it('gives up on a receiver that does not answer in time, and retries it', async () => {
		const { received } = await listen((index) => (index === 0 ? 'hang' : 200));
		await emit('response.completed', { responseId: 1 }, start);

		const began = Date.now();
		await round(start, 300);
		expect(Date.now() - began).toBeLessThan(5 * SECOND);
		expect(await delivery()).toMatchObject({
			status: 'queued',
			attempts: 1,
			lastStatusCode: null,
			lastError: null,
			lastErrorCode: 'timedOut',
			lastErrorParams: { seconds: 0.3 }
		});
		expect(await failureText()).toBe('No answer within 0.3 s.');
		await round(at(30 * SECOND), 300);
		expect(await delivery()).toMatchObject({
			status: 'delivered',
			attempts: 2,
			lastStatusCode: 200
		});
		expect(received).toHaveLength(2);
	});

	it('retries when the receiver cannot be reached', async () => {
		const { received } = await listen();
		await receiver!.close();
		receiver = undefined;
		await emit('response.completed', { responseId: 1 }, start);
		await round(start);
		expect(await delivery()).toMatchObject({
			status: 'queued',
			attempts: 1,
			lastStatusCode: null,
			lastError: null,
			lastErrorCode: 'notConnected',
			lastErrorParams: { reason: 'ECONNREFUSED' }
		});
		expect(await failureText()).toBe('Could not connect (ECONNREFUSED).');
		expect(received).toHaveLength(0);
	});

	it('does not follow redirects', async () => {
		await listen(() => 302);
		await emit('response.completed', { responseId: 1 }, start);
		await round(start);
		expect(await delivery()).toMatchObject({
			status: 'queued',
			lastStatusCode: 302,
			lastErrorCode: 'answered',
			lastErrorParams: { status: 302, excerpt: 'status 302 from the test receiver' }
		});
		expect(await failureText()).toBe(
			'The receiver answered 302. Redirects are not followed: register the final address. status 302 from the test receiver'
		);
	});

	it('records the next failure of a delivery from before the failure codes as a code', async () => {
		await listen(() => 503);
		await emit('response.completed', { responseId: 1 }, start);
		await inTransaction(db, async (tx) => {
			await tx.update(webhookDeliveries).set({ lastError: 'Could not connect (ECONNRESET).' });
		});
		await round(start);
		expect(await delivery()).toMatchObject({ lastError: null, lastErrorCode: 'answered' });
		expect(await failureText()).toBe(
			'The receiver answered 503. status 503 from the test receiver'
		);
	});

	it('waits 30 s, 1, 2, 4 … minutes between attempts, at most an hour', () => {
		expect([1, 2, 3, 4, 5, 8, 9, 20].map((n) => retryPauseMs(n, retryBaseMs) / SECOND)).toEqual([
			30, 60, 120, 240, 480, 3600, 3600, 3600
		]);
		expect(retryPauseMs(1, SECOND)).toBe(SECOND);
		expect(MAX_RETRY_PAUSE_MS).toBe(3600 * SECOND);
	});

	it('marks a delivery failed with the last answer once retries would go past 24 hours', async () => {
		const { received } = await listen(() => 503);
		await emit('response.completed', { responseId: 1 }, start);

		const attemptTimes: number[] = [];
		while ((await delivery()).status === 'queued') {
			const now = (await delivery()).nextAttemptAt;
			attemptTimes.push(now.getTime() - start.getTime());
			await round(now);
		}
		const last = attemptTimes.at(-1)!;
		expect(await delivery()).toMatchObject({
			status: 'failed',
			lastStatusCode: 503,
			lastErrorCode: 'answered',
			lastErrorParams: { status: 503, excerpt: 'status 503 from the test receiver' },
			attempts: attemptTimes.length
		});
		expect(await failureText()).toBe(
			'The receiver answered 503. status 503 from the test receiver'
		);
		expect(received).toHaveLength(attemptTimes.length);
		expect(last).toBeLessThanOrEqual(RETRY_WINDOW_MS);
		expect(last + MAX_RETRY_PAUSE_MS).toBeGreaterThan(RETRY_WINDOW_MS);
		expect(attemptTimes.slice(0, 4)).toEqual([0, 30, 90, 210].map((s) => s * SECOND));

		// Nothing is tried again on its own.
		await round(at(RETRY_WINDOW_MS * 2));
		expect(received).toHaveLength(attemptTimes.length);
	});

	it('a resend reaches the receiver with the same event id and body', async () => {
		const { webhook, received } = await listen();
		await emit('response.completed', { responseId: 1 }, start);
		await round(start);
		const resent = await resendDelivery(
			db,
			{},
			{ webhookId: webhook.id, deliveryId: (await delivery()).id },
			at(60 * SECOND)
		);
		expect(resent.ok).toBe(true);
		await round(at(60 * SECOND));
		expect(received).toHaveLength(2);
		expect(received[1]!.headers['x-satisfy-delivery']).toBe(
			received[0]!.headers['x-satisfy-delivery']
		);
		expect(received[1]!.body.equals(received[0]!.body)).toBe(true);
	});

	it('signs retries with the secret as it is when they are sent', async () => {
		const { webhook, received } = await listen((index) => (index === 0 ? 500 : 200));
		await emit('response.completed', { responseId: 1 }, start);
		await round(start);
		const rotated = (await rotateWebhookSecret(db, {}, webhook.id))!;
		await round(at(30 * SECOND));
		expect(
			signatureMatches(
				rotated,
				received[1]!.body,
				received[1]!.headers['x-satisfy-signature'] as string
			)
		).toBe(true);
	});

	it('sends nothing to a disabled webhook', async () => {
		const { webhook, received } = await listen();
		await emit('response.completed', { responseId: 1 }, start);
		await disableWebhook(db, {}, webhook.id);
		expect(await round(start)).toBe(0);
		expect(received).toHaveLength(0);
	});

	it('sends again what a crash interrupted; receivers dedupe on the event id', async () => {
		const { received } = await listen();
		const eventId = await emit('response.completed', { responseId: 1 }, start);
		await inTransaction(db, async (tx) => {
			await tx.update(webhookDeliveries).set({ status: 'delivering' });
		});
		expect(await round(start)).toBe(0);

		expect(await requeueInterruptedDeliveries(db, start)).toBe(1);
		await round(start);
		expect(await delivery()).toMatchObject({ status: 'delivered', attempts: 1 });
		expect(received[0]!.headers['x-satisfy-delivery']).toBe(eventId);
	});

	it('claims each delivery once when two rounds overlap', async () => {
		const { received } = await listen();
		for (let i = 0; i < 10; i++) await emit('response.completed', { responseId: i }, start);
		const counts = await Promise.all([round(start), round(start)]);
		expect(counts[0]! + counts[1]!).toBe(10);
		expect(received).toHaveLength(10);
		expect(
			await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'delivered'))
		).toHaveLength(10);
	});
});

describe('webhooks cannot reach this server or its network (SSRF)', () => {
	async function registered(url: (port: string) => string) {
		receiver = await startReceiver();
		const port = new URL(receiver.url).port;
		await registerWebhook(db, {}, { url: url(port), events: ['response.completed'] });
		await emit('response.completed', { responseId: 1 }, start);
		return receiver.received;
	}

	it.each([
		['http://127.0.0.1:PORT/hooks', '127.0.0.1 is a loopback address', '127.0.0.1'],
		['http://[::1]:PORT/hooks', '::1 is a loopback address', '::1'],
		['http://0.0.0.0:PORT/hooks', '0.0.0.0 is an unspecified address', '0.0.0.0'],
		['http://2130706433:PORT/hooks', '127.0.0.1 is a loopback address', '127.0.0.1'],
		[
			'http://169.254.169.254:PORT/latest/meta-data/',
			'169.254.169.254 is a link-local address',
			'169.254.169.254'
		],
		['http://10.0.0.1:PORT/hooks', '10.0.0.1 is a private address', '10.0.0.1'],
		['http://[fd00::1]:PORT/hooks', 'fd00::1 is a unique-local address', 'fd00::1'],
		['http://[::ffff:127.0.0.1]:PORT/hooks', '::ffff:7f00:1 is a loopback address', '::ffff:7f00:1']
	])('refuses to send to %s, and the log says why and how to allow it', async (url, why, allow) => {
		const received = await registered((port) => url.replace('PORT', port));
		await round(start, SECOND, []);
		expect(received).toHaveLength(0);
		expect(await delivery()).toMatchObject({
			status: 'queued',
			attempts: 1,
			lastStatusCode: null,
			lastError: null,
			lastErrorCode: 'refused',
			lastErrorParams: { host: allow, address: allow, namedAddress: true }
		});
		expect(await failureText()).toContain(`Not sent: ${why}`);
		expect(await failureText()).toContain(`add ${allow} to the WEBHOOK_ALLOWED_HOSTS setting`);
	});

	it('refuses a host name that resolves to a loopback address when it is sent', async () => {
		const received = await registered((port) => `http://localhost:${port}/hooks`);
		await round(start, SECOND, ['127.0.0.2']);
		expect(received).toHaveLength(0);
		expect(await delivery()).toMatchObject({
			lastErrorCode: 'refused',
			lastErrorParams: {
				host: 'localhost',
				address: '127.0.0.1',
				namedAddress: false,
				kind: 'loopback',
				range: '127.0.0.0/8'
			}
		});
		expect(await failureText()).toContain(
			'Not sent: localhost resolves to 127.0.0.1, a loopback address'
		);
	});

	it('checks the address it connects to, not the one the name had when it was saved (DNS rebinding)', async () => {
		const url = 'http://hooks.rebinding.test:1/hooks';
		expect(await webhookTargetRefusal(url, allowList([]), resolvesTo('93.184.215.14'))).toBeNull();
		const received = await registered((port) => url.replace(':1/', `:${port}/`));
		await round(start, SECOND, [], resolvesTo('127.0.0.1'));
		expect(received).toHaveLength(0);
		expect(await delivery()).toMatchObject({
			lastErrorCode: 'refused',
			lastErrorParams: { host: 'hooks.rebinding.test', address: '127.0.0.1', kind: 'loopback' }
		});
		expect(await failureText()).toContain(
			'Not sent: hooks.rebinding.test resolves to 127.0.0.1, a loopback address'
		);
	});

	it('connects to the very address it checked, keeping the host name in the Host header', async () => {
		// receiver.test resolves nowhere on this machine: only the checked address can be reached.
		const received = await registered((port) => `http://receiver.test:${port}/hooks`);
		await round(start, SECOND, RECEIVER_ALLOWED, resolvesTo('127.0.0.1'));
		expect(await delivery()).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
		expect(received).toHaveLength(1);
		expect(received[0]!.headers.host).toBe(`receiver.test:${new URL(receiver!.url).port}`);
	});

	it('delivers to a receiver on this machine once its address or host name is allow-listed', async () => {
		const received = await registered((port) => `http://localhost:${port}/hooks`);
		await round(start, SECOND, ['localhost']);
		expect(await delivery()).toMatchObject({
			status: 'delivered',
			attempts: 1,
			lastStatusCode: 200,
			...noFailure
		});
		expect(received).toHaveLength(1);
	});

	it('does not follow a redirect to an internal address', async () => {
		receiver = await startReceiver((index) =>
			index === 0 ? { status: 307, location: `${receiver!.url.replace('/hooks', '/admin')}` } : 200
		);
		await registerWebhook(db, {}, { url: receiver.url, events: ['response.completed'] });
		await emit('response.completed', { responseId: 1 }, start);
		await round(start);
		expect(receiver.received.map((request) => request.path)).toEqual(['/hooks']);
		expect(await delivery()).toMatchObject({
			status: 'queued',
			lastStatusCode: 307,
			lastErrorCode: 'answered',
			lastErrorParams: { status: 307 }
		});
		expect(await failureText()).toContain(
			'The receiver answered 307. Redirects are not followed: register the final address.'
		);
	});
});

describe('what the delivery log keeps of an answer', () => {
	it('keeps at most 200 characters of the body, on one line, without control or formatting characters', async () => {
		const body = `<script>alert("internal")</script>\n\u0000\u001b[31mred\u202egnirts\u200b ${'secret '.repeat(100_000)}`;
		const { received } = await listen(() => ({ status: 500, body }));
		await emit('response.completed', { responseId: 1 }, start);
		await round(start);
		expect(received).toHaveLength(1);
		const stored = await delivery();
		expect(stored).toMatchObject({ lastErrorCode: 'answered', lastErrorParams: { status: 500 } });
		const { excerpt } = stored.lastErrorParams as { excerpt: string };
		expect(webhookFailureText(stored)).toBe(`The receiver answered 500. ${excerpt}`);
		expect(
			excerpt.startsWith('<script>alert("internal")</script> [31mredgnirts secret secret')
		).toBe(true);
		expect(Array.from(excerpt).length).toBeLessThanOrEqual(200);
		expect(excerpt.endsWith('…')).toBe(true);
		expect(excerpt).not.toMatch(/[\p{Cc}\p{Cf}]/u);
	});
});
