import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { clients } from './clients';
import { sentimentColumns } from './sentiment';

/** A review from a review site, imported; re-importing the same source and id changes nothing. */
export const reviews = sqliteTable(
	'reviews',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		source: text('source').notNull(),
		externalId: text('external_id').notNull(),
		author: text('author'),
		/** 1–5, on the same 0–100 scale as ratings once rescaled. */
		stars: integer('stars'),
		title: text('title'),
		text: text('text').notNull(),
		reviewedAt: timestamp('reviewed_at').notNull(),
		/** As the file said, if it did; otherwise the detected language is in sentiment_language. */
		language: text('language'),
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		/** A location or product the review is about. */
		tag: text('tag'),
		importedAt: timestamp('imported_at').notNull(),
		...sentimentColumns()
	},
	(table) => [
		uniqueIndex('reviews_source_external_idx').on(table.source, table.externalId),
		index('reviews_reviewed_idx').on(table.reviewedAt),
		index('reviews_client_idx').on(table.clientId)
	]
);
