import type { RowIssue } from '../../../csv/row-issue';
import { sql } from 'drizzle-orm';
import {
	doublePrecision,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { attributeTypes, importStatuses } from '../schema/clients';
import { users } from './auth';
import { bytea, timestamp } from './columns';

// The PostgreSQL twins of ../schema/clients.ts; schema-pg.test.ts checks they match. SQLite's
// `collate nocase` indexes become `lower(…)` ones: queries must sort and compare by `lower(…)`
// on PostgreSQL to use them.

const isoDate = (name: string) => text(name);

export const clients = pgTable(
	'clients',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		phone: text('phone'),
		company: text('company'),
		language: text('language').notNull(),
		accountManagerId: text('account_manager_id').references(() => users.id, {
			onDelete: 'set null'
		}),
		clientSince: isoDate('client_since'),
		lastPurchaseOn: isoDate('last_purchase_on'),
		renewalOn: isoDate('renewal_on'),
		// SQLite's REAL is 8 bytes; PostgreSQL's `real` only 4.
		annualValue: doublePrecision('annual_value'),
		consentAt: timestamp('consent_at'),
		consentSource: text('consent_source'),
		unsubscribedAt: timestamp('unsubscribed_at'),
		/** When the client was last emailed a confirmation of unsubscribing: one a day at most. */
		unsubscribeConfirmedAt: timestamp('unsubscribe_confirmed_at'),
		lastAnsweredAt: timestamp('last_answered_at'),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(table) => [
		index('clients_name_idx').on(sql`lower(${table.name})`),
		index('clients_company_idx').on(sql`lower(${table.company})`),
		index('clients_account_manager_idx').on(table.accountManagerId),
		index('clients_language_idx').on(table.language),
		index('clients_renewal_idx').on(table.renewalOn),
		index('clients_last_purchase_idx').on(table.lastPurchaseOn),
		index('clients_created_idx').on(table.createdAt)
	]
);

export const tags = pgTable(
	'tags',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		name: text('name').notNull()
	},
	(table) => [uniqueIndex('tags_name_idx').on(sql`lower(${table.name})`)]
);

export const clientTags = pgTable(
	'client_tags',
	{
		clientId: integer('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		tagId: integer('tag_id')
			.notNull()
			.references(() => tags.id, { onDelete: 'cascade' })
	},
	(table) => [
		primaryKey({ columns: [table.clientId, table.tagId] }),
		index('client_tags_tag_idx').on(table.tagId, table.clientId)
	]
);

export const attributeDefinitions = pgTable('attribute_definitions', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	key: text('key').notNull().unique(),
	label: text('label').notNull(),
	type: text('type', { enum: attributeTypes }).notNull(),
	createdAt: timestamp('created_at').notNull()
});

export const clientAttributes = pgTable(
	'client_attributes',
	{
		clientId: integer('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		attributeId: integer('attribute_id')
			.notNull()
			.references(() => attributeDefinitions.id, { onDelete: 'cascade' }),
		value: text('value').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.clientId, table.attributeId] }),
		index('client_attributes_value_idx').on(table.attributeId, table.value)
	]
);

// `json`, not `jsonb`: PostgreSQL keeps the text as written, key order and all, as SQLite does.
export const segments = pgTable('segments', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull().unique(),
	filter: json('filter').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

export const clientImports = pgTable('client_imports', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	fileName: text('file_name').notNull(),
	content: bytea('content'),
	status: text('status', { enum: importStatuses }).notNull(),
	mapping: json('mapping').$type<(string | null)[]>().notNull(),
	onExisting: text('on_existing', { enum: ['skip', 'update'] }),
	totalRows: integer('total_rows').notNull(),
	processedRows: integer('processed_rows').notNull().default(0),
	issues: json('issues').$type<RowIssue[]>(),
	result: json('result').$type<{ created: number; updated: number; skipped: number }>(),
	failure: text('failure'),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});
