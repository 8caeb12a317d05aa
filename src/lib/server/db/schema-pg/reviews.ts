import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { timestamp } from './columns';
import { sentimentColumns } from './sentiment';

// The PostgreSQL twin of ../schema/reviews.ts; schema-pg.test.ts checks they match.

export const reviews = pgTable(
	'reviews',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		source: text('source').notNull(),
		externalId: text('external_id').notNull(),
		author: text('author'),
		stars: integer('stars'),
		title: text('title'),
		text: text('text').notNull(),
		reviewedAt: timestamp('reviewed_at').notNull(),
		language: text('language'),
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
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
