import { index, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import { apiKeys, users } from './auth';
import { timestamp } from './columns';

// The PostgreSQL twin of ../schema/audit-log.ts; schema-pg.test.ts checks they match.

export const auditLog = pgTable(
	'audit_log',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		at: timestamp('at').notNull(),
		actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
		actorApiKeyId: text('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subject: text('subject').notNull(),
		details: json('details')
	},
	(table) => [
		index('audit_log_at_idx').on(table.at),
		index('audit_log_action_idx').on(table.action),
		index('audit_log_subject_idx').on(table.subject),
		index('audit_log_actor_user_idx').on(table.actorUserId),
		index('audit_log_actor_api_key_idx').on(table.actorApiKeyId)
	]
);
