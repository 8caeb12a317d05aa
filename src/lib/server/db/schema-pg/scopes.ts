import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { segments } from './clients';

// The PostgreSQL twin of ../schema/scopes.ts; schema-pg.test.ts checks they match.

export const userScopes = pgTable(
	'user_scopes',
	{
		userId: text('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		segmentId: integer('segment_id')
			.notNull()
			.references(() => segments.id)
	},
	(table) => [index('user_scopes_segment_idx').on(table.segmentId)]
);
