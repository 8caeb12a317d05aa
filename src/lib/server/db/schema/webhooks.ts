import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { users } from './auth';

export const webhookEvents = [
	'response.completed',
	'followup.created',
	'followup.resolved',
	'review.imported'
] as const;

/** An owner's URL that hears about events, signed with its own secret. */
export const webhooks = sqliteTable('webhooks', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	url: text('url').notNull(),
	events: text('events', { mode: 'json' }).$type<(typeof webhookEvents)[number][]>().notNull(),
	/** The HMAC key: it must be kept to sign, and is shown to the owner only when created. */
	secret: text('secret').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	disabledAt: timestamp('disabled_at')
});

export const deliveryStatuses = ['queued', 'delivering', 'delivered', 'failed'] as const;

/** One event for one webhook, retried with backoff for up to 24 hours. */
export const webhookDeliveries = sqliteTable(
	'webhook_deliveries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		webhookId: integer('webhook_id')
			.notNull()
			.references(() => webhooks.id, { onDelete: 'cascade' }),
		event: text('event', { enum: webhookEvents }).notNull(),
		/** Sent as the delivery's id: the receiver dedupes on it across retries and resends. */
		eventId: text('event_id').notNull(),
		payload: text('payload').notNull(),
		status: text('status', { enum: deliveryStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at').notNull(),
		lastStatusCode: integer('last_status_code'),
		lastError: text('last_error'),
		createdAt: timestamp('created_at').notNull(),
		deliveredAt: timestamp('delivered_at')
	},
	(table) => [
		index('webhook_deliveries_due_idx').on(table.status, table.nextAttemptAt),
		index('webhook_deliveries_webhook_idx').on(table.webhookId, table.createdAt)
	]
);
