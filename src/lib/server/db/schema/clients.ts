import type { RowIssue } from '../../../csv/row-issue';
import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { users } from './auth';

/** Calendar dates without a time of day are stored as ISO `YYYY-MM-DD` text: they sort and compare. */
const isoDate = (name: string) => text(name);

export const clients = sqliteTable(
	'clients',
	{
		// An integer key keeps rowids stable, which the full-text index (clients_search) relies on.
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Always stored lower-case, so uniqueness is case-insensitive. */
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		phone: text('phone'),
		company: text('company'),
		/** BCP 47 language tag, e.g. `de`, `pt-BR`. */
		language: text('language').notNull(),
		accountManagerId: text('account_manager_id').references(() => users.id, {
			onDelete: 'set null'
		}),
		clientSince: isoDate('client_since'),
		lastPurchaseOn: isoDate('last_purchase_on'),
		renewalOn: isoDate('renewal_on'),
		annualValue: real('annual_value'),
		consentAt: timestamp('consent_at'),
		consentSource: text('consent_source'),
		unsubscribedAt: timestamp('unsubscribed_at'),
		/** When the client was last emailed a confirmation of unsubscribing: one a day at most. */
		unsubscribeConfirmedAt: timestamp('unsubscribe_confirmed_at'),
		/** Set when a survey answer arrives; drives "no survey answered in N days". */
		lastAnsweredAt: timestamp('last_answered_at'),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(table) => [
		index('clients_name_idx').on(sql`${table.name} collate nocase`),
		index('clients_company_idx').on(sql`${table.company} collate nocase`),
		index('clients_account_manager_idx').on(table.accountManagerId),
		index('clients_language_idx').on(table.language),
		index('clients_renewal_idx').on(table.renewalOn),
		index('clients_last_purchase_idx').on(table.lastPurchaseOn),
		index('clients_created_idx').on(table.createdAt)
	]
);

export const tags = sqliteTable(
	'tags',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull()
	},
	(table) => [uniqueIndex('tags_name_idx').on(sql`${table.name} collate nocase`)]
);

export const clientTags = sqliteTable(
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

export const attributeTypes = ['string', 'number', 'date'] as const;

/** Custom client fields, defined once per workspace so every record uses the same ones. */
export const attributeDefinitions = sqliteTable('attribute_definitions', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** Stable machine name, e.g. `country`; CSV columns and API fields use it. */
	key: text('key').notNull().unique(),
	label: text('label').notNull(),
	type: text('type', { enum: attributeTypes }).notNull(),
	createdAt: timestamp('created_at').notNull()
});

export const clientAttributes = sqliteTable(
	'client_attributes',
	{
		clientId: integer('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		attributeId: integer('attribute_id')
			.notNull()
			.references(() => attributeDefinitions.id, { onDelete: 'cascade' }),
		/** Text as entered for strings, a canonical number, or `YYYY-MM-DD`: comparable in SQL. */
		value: text('value').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.clientId, table.attributeId] }),
		index('client_attributes_value_idx').on(table.attributeId, table.value)
	]
);

/** A saved client filter with a name, evaluated afresh whenever it is used. */
export const segments = sqliteTable('segments', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	/** A `ClientFilter` (src/lib/schemas/clients.ts), validated on the way in and out. */
	filter: text('filter', { mode: 'json' }).notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

export const importStatuses = [
	'uploaded',
	'validating',
	'invalid',
	'importing',
	'done',
	'failed'
] as const;

/** A CSV file on its way into the client base: uploaded, mapped, checked, then imported whole. */
export const clientImports = sqliteTable('client_imports', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	fileName: text('file_name').notNull(),
	/** The uploaded bytes; dropped once imported, since they hold personal data. */
	content: blob('content', { mode: 'buffer' }),
	status: text('status', { enum: importStatuses }).notNull(),
	/** One entry per CSV column: the field it fills, or null to ignore it. */
	mapping: text('mapping', { mode: 'json' }).$type<(string | null)[]>().notNull(),
	onExisting: text('on_existing', { enum: ['skip', 'update'] }),
	totalRows: integer('total_rows').notNull(),
	processedRows: integer('processed_rows').notNull().default(0),
	issues: text('issues', { mode: 'json' }).$type<RowIssue[]>(),
	result: text('result', { mode: 'json' }).$type<{
		created: number;
		updated: number;
		skipped: number;
	}>(),
	failure: text('failure'),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

export type Client = typeof clients.$inferSelect;
export type AttributeDefinition = typeof attributeDefinitions.$inferSelect;
