import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { recordAuditSync, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { webhookDeliveries, webhooks } from '../db/schema';
import type { WebhookInput } from './schemas';
import { refuse, type Result } from '../../result';

export const DELIVERIES_PER_PAGE = 25;

/** 32 random bytes as hex: the HMAC key, kept to sign and shown to the owner once. */
function newSecret(): string {
	return randomBytes(32).toString('hex');
}

type LastDelivery = Pick<
	typeof webhookDeliveries.$inferSelect,
	'status' | 'attempts' | 'lastStatusCode' | 'createdAt' | 'deliveredAt'
>;
export type WebhookSummary = Omit<typeof webhooks.$inferSelect, 'secret'> & {
	lastDelivery: LastDelivery | null;
};
const summaryColumns = {
	id: webhooks.id,
	url: webhooks.url,
	events: webhooks.events,
	format: webhooks.format,
	nameClients: webhooks.nameClients,
	createdBy: webhooks.createdBy,
	createdAt: webhooks.createdAt,
	disabledAt: webhooks.disabledAt
};

function lastDelivery(db: Queryable, webhookId: number): LastDelivery | null {
	return (
		db
			.select({
				status: webhookDeliveries.status,
				attempts: webhookDeliveries.attempts,
				lastStatusCode: webhookDeliveries.lastStatusCode,
				createdAt: webhookDeliveries.createdAt,
				deliveredAt: webhookDeliveries.deliveredAt
			})
			.from(webhookDeliveries)
			.where(eq(webhookDeliveries.webhookId, webhookId))
			.orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
			.limit(1)
			.get() ?? null
	);
}

/** A checked `WebhookInput`; without a format, a signed JSON webhook. */
export type NewWebhook = Omit<WebhookInput, 'format' | 'nameClients'> &
	Partial<Pick<WebhookInput, 'format' | 'nameClients'>>;

/**
 * The secret is returned here once; the screens never show it again. Chat targets get one too
 * (the column is required) but never use or show it: Slack and Teams cannot check a signature.
 */
export function registerWebhook(
	db: Db,
	actor: Actor,
	input: NewWebhook,
	now = new Date()
): { webhook: WebhookSummary; secret: string } {
	const secret = newSecret();
	const format = input.format ?? 'satisfy';
	const webhook = db.transaction((tx) => {
		const row = tx
			.insert(webhooks)
			.values({
				url: input.url,
				events: input.events,
				format,
				nameClients: input.nameClients ?? false,
				secret,
				createdBy: actor.userId ?? null,
				createdAt: now
			})
			.returning(summaryColumns)
			.get();
		// The address is left out: some receivers put a token in it.
		recordAuditSync(tx, actor, 'webhook.create', `webhook:${row.id}`, {
			events: input.events,
			format,
			nameClients: row.nameClients
		});
		return row;
	});
	return { webhook: { ...webhook, lastDelivery: null }, secret };
}

/** Active webhooks first, newest first, each with how its latest delivery went. */
export function listWebhooks(db: Queryable): WebhookSummary[] {
	return db
		.select(summaryColumns)
		.from(webhooks)
		.orderBy(isNotNull(webhooks.disabledAt), desc(webhooks.createdAt), desc(webhooks.id))
		.all()
		.map((webhook) => ({ ...webhook, lastDelivery: lastDelivery(db, webhook.id) }));
}

export function findWebhook(db: Queryable, id: number): WebhookSummary | null {
	const webhook = db.select(summaryColumns).from(webhooks).where(eq(webhooks.id, id)).get();
	return webhook ? { ...webhook, lastDelivery: lastDelivery(db, id) } : null;
}

/** Stops deliveries: new events are not queued for it and waiting ones are marked failed (they can be resent once it is enabled). */
export function disableWebhook(db: Db, actor: Actor, id: number, now = new Date()): boolean {
	return db.transaction((tx) => {
		const disabled = tx
			.update(webhooks)
			.set({ disabledAt: now })
			.where(and(eq(webhooks.id, id), isNull(webhooks.disabledAt)))
			.returning({ id: webhooks.id })
			.get();
		if (!disabled) return false;
		tx.update(webhookDeliveries)
			.set({ status: 'failed', lastError: 'Not sent: the webhook was disabled.' })
			.where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.status, 'queued')))
			.run();
		recordAuditSync(tx, actor, 'webhook.disable', `webhook:${id}`);
		return true;
	});
}

