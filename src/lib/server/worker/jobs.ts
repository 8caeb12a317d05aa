import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { backgroundJobs, jobKinds } from '../db/schema';

export type JobKind = (typeof jobKinds)[number];
export type Job = typeof backgroundJobs.$inferSelect;

/** Records a job about to run over `total` items; its progress feeds the progress bars. */
export function createJob(db: Queryable, kind: JobKind, reason: string, total: number): Job {
	return db
		.insert(backgroundJobs)
		.values({ kind, reason, status: 'running', total, done: 0, startedAt: new Date() })
		.returning()
		.get();
}

/** What the job will do, kept so that a restart can redo a job it cut short. */
export function planJob(db: Queryable, jobId: number, plan: Job['plan']): void {
	db.update(backgroundJobs).set({ plan }).where(eq(backgroundJobs.id, jobId)).run();
}

export function reportProgress(db: Queryable, jobId: number, done: number): void {
	db.update(backgroundJobs).set({ done }).where(eq(backgroundJobs.id, jobId)).run();
}

export function finishJob(db: Queryable, jobId: number, failure?: unknown): void {
	const failed = failure !== undefined;
	db.update(backgroundJobs)
		.set({
			status: failed ? 'failed' : 'done',
			failure: failed ? (failure instanceof Error ? failure.message : String(failure)) : null,
			finishedAt: new Date()
		})
		.where(eq(backgroundJobs.id, jobId))
		.run();
}

export function latestJob(db: Queryable, kind: JobKind): Job | null {
	return (
		db
			.select()
			.from(backgroundJobs)
			.where(eq(backgroundJobs.kind, kind))
			.orderBy(desc(backgroundJobs.id))
			.limit(1)
			.get() ?? null
	);
}

/** Jobs a restart cut short are marked failed; returns how many, so the caller can start again. */
export function failInterruptedJobs(db: Queryable, kind: JobKind): number {
	return db
		.update(backgroundJobs)
		.set({
			status: 'failed',
			failure: 'Interrupted by a restart; started again.',
			finishedAt: new Date()
		})
		.where(and(eq(backgroundJobs.kind, kind), eq(backgroundJobs.status, 'running')))
		.returning()
		.all().length;
}

/** Lets requests in between two batches of a long job. */
export const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

/** Thrown by a job's work at a slice boundary when the process stops: the job stays 'running', so the next start redoes it. */
export class JobStopped extends Error {}

/**
 * Runs a job's work and records how it ended: done, or failed with the reason. A job run in the
 * background names itself (`background`): nobody awaits it, so its failure is logged, never
 * thrown (a queue of jobs must go on). Otherwise the failure is thrown on to the caller.
 */
export async function runJob(
	db: Queryable,
	jobId: number,
	work: () => Promise<void>,
	{ background }: { background?: string } = {}
): Promise<void> {
	try {
		await work();
		finishJob(db, jobId);
	} catch (failure) {
		if (failure instanceof JobStopped) return;
		finishJob(db, jobId, failure);
		if (!background) throw failure;
		console.error(`${background} failed:`, failure);
	}
}
