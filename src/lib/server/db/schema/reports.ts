import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { reportFrequencies } from '../../../schemas/reports';
import { timestamp } from './columns';

/**
 * A user's emailed report of one dashboard view: its filters as the view's query string, sent
 * once per complete week or month. `lastSentPeriod` is the period last reported (or the one
 * complete when subscribing), so each is sent exactly once, whichever process sends it.
 */
export const reportSubscriptions = sqliteTable(
	'report_subscriptions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		frequency: text('frequency', { enum: reportFrequencies }).notNull(),
		/** The dashboard's query string without `?`, e.g. `segment=3&from=2026-01-01`. */
		view: text('view').notNull(),
		/** What the user called it; the view's description when left blank. */
		name: text('name').notNull(),
		lastSentPeriod: text('last_sent_period').notNull(),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [index('report_subscriptions_user_idx').on(table.userId)]
);
