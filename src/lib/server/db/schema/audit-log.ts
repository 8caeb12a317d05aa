import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { apiKeys, users } from './auth';

/** Who did what to personal data, and when. Never holds the personal data itself. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: timestamp('at').notNull(),
		actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
		actorApiKeyId: text('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subject: text('subject').notNull(),
		details: text('details', { mode: 'json' })
	},
	// Settings → Audit log filters by each of these, newest (highest id) first; an index on one
	// column also orders by id, so a filtered page is one index range.
	(table) => [
		index('audit_log_at_idx').on(table.at),
		index('audit_log_action_idx').on(table.action),
		index('audit_log_subject_idx').on(table.subject),
		index('audit_log_actor_user_idx').on(table.actorUserId),
		index('audit_log_actor_api_key_idx').on(table.actorApiKeyId)
	]
);
