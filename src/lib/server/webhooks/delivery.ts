import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db, Queryable } from '../db';
import { webhookDeliveries, webhooks } from '../db/schema';
import { webhookSignature } from './signature';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
/** Retries go on while they fall within this window after the first attempt. */
export const RETRY_WINDOW_MS = 24 * HOUR;
/** The longest pause between two attempts, once doubling has reached it. */
export const MAX_RETRY_PAUSE_MS = HOUR;
export const DEFAULT_TIMEOUT_MS = 10 * SECOND;
const DEFAULT_RETRY_BASE_MS = 30 * SECOND;
const DELIVERIES_PER_ROUND = 50;
/** Requests in flight at once, so one slow receiver does not hold up the others. */
const SENDS_AT_ONCE = 4;
/** Enough of a refusal's body to tell why, not a whole error page. */
const EXCERPT_BYTES = 300;

/** `retryBaseMs`: WEBHOOK_RETRY_BASE_SECONDS; `timeoutMs`: 10 s unless a test needs less. */
export type WebhookDeliveryOptions = { now?: Date; fetchImpl?: typeof fetch; timeoutMs?: number; retryBaseMs?: number };

/** The pause after the n-th failed attempt: base, 2 × base, 4 × base …, at most an hour. */
export function retryPauseMs(failedAttempts: number, retryBaseMs: number): number {
	return Math.min(retryBaseMs * 2 ** (failedAttempts - 1), MAX_RETRY_PAUSE_MS);
}

/**
 * Whether the attempt after `failedAttempts` failures still falls within 24 hours of the first.
 * Counted on the schedule rather than the clock, so a server that was down does not use up the window.
 */
export function retryAllowed(failedAttempts: number, retryBaseMs: number): boolean {
	let offset = 0;
	for (let n = 1; n <= failedAttempts; n++) offset += retryPauseMs(n, retryBaseMs);
	return offset <= RETRY_WINDOW_MS;
}

/**
 * After a crash, a delivery marked "delivering" may or may not have reached its receiver. It is
 * sent again: receivers dedupe on `X-Satisfy-Delivery` (the payload's `id`).
 */
export function requeueInterruptedDeliveries(db: Queryable, now = new Date()): number {
	return db
		.update(webhookDeliveries)
		.set({ status: 'queued', nextAttemptAt: now })
		.where(eq(webhookDeliveries.status, 'delivering'))
		.returning({ id: webhookDeliveries.id })
		.all().length;
}

function claim(db: Queryable, id: number): boolean {
	// Only one worker turns a queued delivery into a delivering one, however many run.
	return (
		db
			.update(webhookDeliveries)
			.set({ status: 'delivering' })
			.where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'queued')))
			.returning({ id: webhookDeliveries.id })
			.get() !== undefined
	);
}

type Outcome = { ok: boolean; statusCode: number | null; error: string | null };

async function bodyExcerpt(response: Response): Promise<string> {
	if (!response.body) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		while (size < EXCERPT_BYTES) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			size += value.length;
		}
	} finally {
		await reader.cancel().catch(() => {});
	}
	return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
}

function failureMessage(error: unknown, timeoutMs: number): string {
	if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `No answer within ${timeoutMs / SECOND} s.`;
	const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
	if (cause?.code) return `Could not connect (${cause.code}).`;
	return `Could not connect (${cause?.message ?? (error instanceof Error ? error.message : String(error))}).`;
}

type Due = { id: number; event: string; eventId: string; payload: string; url: string; secret: string };

async function post(delivery: Due, fetchImpl: typeof fetch, timeoutMs: number, now: Date): Promise<Outcome> {
	try {
		const response = await fetchImpl(delivery.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'User-Agent': 'Satisfy-Webhooks/1',
				'X-Satisfy-Event': delivery.event,
				'X-Satisfy-Delivery': delivery.eventId,
				'X-Satisfy-Timestamp': String(Math.floor(now.getTime() / SECOND)),
				'X-Satisfy-Signature': webhookSignature(delivery.secret, delivery.payload)
			},
			body: delivery.payload,
			// A redirect is not followed: it would turn the POST into a GET, or lead somewhere not registered.
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs)
		});
		if (response.status >= 200 && response.status < 300) {
			await response.body?.cancel().catch(() => {});
			return { ok: true, statusCode: response.status, error: null };
		}
		const excerpt = await bodyExcerpt(response);
		const redirect = response.status >= 300 && response.status < 400 ? ' Redirects are not followed: register the final address.' : '';
		return { ok: false, statusCode: response.status, error: `The receiver answered ${response.status}.${redirect}${excerpt ? ` ${excerpt}` : ''}` };
	} catch (error) {
		return { ok: false, statusCode: null, error: failureMessage(error, timeoutMs) };
	}
}

