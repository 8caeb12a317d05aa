import { integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import type { CampaignSkipped } from '../../../campaigns/skipped-text';
import { users } from './auth';
import { segments } from './clients';
import { timestamp } from './columns';
import { surveys } from './surveys';

// The PostgreSQL twin of ../schema/campaigns.ts; schema-pg.test.ts checks they match.

export const campaigns = pgTable('campaigns', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull(),
	surveyId: integer('survey_id')
		.notNull()
		.references(() => surveys.id, { onDelete: 'cascade' }),
	segmentId: integer('segment_id').references(() => segments.id, { onDelete: 'set null' }),
	status: text('status', { enum: ['scheduled', 'done', 'cancelled'] }).notNull(),
	nextRunAt: timestamp('next_run_at'),
	recurrence: text('recurrence', { enum: ['once', 'monthly'] }).notNull(),
	fatigueDays: integer('fatigue_days').notNull(),
	expiresInDays: integer('expires_in_days').notNull(),
	reminderAfterDays: integer('reminder_after_days'),
	maxReminders: integer('max_reminders').notNull().default(0),
	skippedReasons: json('skipped_reasons').$type<CampaignSkipped>(),
	skipped: json('skipped').$type<Record<string, number>>(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	lastRunAt: timestamp('last_run_at')
});
