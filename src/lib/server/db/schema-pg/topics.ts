import { integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';

// The PostgreSQL twin of ../schema/topics.ts; schema-pg.test.ts checks they match.

export const topics = pgTable('topics', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull().unique(),
	keywords: json('keywords').$type<string[]>().notNull(),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});