/**
 * Sends the deliveries that are due, a few at a time: 2xx marks them delivered; timeouts, network
 * errors and other answers are retried with doubling pauses for up to 24 hours, then marked failed
 * with the last answer. Returns how many deliveries were attempted.
 */
export async function deliverDueWebhooks(db: Db, options: WebhookDeliveryOptions = {}): Promise<number> {
	const now = options.now ?? new Date();
	const fetchImpl = options.fetchImpl ?? fetch;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
	const due = db
		.select({
			id: webhookDeliveries.id,
			webhookId: webhookDeliveries.webhookId,
			event: webhookDeliveries.event,
			eventId: webhookDeliveries.eventId,
			payload: webhookDeliveries.payload,
			attempts: webhookDeliveries.attempts,
			url: webhooks.url,
			secret: webhooks.secret
		})
		.from(webhookDeliveries)
		.innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
		.where(and(eq(webhookDeliveries.status, 'queued'), lte(webhookDeliveries.nextAttemptAt, now), isNull(webhooks.disabledAt)))
		.orderBy(asc(webhookDeliveries.nextAttemptAt))
		.limit(DELIVERIES_PER_ROUND)
		.all();

	// Claiming is synchronous, so each delivery is taken once; sending then runs a few at a time.
	const claimed = due.filter((delivery) => claim(db, delivery.id));
	const deliverOne = async (delivery: (typeof due)[number]) => {
		const outcome = await post(delivery, fetchImpl, timeoutMs, now);
		// A test's fixed clock, else when the answer came (up to the timeout after the round began).
		const answeredAt = options.now ?? new Date();
		const attempts = delivery.attempts + 1;
		const recorded = { attempts, lastStatusCode: outcome.statusCode, lastError: outcome.error };
		if (outcome.ok) {
			db.update(webhookDeliveries).set({ ...recorded, status: 'delivered', deliveredAt: answeredAt }).where(eq(webhookDeliveries.id, delivery.id)).run();
			return;
		}
		// Disabled while this attempt was under way: nothing more is sent to it.
		const active = db.select({ id: webhooks.id }).from(webhooks).where(and(eq(webhooks.id, delivery.webhookId), isNull(webhooks.disabledAt))).get();
		if (active && retryAllowed(attempts, retryBaseMs)) {
			const nextAttemptAt = new Date(answeredAt.getTime() + retryPauseMs(attempts, retryBaseMs));
			db.update(webhookDeliveries).set({ ...recorded, status: 'queued', nextAttemptAt }).where(eq(webhookDeliveries.id, delivery.id)).run();
		} else {
			db.update(webhookDeliveries).set({ ...recorded, status: 'failed' }).where(eq(webhookDeliveries.id, delivery.id)).run();
		}
	};
	const waiting = [...claimed];
	await Promise.all(
		Array.from({ length: Math.min(SENDS_AT_ONCE, waiting.length) }, async () => {
			for (let delivery = waiting.shift(); delivery; delivery = waiting.shift()) await deliverOne(delivery);
		})
	);
	return claimed.length;
}

/** Sends due webhook deliveries every `everyMs`, one round at a time, for as long as the server runs. */
export function startWebhookWorker(db: Db, options: Omit<WebhookDeliveryOptions, 'now'>, everyMs = 1000): () => void {
	let busy = false;
	const timer = setInterval(() => {
		if (busy) return;
		busy = true;
		deliverDueWebhooks(db, options)
			.catch((error: unknown) => console.error('Webhook round failed:', error))
			.finally(() => (busy = false));
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
