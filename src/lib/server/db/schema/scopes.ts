import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { segments } from './clients';

/**
 * The segment an owner limited a manager or viewer to (Settings → Users): everything that user
 * reads — dashboards, inbox, cases, clients, exports, reports — counts only that segment's
 * clients and responses. Owners are never limited. No cascade from `segments`: a segment that
 * limits someone cannot be deleted (the app says whom first; the key stops any other path).
 */
export const userScopes = sqliteTable(
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
