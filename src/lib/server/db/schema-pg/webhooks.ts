import { boolean, index, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import { webhookEvents, webhookFormats, type WebhookEvent } from '../../../webhooks/events';
import type { WebhookFailureCode, WebhookFailureParams } from '../../../webhooks/failure-text';
import { deliveryStatuses } from '../schema/webhooks';
import { users } from './auth';
import { timestamp } from './columns';

// The PostgreSQL twins of ../schema/webhooks.ts; schema-pg.test.ts checks they match.

export const webhooks = pgTable('webhooks', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	url: text('url').notNull(),
	events: json('events').$type<WebhookEvent[]>().notNull(),
	format: text('format', { enum: webhookFormats }).notNull().default('satisfy'),
	nameClients: boolean('name_clients').notNull().default(false),
	secret: text('secret').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	disabledAt: timestamp('disabled_at')
});

export const webhookDeliveries = pgTable(
	'webhook_deliveries',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		webhookId: integer('webhook_id')
			.notNull()
			.references(() => webhooks.id, { onDelete: 'cascade' }),
		event: text('event', { enum: webhookEvents }).notNull(),
		eventId: text('event_id').notNull(),
		payload: text('payload').notNull(),
		body: text('body'),
		status: text('status', { enum: deliveryStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at').notNull(),
		lastStatusCode: integer('last_status_code'),
		lastError: text('last_error'),
		lastErrorCode: text('last_error_code').$type<WebhookFailureCode>(),
		lastErrorParams: json('last_error_params').$type<WebhookFailureParams>(),
		createdAt: timestamp('created_at').notNull(),
		deliveredAt: timestamp('delivered_at'),
		claimedBy: text('claimed_by')
	},
	(table) => [
		index('webhook_deliveries_due_idx').on(table.status, table.nextAttemptAt),
		index('webhook_deliveries_webhook_idx').on(table.webhookId, table.createdAt)
	]
);
