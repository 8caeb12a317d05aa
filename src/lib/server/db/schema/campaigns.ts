import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { CampaignSkipped } from '../../../campaigns/skipped-text';
import { timestamp } from './columns';
import { users } from './auth';
import { segments } from './clients';
import { surveys } from './surveys';

/** Sends one open survey to an audience by email, once or every month. */
export const campaigns = sqliteTable('campaigns', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	surveyId: integer('survey_id')
		.notNull()
		.references(() => surveys.id, { onDelete: 'cascade' }),
	/** A saved segment, re-evaluated at every run; null for every reachable client. */
	segmentId: integer('segment_id').references(() => segments.id, { onDelete: 'set null' }),
	status: text('status', { enum: ['scheduled', 'done', 'cancelled'] }).notNull(),
	nextRunAt: timestamp('next_run_at'),
	recurrence: text('recurrence', { enum: ['once', 'monthly'] }).notNull(),
	fatigueDays: integer('fatigue_days').notNull(),
	expiresInDays: integer('expires_in_days').notNull(),
	/** Remind those who have not answered this many days after the last email; null for never. */
	reminderAfterDays: integer('reminder_after_days'),
	maxReminders: integer('max_reminders').notNull().default(0),
	/** Clients skipped at the last run, by reason: the campaign screen explains its audience. */
	skippedReasons: text('skipped_reasons', { mode: 'json' }).$type<CampaignSkipped>(),
	/** The same as sentences, written by runs before the reasons were codes. */
	skipped: text('skipped', { mode: 'json' }).$type<Record<string, number>>(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	lastRunAt: timestamp('last_run_at')
});
