import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { appConfig } from '../config';
import type { Db } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { webhookDeliveries, webhooks } from '../db/schema';
import { isChatFormat, type WebhookFormat } from '../../webhooks/events';
import type { WebhookFailure } from '../../webhooks/failure-text';
import { webhookSignature } from './signature';
import {
	allowList,
	resolveWebhookTarget,
	settledBefore,
	systemResolve,
	type AllowList,
	type Resolve
} from './target-addresses';
import { handleClaimed } from '../worker/claimed-queue';
import { thisNode } from '../worker/lease';
import { abandonedBy } from '../worker/nodes';
import { repeatEvery } from '../worker/loop';

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
/**
 * Enough of a refusal's body to tell why, not a whole error page, nor what an internal service
 * would reveal. Read in bytes (a character takes up to 4), kept in characters.
 */
const EXCERPT_CHARACTERS = 200;
const EXCERPT_READ_BYTES = 1024;

/**
 * `retryBaseMs`: WEBHOOK_RETRY_BASE_SECONDS; `timeoutMs`: 10 s unless a test needs less;
 * `allowedHosts`: WEBHOOK_ALLOWED_HOSTS unless given; `resolve`: the system resolver unless a test stands in for DNS.
 */
export type WebhookDeliveryOptions = {
	now?: Date;
	timeoutMs?: number;
	retryBaseMs?: number;
	allowedHosts?: readonly string[];
	resolve?: Resolve;
};

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
 * A delivery marked "delivering" by a node that died (worker/nodes.ts) may or may not have reached
 * its receiver. It is sent again: receivers dedupe on `X-Satisfy-Delivery` (the payload's `id`).
 * Deliveries of living nodes, this one included, are theirs to finish.
 */
export async function requeueInterruptedDeliveries(db: Db, now = new Date()): Promise<number> {
	return inTransaction(db, async (tx) => {
		const requeued = await tx
			.update(webhookDeliveries)
			.set({ status: 'queued', nextAttemptAt: now, claimedBy: null })
			.where(
				and(
					eq(webhookDeliveries.status, 'delivering'),
					abandonedBy(webhookDeliveries.claimedBy, now)
				)
			)
			.returning({ id: webhookDeliveries.id });
		return requeued.length;
	});
}

type Outcome = { ok: boolean; statusCode: number | null; failure: WebhookFailure | null };

/** The answer's first characters on one line, without control or formatting characters that could disguise the log. */
function answerExcerpt(bytes: Buffer): string {
	const text = bytes
		.toString('utf8')
		.replace(/\s+/g, ' ')
		.replace(/[\p{Cc}\p{Cf}]/gu, '')
		.trim();
	const characters = Array.from(text);
	return characters.length > EXCERPT_CHARACTERS
		? `${characters.slice(0, EXCERPT_CHARACTERS - 1).join('')}…`
		: text;
}

async function bodyExcerpt(response: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of response as AsyncIterable<Buffer>) {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= EXCERPT_READ_BYTES) break;
		}
	} catch {
		// Cut off (timeout, reset): what arrived is excerpt enough.
	}
	return answerExcerpt(Buffer.concat(chunks).subarray(0, EXCERPT_READ_BYTES));
}

function failureOf(error: unknown, timeoutMs: number): WebhookFailure {
	if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
		return { code: 'timedOut', params: { seconds: timeoutMs / SECOND } };
	const code = (error as { code?: unknown } | null)?.code;
	const reason =
		typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
	return { code: 'notConnected', params: { reason } };
}

/**
 * Hands the socket the addresses just checked instead of asking DNS again, which could answer
 * with an internal address the second time (DNS rebinding). The host name still goes in the
 * Host header and, for https, in the TLS server name and certificate check.
 */
function checkedAddresses(addresses: LookupAddress[]): LookupFunction {
	return (_hostname, options, callback) => {
		if (options.all) callback(null, addresses);
		else callback(null, addresses[0]!.address, addresses[0]!.family);
	};
}

/**
 * One POST, without following redirects (node:http never does): a redirect would turn the POST
 * into a GET, or lead to an address nobody checked.
 */
function postTo(
	url: URL,
	addresses: LookupAddress[],
	headers: OutgoingHttpHeaders,
	body: string,
	signal: AbortSignal
): Promise<IncomingMessage> {
	return new Promise((resolve, reject) => {
		const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
		// A fresh connection each time (agent: false): a pooled one could lead to an address checked under other rules.
		request(
			url,
			{
				method: 'POST',
				headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
				lookup: checkedAddresses(addresses),
				agent: false,
				signal
			},
			resolve
		)
			.on('error', reject)
			.end(body);
	});
}

type Due = {
	id: number;
	webhookId: number;
	attempts: number;
	event: string;
	eventId: string;
	payload: string;
	body: string | null;
	url: string;
	format: WebhookFormat;
	secret: string;
};

/**
 * Satisfy's own format is signed; Slack and Teams cannot check a signature, so their messages
 * carry none (and no timestamp, which only the signature check uses).
 */
function requestHeaders(delivery: Due, now: Date): OutgoingHttpHeaders {
	const common = {
		'Content-Type': 'application/json',
		'User-Agent': 'Satisfy-Webhooks/1',
		'X-Satisfy-Event': delivery.event,
		'X-Satisfy-Delivery': delivery.eventId
	};
	if (isChatFormat(delivery.format)) return common;
	return {
		...common,
		'X-Satisfy-Timestamp': String(Math.floor(now.getTime() / SECOND)),
		'X-Satisfy-Signature': webhookSignature(delivery.secret, delivery.payload)
	};
}
type Sending = { allowed: AllowList; resolve: Resolve; timeoutMs: number; now: Date };

