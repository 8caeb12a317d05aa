import { randomUUID } from 'node:crypto';
import { isNull } from 'drizzle-orm';
import type { Queryable } from '../db';
import { preparedStatement } from '../db/prepared';
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
// connection (or a rolled-back transaction) could leave pointing at a deleted webhook.
const activeWebhooks = preparedStatement((db) =>
	db
		.select({
			id: webhooks.id,
			events: webhooks.events,
			format: webhooks.format,
			nameClients: webhooks.nameClients
		})
		.from(webhooks)
		.where(isNull(webhooks.disabledAt))
		.prepare()
);

/** How the event reads in a chat channel, written for each chat target with its own options. */
export type ChatAlertOf<Data> = (data: Data, options: AlertOptions) => ChatAlert;

/**
 * Queues one delivery of `event` per active webhook subscribed to it, all with the same fresh
 * event id; the delivery worker sends them. Synchronous, so call it inside the transaction that
 * makes the change: the event is queued if and only if the change is committed.
 * `data` may be a function, called only when some webhook listens: with none, emitting costs one
 * small query. Chat targets (Slack, Teams) get the message `chatAlert` writes, stored with the
 * delivery so that retries and resends send the same words; without one, they hear nothing of it.
 * Returns the event id, or null when nobody listens.
 */
export function emitWebhookEvent<Data extends object>(
	db: Queryable,
	event: WebhookEvent,
	data: Data | (() => Data),
	now = new Date(),
	chatAlert?: ChatAlertOf<Data>
): string | null {
	const subscribers = activeWebhooks(db)
		.all()
		.filter(
			(webhook) => webhook.events.includes(event) && (!isChatFormat(webhook.format) || chatAlert)
		);
	if (!subscribers.length) return null;
	const eventId = randomUUID();
	const built = typeof data === 'function' ? (data as () => Data)() : data;
	const payload: WebhookPayload<Data> = {
		id: eventId,
		event,
		createdAt: now.toISOString(),
		data: built
	};
	const json = JSON.stringify(payload);
	db.insert(webhookDeliveries)
		.values(
			subscribers.map((webhook) => ({
				webhookId: webhook.id,
				event,
				eventId,
				payload: json,
				body: isChatFormat(webhook.format)
					? chatMessageBody(webhook.format, chatAlert!(built, { nameClients: webhook.nameClients }))
					: null,
				status: 'queued' as const,
				attempts: 0,
				nextAttemptAt: now,
				createdAt: now
			}))
		)
		.run();
	return eventId;
}
