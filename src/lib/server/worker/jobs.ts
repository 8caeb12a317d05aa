import { and, desc, eq } from 'drizzle-orm';
import type { JobReason } from '../../jobs/job-text';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { backgroundJobs, jobKinds } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { thisNode } from './lease';
import { abandonedBy } from './nodes';
import { safeMessage, withoutData } from '../log-safe';

export type JobKind = (typeof jobKinds)[number];
export type Job = typeof backgroundJobs.$inferSelect;

/*
 * The writers take the caller's `tx` (they run inside its transaction) or, outside one, the
 * database (they then open their own). `inTransaction` tells the two apart: on the `tx` of the
 * transaction running, it is a savepoint.
 */

/** Records a job about to run over `total` items; its progress feeds the progress bars. */
export async function createJob(
	db: Db,
	kind: JobKind,
	reason: JobReason,
	total: number
): Promise<Job> {
	return inTransaction(db, async (tx) => {
		const [job] = await tx
			.insert(backgroundJobs)
			.values({
				kind,
				reasonCode: reason.code,
				reasonParams: reason.params ?? null,
				status: 'running',
				total,
				done: 0,
				startedAt: new Date(),
				claimedBy: thisNode
			})
			.returning();
		return job!;
	});
}

/** What the job will do, kept so that a restart can redo a job it cut short. */
export async function planJob(db: Db, jobId: number, plan: Job['plan']): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx.update(backgroundJobs).set({ plan }).where(eq(backgroundJobs.id, jobId));
	});
}

export async function reportProgress(db: Db, jobId: number, done: number): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx.update(backgroundJobs).set({ done }).where(eq(backgroundJobs.id, jobId));
	});
}

export async function finishJob(db: Db, jobId: number, failure?: unknown): Promise<void> {
	const failed = failure !== undefined;
	await inTransaction(db, async (tx) => {
		await tx
			.update(backgroundJobs)
			.set({
				status: failed ? 'failed' : 'done',
				failure: failed ? safeMessage(failure) : null,
				finishedAt: new Date()
			})
			.where(eq(backgroundJobs.id, jobId));
	});
}

export async function latestJob(db: Queryable, kind: JobKind): Promise<Job | null> {
	return (
		(await first(
			db
				.select()
				.from(backgroundJobs)
				.where(eq(backgroundJobs.kind, kind))
				.orderBy(desc(backgroundJobs.id))
				.limit(1)
		)) ?? null
	);
}

/**
 * Jobs of `kind` still running on a node that died or stopped (worker/nodes.ts) are marked failed
 * and returned, for the caller to start again: exactly one caller gets each, however many nodes
 * look at once (the update decides). Those of living nodes, this one included, are theirs.
 */
export async function failInterruptedJobs(
	db: Db,
	kind: JobKind,
	now = new Date()
): Promise<Pick<Job, 'id' | 'plan'>[]> {
	return inTransaction(db, async (tx) =>
		tx
			.update(backgroundJobs)
			.set({
				status: 'failed',
				failureCode: 'interrupted',
				finishedAt: now
			})
			.where(
				and(
					eq(backgroundJobs.kind, kind),
					eq(backgroundJobs.status, 'running'),
					abandonedBy(backgroundJobs.claimedBy, now)
				)
			)
			.returning({ id: backgroundJobs.id, plan: backgroundJobs.plan })
	);
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
	db: Db,
	jobId: number,
	work: () => Promise<void>,
	{ background }: { background?: string } = {}
): Promise<void> {
	try {
		await work();
		await finishJob(db, jobId);
	} catch (failure) {
		if (failure instanceof JobStopped) return;
		await finishJob(db, jobId, failure);
		if (!background) throw failure;
		console.error(`${background} failed:`, withoutData(failure));
	}
}
