import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * What clients talk about beyond the CSI factors ("staff", "price", "app"), named by a manager
 * with the words and phrases that mark it. Open answers and reviews are tagged with the topics
 * they mention, and the tone they give each, in their sentiment detail.
 */
export const topics = sqliteTable('topics', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	/** Matched in texts of every language as factor keywords are (word starts, stems, compounds). */
	keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});
