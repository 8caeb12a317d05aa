import { randomUUID } from 'node:crypto';
import { isNull } from 'drizzle-orm';
import type { Queryable } from '../db';
import { preparedStatement } from '../db/prepared';
import { webhookDeliveries, webhooks } from '../db/schema';
import type { WebhookEvent } from './schemas';

/** The body every delivery carries: `id` stays the same across retries and resends. */
export type WebhookPayload<Data = unknown> = {
	id: string;
	event: WebhookEvent;
	createdAt: string;
	data: Data;
};

// A handful of rows at most: reading them is cheaper than keeping a cache that another
// connection (or a rolled-back transaction) could leave pointing at a deleted webhook.
const activeWebhooks = preparedStatement((db) =>
	db
		.select({ id: webhooks.id, events: webhooks.events })
		.from(webhooks)
		.where(isNull(webhooks.disabledAt))
		.prepare()
);

/**
 * Queues one delivery of `event` per active webhook subscribed to it, all with the same fresh
 * event id; the delivery worker sends them. Synchronous, so call it inside the transaction that
 * makes the change: the event is queued if and only if the change is committed.
 * `data` may be a function, called only when some webhook listens: with none, emitting costs one
 * small query. Returns the event id, or null when nobody listens.
 */
export function emitWebhookEvent(
	db: Queryable,
	event: WebhookEvent,
	data: object | (() => object),
	now = new Date()
): string | null {
	const subscribers = activeWebhooks(db)
		.all()
		.filter((webhook) => webhook.events.includes(event));
	if (!subscribers.length) return null;
	const eventId = randomUUID();
	const payload: WebhookPayload = {
		id: eventId,
		event,
		createdAt: now.toISOString(),
		data: typeof data === 'function' ? data() : data
	};
	const body = JSON.stringify(payload);
	db.insert(webhookDeliveries)
		.values(
			subscribers.map((webhook) => ({
				webhookId: webhook.id,
				event,
				eventId,
				payload: body,
				status: 'queued' as const,
				attempts: 0,
				nextAttemptAt: now,
				createdAt: now
			}))
		)
		.run();
	return eventId;
}
