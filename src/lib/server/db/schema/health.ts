import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/** One row, rewritten by each health check: proof that the database still accepts a write. */
export const healthChecks = sqliteTable('health_checks', {
	id: integer('id').primaryKey(),
	checkedAt: timestamp('checked_at').notNull()
});
