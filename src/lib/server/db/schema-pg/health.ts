import { integer, pgTable } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';

// The PostgreSQL twin of ../schema/health.ts; schema-pg.test.ts checks they match.

export const healthChecks = pgTable('health_checks', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	checkedAt: timestamp('checked_at').notNull()
});
