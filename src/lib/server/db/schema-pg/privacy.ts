import { boolean, integer, pgTable } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';

// The PostgreSQL twin of ../schema/privacy.ts; schema-pg.test.ts checks they match.

export const privacySettings = pgTable('privacy_settings', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	erasureKeepsAnswers: boolean('erasure_keeps_answers').notNull().default(true),
	updatedAt: timestamp('updated_at').notNull()
});
