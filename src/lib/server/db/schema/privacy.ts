import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * The workspace's privacy choices: a single row with id 1 (absent means the defaults). Erasing a
 * client keeps their survey answers, anonymised, for the statistics unless the owner chose otherwise.
 */
export const privacySettings = sqliteTable('privacy_settings', {
	id: integer('id').primaryKey(),
	erasureKeepsAnswers: integer('erasure_keeps_answers', { mode: 'boolean' })
		.notNull()
		.default(true),
	updatedAt: timestamp('updated_at').notNull()
});
