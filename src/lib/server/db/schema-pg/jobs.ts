import { index, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import { jobKinds, jobStatuses } from '../schema/jobs';
import type { JobFailureCode, JobReasonCode, JobReasonParams } from '../../../jobs/job-text';
import { timestamp } from './columns';

// The PostgreSQL twin of ../schema/jobs.ts; schema-pg.test.ts checks they match.

export const backgroundJobs = pgTable(
	'background_jobs',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		kind: text('kind', { enum: jobKinds }).notNull(),
		reasonCode: text('reason_code').$type<JobReasonCode>(),
		reasonParams: json('reason_params').$type<JobReasonParams>(),
		reason: text('reason'),
		status: text('status', { enum: jobStatuses }).notNull(),
		total: integer('total').notNull(),
		done: integer('done').notNull(),
		failureCode: text('failure_code').$type<JobFailureCode>(),
		failure: text('failure'),
		plan: json('plan').$type<{ all: boolean; segments: number[] }>(),
		startedAt: timestamp('started_at').notNull(),
		finishedAt: timestamp('finished_at'),
		claimedBy: text('claimed_by')
	},
	(table) => [index('background_jobs_kind_idx').on(table.kind, table.id)]
);

export const workerLeases = pgTable('worker_leases', {
	name: text('name').primaryKey(),
	holder: text('holder').notNull(),
	until: timestamp('until').notNull()
});
