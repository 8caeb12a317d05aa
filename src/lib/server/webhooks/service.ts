import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { webhookDeliveries, webhooks } from '../db/schema';
import type { WebhookInput } from './schemas';
import * as m from '../../paraglide/messages';
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

async function lastDelivery(db: Queryable, webhookId: number): Promise<LastDelivery | null> {
	return (
		(await first(
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
		)) ?? null
	);
}

/** A checked `WebhookInput`; without a format, a signed JSON webhook. */
export type NewWebhook = Omit<WebhookInput, 'format' | 'nameClients'> &
	Partial<Pick<WebhookInput, 'format' | 'nameClients'>>;

/**
 * The secret is returned here once; the screens never show it again. Chat targets get one too
 * (the column is required) but never use or show it: Slack and Teams cannot check a signature.
 */
export async function registerWebhook(
	db: Db,
	actor: Actor,
	input: NewWebhook,
	now = new Date()
): Promise<{ webhook: WebhookSummary; secret: string }> {
	const secret = newSecret();
	const format = input.format ?? 'satisfy';
	const webhook = await inTransaction(db, async (tx) => {
		const [row] = await tx
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
			.returning(summaryColumns);
		// The address is left out: some receivers put a token in it.
		await recordAudit(tx, actor, 'webhook.create', `webhook:${row!.id}`, {
			events: input.events,
			format,
			nameClients: row!.nameClients
		});
		return row!;
	});
	return { webhook: { ...webhook, lastDelivery: null }, secret };
}

/** Active webhooks first, newest first, each with how its latest delivery went. */
export async function listWebhooks(db: Queryable): Promise<WebhookSummary[]> {
	const rows = await db
		.select(summaryColumns)
		.from(webhooks)
		.orderBy(isNotNull(webhooks.disabledAt), desc(webhooks.createdAt), desc(webhooks.id));
	const summaries: WebhookSummary[] = [];
	for (const webhook of rows)
		summaries.push({ ...webhook, lastDelivery: await lastDelivery(db, webhook.id) });
	return summaries;
}

export async function findWebhook(db: Queryable, id: number): Promise<WebhookSummary | null> {
	const webhook = await first(db.select(summaryColumns).from(webhooks).where(eq(webhooks.id, id)));
	return webhook ? { ...webhook, lastDelivery: await lastDelivery(db, id) } : null;
}

/** Stops deliveries: new events are not queued for it and waiting ones are marked failed (they can be resent once it is enabled). */
export async function disableWebhook(
	db: Db,
	actor: Actor,
	id: number,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const disabled = await first(
			tx
				.update(webhooks)
				.set({ disabledAt: now })
				.where(and(eq(webhooks.id, id), isNull(webhooks.disabledAt)))
				.returning({ id: webhooks.id })
		);
		if (!disabled) return false;
		await tx
			.update(webhookDeliveries)
			.set({ status: 'failed', lastError: null, lastErrorCode: 'disabled', lastErrorParams: null })
			.where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.status, 'queued')));
		await recordAudit(tx, actor, 'webhook.disable', `webhook:${id}`);
		return true;
	});
}

export async function enableWebhook(db: Db, actor: Actor, id: number): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const enabled = await first(
			tx
				.update(webhooks)
				.set({ disabledAt: null })
				.where(and(eq(webhooks.id, id), isNotNull(webhooks.disabledAt)))
				.returning({ id: webhooks.id })
		);
		if (enabled) await recordAudit(tx, actor, 'webhook.enable', `webhook:${id}`);
		return enabled !== undefined;
	});
}

/** Deletes the webhook and its delivery log. */
export async function deleteWebhook(db: Db, actor: Actor, id: number): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const deleted = await first(
			tx.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id })
		);
		if (deleted) await recordAudit(tx, actor, 'webhook.delete', `webhook:${id}`);
		return deleted !== undefined;
	});
}

/**
 * A new secret, returned once; every later attempt, including retries of earlier events, is signed
 * with it. Null for an unknown webhook and for chat targets, which are not signed.
 */
export async function rotateWebhookSecret(
	db: Db,
	actor: Actor,
	id: number
): Promise<string | null> {
	const secret = newSecret();
	return inTransaction(db, async (tx) => {
		const rotated = await first(
			tx
				.update(webhooks)
				.set({ secret })
				.where(and(eq(webhooks.id, id), eq(webhooks.format, 'satisfy')))
				.returning({ id: webhooks.id })
		);
		if (!rotated) return null;
		await recordAudit(tx, actor, 'webhook.rotate-secret', `webhook:${id}`);
		return secret;
	});
}

/** One page of a webhook's deliveries, newest first. */
export async function webhookDeliveryLog(
	db: Queryable,
	webhookId: number,
	page = 1,
	perPage = DELIVERIES_PER_PAGE
) {
	const total =
		(
			await first(
				db
					.select({ n: count() })
					.from(webhookDeliveries)
					.where(eq(webhookDeliveries.webhookId, webhookId))
			)
		)?.n ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / perPage));
	const current = Math.min(Math.max(1, page), pageCount);
	const deliveries = await db
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.webhookId, webhookId))
		.orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
		.limit(perPage)
		.offset((current - 1) * perPage);
	return { deliveries, total, page: current, pageCount };
}

/**
 * Sends a delivery again as a new entry in the log: the same body and the same event id, so a
 * receiver that already has it can tell. It gets a fresh 24 hours of retries.
 */
export async function resendDelivery(
	db: Db,
	actor: Actor,
	target: { webhookId: number; deliveryId: number },
	now = new Date()
): Promise<Result<{ deliveryId: number }>> {
	return inTransaction(db, async (tx): Promise<Result<{ deliveryId: number }>> => {
		const row = await first(
			forUpdate(
				tx
					.select({ delivery: webhookDeliveries, disabledAt: webhooks.disabledAt })
					.from(webhookDeliveries)
					.innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
					.where(
						and(
							eq(webhookDeliveries.id, target.deliveryId),
							eq(webhookDeliveries.webhookId, target.webhookId)
						)
					)
			)
		);
		if (!row) return refuse(404, m.settings_webhook_no_such_delivery());
		if (row.disabledAt) return refuse(409, m.webhooks_resend_disabled_refused());
		if (row.delivery.status === 'queued' || row.delivery.status === 'delivering') {
			return refuse(409, m.webhooks_resend_in_flight_refused());
		}
		const { event, eventId, payload, body, webhookId } = row.delivery;
		const [resent] = await tx
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
			.returning({ id: webhookDeliveries.id });
		await recordAudit(tx, actor, 'webhook.resend', `webhook:${webhookId}`, { eventId });
		return { ok: true, deliveryId: resent!.id };
	});
}
