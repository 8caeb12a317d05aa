import { randomUUID } from 'node:crypto';
import { isNull } from 'drizzle-orm';
import type { Queryable } from '../db';
import { preparedQuery } from '../db/prepared';
import { webhookDeliveries, webhooks } from '../db/schema';
import type { AlertOptions, ChatAlert } from '../../webhooks/chat-alert';
import { chatMessageBody } from '../../webhooks/chat-message';
import { isChatFormat, type WebhookEvent } from '../../webhooks/events';

/** The body every delivery carries: `id` stays the same across retries and resends. */
export type WebhookPayload<Data = unknown> = {
	id: string;
	event: WebhookEvent;
	createdAt: string;
	data: Data;
};

// A handful of rows at most: reading them is cheaper than keeping a cache that another
// connection (or a rolled-back transaction) could leave pointing at a deleted webhook. Read on
// every submission (docs/benchmarks.md): prepared once per connection, the writer's when emitted
// inside a transaction, as it should be.
const activeWebhooks = preparedQuery('active_webhooks', (db) =>
	db
		.select({
			id: webhooks.id,
			events: webhooks.events,
			format: webhooks.format,
			nameClients: webhooks.nameClients
		})
		.from(webhooks)
		.where(isNull(webhooks.disabledAt))
);

/** How the event reads in a chat channel, written for each chat target with its own options. */
export type ChatAlertOf<Data> = (
	data: Data,
	options: AlertOptions
) => ChatAlert | Promise<ChatAlert>;

/**
 * Queues one delivery of `event` per active webhook subscribed to it, all with the same fresh
 * event id; the delivery worker sends them. Call it inside the transaction that makes the change
 * (`db` is its `tx`): the event is queued if and only if the change is committed.
 * `data` may be a function, called only when some webhook listens: with none, emitting costs one
 * small query. Chat targets (Slack, Teams) get the message `chatAlert` writes, stored with the
 * delivery so that retries and resends send the same words; without one, they hear nothing of it.
 * Returns the event id, or null when nobody listens.
 */
export async function emitWebhookEvent<Data extends object>(
	db: Queryable,
	event: WebhookEvent,
	data: Data | (() => Data | Promise<Data>),
	now = new Date(),
	chatAlert?: ChatAlertOf<Data>
): Promise<string | null> {
	const subscribers = (await activeWebhooks.all(db)).filter(
		(webhook) => webhook.events.includes(event) && (!isChatFormat(webhook.format) || chatAlert)
	);
	if (!subscribers.length) return null;
	const eventId = randomUUID();
	const built = typeof data === 'function' ? await (data as () => Data | Promise<Data>)() : data;
	const payload: WebhookPayload<Data> = {
		id: eventId,
		event,
		createdAt: now.toISOString(),
		data: built
	};
	const json = JSON.stringify(payload);
	const deliveries = [];
	// One after another: a chat alert may read through the transaction's `tx`.
	for (const webhook of subscribers)
		deliveries.push({
			webhookId: webhook.id,
			event,
			eventId,
			payload: json,
			body: isChatFormat(webhook.format)
				? chatMessageBody(
						webhook.format,
						await chatAlert!(built, { nameClients: webhook.nameClients })
					)
				: null,
			status: 'queued' as const,
			attempts: 0,
			nextAttemptAt: now,
			createdAt: now
		});
	await db.insert(webhookDeliveries).values(deliveries);
	return eventId;
}
