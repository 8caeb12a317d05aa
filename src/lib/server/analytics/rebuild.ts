import { and, count, eq, gt, isNotNull, max, or, sql } from 'drizzle-orm';
import { dimension, PAIR_SEPARATOR } from '../../analytics/dimensions';
import { clientIdsMatching } from '../clients/queries';
import { getSegment } from '../clients/segments';
import type { Db } from '../db';
import { csiCells, responses, surveyVersions } from '../db/schema';
import { createJob, failInterruptedJobs, finishJob, latestJob, reportProgress, yieldToRequests, type Job } from '../jobs';
import { addToCellRows, scoredResponseBatches, type CellRow } from './selection';
import { writeCells } from './cells';

/** What a rebuild recomputes: every cell, or one segment's (after its filter changed). */
export type RebuildTarget = { kind: 'all' } | { kind: 'segment'; segmentId: number };

const BATCH = 2000;

let queue: Promise<void> = Promise.resolve();

/** The newest rebuild, for the progress bar. */
export function latestRebuild(db: Db): Job | null {
	return latestJob(db, 'cells');
}

/**
 * Queues a rebuild and returns its id at once; it runs in the background, one at a time,
 * yielding between batches so the app keeps answering.
 */
export function startRebuild(db: Db, target: RebuildTarget, reason: string): { id: number; done: Promise<void> } {
	const total = db.select({ n: count() }).from(responses).get()!.n;
	const job = createJob(db, 'cells', reason, total);
	const done = (queue = queue.then(() => runRebuild(db, job.id, target)));
	return { id: job.id, done };
}

async function runRebuild(db: Db, jobId: number, target: RebuildTarget): Promise<void> {
	try {
		if (target.kind === 'segment') await resnapshotSegment(db, jobId, target.segmentId);
		const wanted: { prefix: '' } | { involving: string } = target.kind === 'all' ? { prefix: '' } : { involving: dimension('segment', target.segmentId) };
		await recomputeCells(db, jobId, wanted);
		finishJob(db, jobId);
	} catch (error) {
		console.error('Rebuilding the CSI cells failed:', error);
		finishJob(db, jobId, error);
	}
}

/**
 * A segment's filter changed: past responses take their membership from their client's current
 * record, since no snapshot of the new filter exists. (Clients moving later change nothing.)
 */
async function resnapshotSegment(db: Db, jobId: number, segmentId: number): Promise<void> {
	const segment = getSegment(db, segmentId);
	const members = new Set(segment ? clientIdsMatching(db, segment.filter) : []);
	let afterId = 0;
	for (;;) {
		const batch = db
			.select({ id: responses.id, clientId: responses.clientId, context: responses.context })
			.from(responses)
			.where(and(isNotNull(responses.clientId), gt(responses.id, afterId)))
			.orderBy(responses.id)
			.limit(BATCH)
			.all();
		if (!batch.length) return;
		afterId = batch.at(-1)!.id;
		db.transaction((tx) => {
			for (const { id, clientId, context } of batch) {
				const others = (context.segments ?? []).filter((other) => other !== segmentId);
				const segments = members.has(clientId!) ? [...others, segmentId].sort((a, b) => a - b) : others;
				if (segments.length !== (context.segments ?? []).length) tx.update(responses).set({ context: { ...context, segments } }).where(eq(responses.id, id)).run();
			}
		});
		await yieldToRequests();
	}
}

/**
 * Recomputes the wanted cells from the responses up to the newest one at the start, then swaps
 * them in with one transaction that also adds the responses that arrived meanwhile.
 */
async function recomputeCells(db: Db, jobId: number, wanted: { prefix: '' } | { involving: string }): Promise<void> {
	const versionIds = db.select({ id: surveyVersions.id }).from(surveyVersions).all().map(({ id }) => id);
	const selection = { versionIds, required: [] };
	const upToId = db.select({ id: max(responses.id) }).from(responses).get()?.id ?? 0;
	const cells = new Map<string, CellRow>();
	let done = 0;
	for (const batch of scoredResponseBatches(db, selection, { upToId })) {
		addToCellRows(cells, batch, wanted);
		done += batch.length;
		reportProgress(db, jobId, done);
		await yieldToRequests();
	}
	db.transaction((tx) => {
		for (const batch of scoredResponseBatches(tx, selection, { afterId: upToId })) addToCellRows(cells, batch, wanted);
		tx.delete(csiCells).where(cellsOf(wanted)).run();
		writeCells(tx, [...cells.values()]);
	});
	reportProgress(db, jobId, db.select({ n: count() }).from(responses).get()!.n);
}

/** The stored cells a rebuild replaces: all, or a dimension's own and those of every pair it is in. */
function cellsOf(wanted: { prefix: '' } | { involving: string }) {
	if ('prefix' in wanted) return undefined;
	const name = wanted.involving;
	return or(
		eq(csiCells.dimension, name),
		sql`substr(${csiCells.dimension}, 1, ${name.length + 1}) = ${name + PAIR_SEPARATOR}`,
		sql`substr(${csiCells.dimension}, -${name.length + 1}) = ${PAIR_SEPARATOR + name}`
	);
}

/** A deleted segment's cells go at once: nothing can ask for them any more. */
export function dropSegmentCells(db: Db, segmentId: number): void {
	db.delete(csiCells).where(cellsOf({ involving: dimension('segment', segmentId) })).run();
}

/**
 * At start: a rebuild cut short by a restart is marked failed and redone, and a database whose
 * responses predate the cells gets them computed.
 */
export function resumeRebuilds(db: Db): void {
	const interrupted = failInterruptedJobs(db, 'cells');
	const hasResponses = db.select({ id: responses.id }).from(responses).limit(1).get() !== undefined;
	const hasCells = db.select({ day: csiCells.day }).from(csiCells).limit(1).get() !== undefined;
	if (interrupted || (hasResponses && !hasCells)) startRebuild(db, { kind: 'all' }, interrupted ? 'Resumed after a restart' : 'First computation of the dashboard sums');
}
