import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { users } from './auth';
import { webhookEvents, webhookFormats, type WebhookEvent } from '../../../webhooks/events';
import type { WebhookFailureCode, WebhookFailureParams } from '../../../webhooks/failure-text';

/** An owner's URL that hears about events: signed JSON, or a message for a chat channel. */
export const webhooks = sqliteTable('webhooks', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	url: text('url').notNull(),
	events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
	format: text('format', { enum: webhookFormats }).notNull().default('satisfy'),
	/** Chat formats only: whether messages name the client (never their email or phone). */
	nameClients: integer('name_clients', { mode: 'boolean' }).notNull().default(false),
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
		/** The event as JSON (`WebhookPayload`): what a `satisfy` webhook is sent, and what erasure searches. */
		payload: text('payload').notNull(),
		/** For chat formats, the message sent instead of the payload, written when the event was queued. */
		body: text('body'),
		status: text('status', { enum: deliveryStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at').notNull(),
		lastStatusCode: integer('last_status_code'),
		/** Before failure codes: the last failure as a sentence. */
		lastError: text('last_error'),
		/** The last failure as a code and its parameters, worded when read. */
		lastErrorCode: text('last_error_code').$type<WebhookFailureCode>(),
		lastErrorParams: text('last_error_params', { mode: 'json' }).$type<WebhookFailureParams>(),
		createdAt: timestamp('created_at').notNull(),
		deliveredAt: timestamp('delivered_at'),
		/** The app node delivering it while `delivering` (worker/nodes.ts). */
		claimedBy: text('claimed_by')
	},
	(table) => [
		index('webhook_deliveries_due_idx').on(table.status, table.nextAttemptAt),
		index('webhook_deliveries_webhook_idx').on(table.webhookId, table.createdAt)
	]
);