export function enableWebhook(db: Db, actor: Actor, id: number): boolean {
	return db.transaction((tx) => {
		const enabled = tx
			.update(webhooks)
			.set({ disabledAt: null })
			.where(and(eq(webhooks.id, id), isNotNull(webhooks.disabledAt)))
			.returning({ id: webhooks.id })
			.get();
		if (enabled) recordAuditSync(tx, actor, 'webhook.enable', `webhook:${id}`);
		return enabled !== undefined;
	});
}

/** Deletes the webhook and its delivery log. */
export function deleteWebhook(db: Db, actor: Actor, id: number): boolean {
	return db.transaction((tx) => {
		const deleted = tx
			.delete(webhooks)
			.where(eq(webhooks.id, id))
			.returning({ id: webhooks.id })
			.get();
		if (deleted) recordAuditSync(tx, actor, 'webhook.delete', `webhook:${id}`);
		return deleted !== undefined;
	});
}

/**
 * A new secret, returned once; every later attempt, including retries of earlier events, is signed
 * with it. Null for an unknown webhook and for chat targets, which are not signed.
 */
export function rotateWebhookSecret(db: Db, actor: Actor, id: number): string | null {
	const secret = newSecret();
	return db.transaction((tx) => {
		const rotated = tx
			.update(webhooks)
			.set({ secret })
			.where(and(eq(webhooks.id, id), eq(webhooks.format, 'satisfy')))
			.returning({ id: webhooks.id })
			.get();
		if (!rotated) return null;
		recordAuditSync(tx, actor, 'webhook.rotate-secret', `webhook:${id}`);
		return secret;
	});
}

/** One page of a webhook's deliveries, newest first. */
export function webhookDeliveryLog(
	db: Queryable,
	webhookId: number,
	page = 1,
	perPage = DELIVERIES_PER_PAGE
) {
	const total =
		db
			.select({ n: count() })
			.from(webhookDeliveries)
			.where(eq(webhookDeliveries.webhookId, webhookId))
			.get()?.n ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / perPage));
	const current = Math.min(Math.max(1, page), pageCount);
	const deliveries = db
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.webhookId, webhookId))
		.orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
		.limit(perPage)
		.offset((current - 1) * perPage)
		.all();
	return { deliveries, total, page: current, pageCount };
}

/**
 * Sends a delivery again as a new entry in the log: the same body and the same event id, so a
 * receiver that already has it can tell. It gets a fresh 24 hours of retries.
 */
export function resendDelivery(
	db: Db,
	actor: Actor,
	target: { webhookId: number; deliveryId: number },
	now = new Date()
): Result<{ deliveryId: number }> {
	return db.transaction((tx) => {
		const row = tx
			.select({ delivery: webhookDeliveries, disabledAt: webhooks.disabledAt })
			.from(webhookDeliveries)
			.innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
			.where(
				and(
					eq(webhookDeliveries.id, target.deliveryId),
					eq(webhookDeliveries.webhookId, target.webhookId)
				)
			)
			.get();
		if (!row) return refuse(404, 'No such delivery for this webhook.');
		if (row.disabledAt) return refuse(409, 'The webhook is disabled: enable it before resending.');
		if (row.delivery.status === 'queued' || row.delivery.status === 'delivering') {
			return refuse(409, 'This delivery is still being sent; it will be retried on its own.');
		}
		const { event, eventId, payload, body, webhookId } = row.delivery;
		const { id } = tx
			.insert(webhookDeliveries)
			.values({
				webhookId,
				event,
				eventId,
				payload,
				body,
				status: 'queued',
				attempts: 0,
				nextAttemptAt: now,
				createdAt: now
			})
			.returning({ id: webhookDeliveries.id })
			.get();
		recordAuditSync(tx, actor, 'webhook.resend', `webhook:${webhookId}`, { eventId });
		return { ok: true, deliveryId: id };
	});
}
