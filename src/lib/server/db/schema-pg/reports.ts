import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { reportFrequencies } from '../../../schemas/reports';
import { users } from './auth';
import { timestamp } from './columns';

// The PostgreSQL twin of ../schema/reports.ts; schema-pg.test.ts checks they match.

export const reportSubscriptions = pgTable(
	'report_subscriptions',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		frequency: text('frequency', { enum: reportFrequencies }).notNull(),
		view: text('view').notNull(),
		name: text('name').notNull(),
		lastSentPeriod: text('last_sent_period').notNull(),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [index('report_subscriptions_user_idx').on(table.userId)]
);