async function post(
	delivery: Due,
	{ allowed, resolve, timeoutMs, now }: Sending
): Promise<Outcome> {
	const signal = AbortSignal.timeout(timeoutMs);
	try {
		const target = await settledBefore(
			resolveWebhookTarget(delivery.url, allowed, resolve),
			signal
		);
		if (target.refusal !== null)
			return { ok: false, statusCode: null, failure: { code: 'refused', params: target.refusal } };
		if (!target.addresses.length)
			return {
				ok: false,
				statusCode: null,
				failure: { code: 'notConnected', params: { reason: 'ENOTFOUND' } }
			};
		const response = await postTo(
			new URL(delivery.url),
			target.addresses,
			requestHeaders(delivery, now),
			delivery.body ?? delivery.payload,
			signal
		);
		const status = response.statusCode ?? 0;
		if (status >= 200 && status < 300) {
			response.destroy();
			return { ok: true, statusCode: status, failure: null };
		}
		const excerpt = await bodyExcerpt(response);
		response.destroy();
		return {
			ok: false,
			statusCode: status,
			failure: { code: 'answered', params: { status, excerpt } }
		};
	} catch (error) {
		return { ok: false, statusCode: null, failure: failureOf(error, timeoutMs) };
	}
}

/**
 * Sends the deliveries that are due, a few at a time: 2xx marks them delivered; timeouts, network
 * errors and other answers are retried with doubling pauses for up to 24 hours, then marked failed
 * with the last answer. Returns how many deliveries were attempted.
 */
export async function deliverDueWebhooks(
	db: Db,
	options: WebhookDeliveryOptions = {}
): Promise<number> {
	const now = options.now ?? new Date();
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const sending: Sending = {
		allowed: allowList(options.allowedHosts ?? appConfig().webhookAllowedHosts),
		resolve: options.resolve ?? systemResolve,
		timeoutMs,
		now
	};
	const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
	// The due deliveries, claimed in one transaction that commits before any is posted: only one
	// worker turns a queued delivery into a delivering one, however many run.
	const claimDue = () =>
		inTransaction(db, async (tx): Promise<Due[]> => {
			const due = await forUpdate(
				tx
					.select({
						id: webhookDeliveries.id,
						webhookId: webhookDeliveries.webhookId,
						event: webhookDeliveries.event,
						eventId: webhookDeliveries.eventId,
						payload: webhookDeliveries.payload,
						body: webhookDeliveries.body,
						attempts: webhookDeliveries.attempts,
						url: webhooks.url,
						format: webhooks.format,
						secret: webhooks.secret
					})
					.from(webhookDeliveries)
					.innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
					.where(
						and(
							eq(webhookDeliveries.status, 'queued'),
							lte(webhookDeliveries.nextAttemptAt, now),
							isNull(webhooks.disabledAt)
						)
					)
					.orderBy(asc(webhookDeliveries.nextAttemptAt))
					.limit(DELIVERIES_PER_ROUND)
			);
			if (!due.length) return [];
			const claimed = await tx
				.update(webhookDeliveries)
				.set({ status: 'delivering', claimedBy: thisNode })
				.where(
					and(
						inArray(
							webhookDeliveries.id,
							due.map((delivery) => delivery.id)
						),
						eq(webhookDeliveries.status, 'queued')
					)
				)
				.returning({ id: webhookDeliveries.id });
			const ids = new Set(claimed.map(({ id }) => id));
			return due.filter((delivery) => ids.has(delivery.id));
		});

	const deliverOne = async (delivery: Due) => {
		// Posted outside any transaction; its outcome is recorded in the next one.
		const outcome = await post(delivery, sending);
		// A test's fixed clock, else when the answer came (up to the timeout after the round began).
		const answeredAt = options.now ?? new Date();
		const attempts = delivery.attempts + 1;
		// A row from before the failure codes loses its sentence: the code now says what happened last.
		const recorded = {
			attempts,
			lastStatusCode: outcome.statusCode,
			lastError: null,
			lastErrorCode: outcome.failure?.code ?? null,
			lastErrorParams: outcome.failure?.params ?? null
		};
		await inTransaction(db, async (tx) => {
			if (outcome.ok) {
				await tx
					.update(webhookDeliveries)
					.set({ ...recorded, status: 'delivered', deliveredAt: answeredAt })
					.where(eq(webhookDeliveries.id, delivery.id));
				return;
			}
			// Disabled while this attempt was under way: nothing more is sent to it.
			const active = await first(
				forUpdate(
					tx
						.select({ id: webhooks.id })
						.from(webhooks)
						.where(and(eq(webhooks.id, delivery.webhookId), isNull(webhooks.disabledAt)))
				)
			);
			if (active && retryAllowed(attempts, retryBaseMs)) {
				const nextAttemptAt = new Date(answeredAt.getTime() + retryPauseMs(attempts, retryBaseMs));
				await tx
					.update(webhookDeliveries)
					.set({ ...recorded, status: 'queued', nextAttemptAt })
					.where(eq(webhookDeliveries.id, delivery.id));
			} else {
				await tx
					.update(webhookDeliveries)
					.set({ ...recorded, status: 'failed' })
					.where(eq(webhookDeliveries.id, delivery.id));
			}
		});
	};
	return handleClaimed(claimDue, deliverOne, SENDS_AT_ONCE);
}

/** Sends due webhook deliveries every `everyMs`, one round at a time, for as long as the server runs. */
export const startWebhookWorker = (
	db: Db,
	options: Omit<WebhookDeliveryOptions, 'now'>,
	everyMs = 1000
) => repeatEvery('webhooks', everyMs, () => deliverDueWebhooks(db, options));
