import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { JobFailureCode, JobReasonCode, JobReasonParams } from '../../../jobs/job-text';
import { timestamp } from './columns';

export const jobKinds = ['cells', 'sentiment', 'reviews', 'scores'] as const;
export const jobStatuses = ['running', 'done', 'failed'] as const;

/** Work done in the background with a progress bar: recomputing CSI cells and response scores, re-scoring sentiment. */
export const backgroundJobs = sqliteTable(
	'background_jobs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind', { enum: jobKinds }).notNull(),
		/** Why it runs, worded when shown (jobs/job-text.ts). */
		reasonCode: text('reason_code').$type<JobReasonCode>(),
		reasonParams: text('reason_params', { mode: 'json' }).$type<JobReasonParams>(),
		/** Why it ran, as written, in jobs from before the codes. */
		reason: text('reason'),
		status: text('status', { enum: jobStatuses }).notNull(),
		total: integer('total').notNull(),
		done: integer('done').notNull(),
		/** A failure Satisfy decides (a restart cut the job short), worded when shown. */
		failureCode: text('failure_code').$type<JobFailureCode>(),
		/** The exception's text otherwise. */
		failure: text('failure'),
		// What a cells rebuild redoes if a restart cuts it short: every cell, and the segments whose members it re-reads.
		plan: text('plan', { mode: 'json' }).$type<{ all: boolean; segments: number[] }>(),
		startedAt: timestamp('started_at').notNull(),
		finishedAt: timestamp('finished_at'),
		/** The app node running it while `running` (worker/nodes.ts). */
		claimedBy: text('claimed_by')
	},
	(table) => [index('background_jobs_kind_idx').on(table.kind, table.id)]
);

/**
 * Which node runs a periodic task that must run on one node at a time (campaigns, reminders,
 * digests…): the holder renews its lease each round; another node takes it over once it has run
 * out, as when its holder died.
 */
export const workerLeases = sqliteTable('worker_leases', {
	name: text('name').primaryKey(),
	holder: text('holder').notNull(),
	until: timestamp('until').notNull()
});
