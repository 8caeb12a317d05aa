import { and, count, eq, gt, isNotNull, max, or, sql } from 'drizzle-orm';
import { dimension, PAIR_SEPARATOR } from '../../analytics/dimensions';
import { clientIdsMatching } from '../clients/queries';
import { getSegment } from '../clients/segments';
import type { Db } from '../db';
import { backgroundJobs, csiCells, responses, surveyVersions } from '../db/schema';
import {
	createJob,
	failInterruptedJobs,
	JobStopped,
	latestJob,
	planJob,
	reportProgress,
	runJob,
	yieldToRequests,
	type Job
} from '../worker/jobs';
import {
	addToCellRows,
	cellRowKey,
	isWanted,
	PackedSums,
	scoredResponseBatches,
	type CellRow
} from './selection';
import { cellTargetsInvolving, cellTargetsOf, deleteCell, writeCells } from './cells';
import { markEveryScoreDayStale, repackStaleScoreDays, scoreDays } from './score-chunks';

/** What a rebuild recomputes: every cell, or one segment's (after its filter changed). */
export type RebuildTarget = { kind: 'all' } | { kind: 'segment'; segmentId: number };

/** Rebuilds waiting their turn merge into one plan: the segments to re-read, and every cell or only theirs. */
type Plan = { all: boolean; segments: number[] };

// Small enough that a batch is scored and added in a few milliseconds: requests wait at most one batch.
const BATCH = 200;

type Queue = {
	tail: Promise<void>;
	waiting: { jobId: number; plan: Plan; done: Promise<void> } | null;
	stopped: boolean;
};
const queues = new WeakMap<Db, Queue>();

function queueOf(db: Db): Queue {
	let queue = queues.get(db);
	if (!queue) queues.set(db, (queue = { tail: Promise.resolve(), waiting: null, stopped: false }));
	return queue;
}

/** The newest rebuild, for the progress bar. */
export function latestRebuild(db: Db): Job | null {
	return latestJob(db, 'cells');
}

const merged = (plan: Plan, more: Plan): Plan => ({
	all: plan.all || more.all,
	segments: [...new Set([...plan.segments, ...more.segments])]
});
const planOf = (target: RebuildTarget): Plan =>
	target.kind === 'all'
		? { all: true, segments: [] }
		: { all: false, segments: [target.segmentId] };

/**
 * Queues a rebuild and returns its job id at once; it runs in the background, one at a time,
 * yielding between small batches so the app keeps answering. A rebuild asked for while another
 * waits joins it: ten segment saves in a row cost one pass each for those ten segments, not ten
 * full rebuilds.
 */
export function startRebuild(
	db: Db,
	target: RebuildTarget,
	reason: string
): { id: number; done: Promise<void> } {
	return queuePlan(db, planOf(target), reason);
}

function queuePlan(db: Db, plan: Plan, reason: string): { id: number; done: Promise<void> } {
	const queue = queueOf(db);
	if (queue.waiting) {
		queue.waiting.plan = merged(queue.waiting.plan, plan);
		planJob(db, queue.waiting.jobId, queue.waiting.plan);
		return { id: queue.waiting.jobId, done: queue.waiting.done };
	}
	const total = db.select({ n: count() }).from(responses).get()!.n;
	const job = createJob(db, 'cells', reason, total);
	planJob(db, job.id, plan);
	const waiting = { jobId: job.id, plan, done: Promise.resolve() };
	waiting.done = queue.tail = queue.tail.then(() => {
		queue.waiting = null;
		return runRebuild(db, queue, job.id, waiting.plan);
	});
	queue.waiting = waiting;
	return { id: job.id, done: waiting.done };
}

/**
 * The server is shutting down: a running rebuild stops at its next batch boundary, before its
 * one writing transaction, and waiting ones do not start. Their jobs stay 'running', so
 * `resumeRebuilds` redoes them at the next start.
 */
export function stopRebuilds(db: Db): void {
	queueOf(db).stopped = true;
}

// How long a rebuild works before it lets requests in: one arriving meanwhile waits about this long.
const SLICE_MS = 15;

function runRebuild(db: Db, queue: Queue, jobId: number, plan: Plan): Promise<void> {
	let sliceStarted = performance.now();
	// Called after each small step; it yields once the steps since the last yield add up to a
	// slice, so a costly step (a member in many segments has many cells) shortens the slice.
	// `beforeLongStep` yields anyway: the step that follows makes a slice of its own.
	const nextSlice = async (beforeLongStep = false) => {
		if (!beforeLongStep && performance.now() - sliceStarted < SLICE_MS) return;
		await yieldToRequests();
		// After `stopRebuilds`: the job stays 'running', so the next start redoes it.
		if (queue.stopped) throw new JobStopped();
		sliceStarted = performance.now();
	};
	return runJob(
		db,
		jobId,
		async () => {
			// A job queued behind another starts in a slice of its own, not in the end of the last one's.
			await nextSlice(true);
			for (const segmentId of plan.segments) await resnapshotSegment(db, segmentId, nextSlice);
			if (plan.all) {
				// A full rebuild starts from the responses themselves: every day is packed again.
				markEveryScoreDayStale(db);
				await recomputeCells(db, jobId, { prefix: '' }, [], nextSlice);
			} else
				for (const segmentId of plan.segments)
					await recomputeCells(
						db,
						jobId,
						{ involving: dimension('segment', segmentId) },
						[dimension('segment', segmentId)],
						nextSlice
					);
		},
		{ background: 'Rebuilding the CSI cells' }
	);
}

/**
 * A segment's filter changed: past responses take their membership from their client's current
 * record, since no snapshot of the new filter exists. (Clients moving later change nothing.)
 * Cut short, it is simply redone: it sets each response from the current records again.
 */
async function resnapshotSegment(
	db: Db,
	segmentId: number,
	nextSlice: () => Promise<void>
): Promise<void> {
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
				const segments = members.has(clientId!)
					? [...others, segmentId].sort((a, b) => a - b)
					: others;
				if (segments.length !== (context.segments ?? []).length)
					tx.update(responses)
						.set({ context: { ...context, segments } })
						.where(eq(responses.id, id))
						.run();
			}
		});
		await nextSlice();
	}
}

/**
 * Recomputes the wanted cells from the packed responses up to the newest one at the start, then
 * swaps them in with one transaction that also adds the responses that arrived meanwhile. Stale
 * days are packed first (a segment's new members, or every day for a full rebuild), so the sums
 * are a pass over a few bytes per response. Only responses with every `required` dimension count.
 */
async function recomputeCells(
	db: Db,
	jobId: number,
	wanted: { prefix: '' } | { involving: string },
	required: string[],
	nextSlice: (beforeLongStep?: boolean) => Promise<void>
): Promise<void> {
	const total = db.select({ n: count() }).from(responses).get()!.n;
	// Progress: half for packing the responses, half for summing them.
	let packed = 0;
	let summed = 0;
	let reportedAt = 0;
	const progress = () => {
		// A write per day summed would cost more than the summing: a few per second are enough.
		if (performance.now() - reportedAt < PROGRESS_MS) return;
		reportedAt = performance.now();
		reportProgress(db, jobId, Math.min(total, Math.floor((packed + summed) / 2)));
	};
	for (;;) {
		const slice = repackStaleScoreDays(db, 1);
		packed += slice.responses;
		progress();
		if (!slice.days) break;
		await nextSlice();
	}
	const versionIds = db
		.select({ id: surveyVersions.id })
		.from(surveyVersions)
		.all()
		.map(({ id }) => id);
	const upToId =
		db
			.select({ id: max(responses.id) })
			.from(responses)
			.get()?.id ?? 0;
	const targetsOf = (dimensions: string[]) =>
		'involving' in wanted
			? cellTargetsInvolving(dimensions, wanted.involving)
			: required.every((name) => dimensions.includes(name))
				? cellTargetsOf(dimensions).filter(({ dimension }) => isWanted(wanted, dimension))
				: [];
	const sums = new PackedSums(targetsOf);
	for (const [versionId, day] of scoreDays(db)) {
		summed += sums.add(db, { versionIds: [versionId], from: day, to: day }, upToId);
		progress();
		await nextSlice();
	}
	const cells = new Map<string, CellRow>();
	for (const row of sums.cells()) {
		cells.set(cellRowKey(row), row);
		await nextSlice();
	}
	const stored = await storedCellKeys(db, wanted, nextSlice);
	const selection = { versionIds, required };
	// The swap cannot be split (readers see the old cells or the new, never a mix).
	await nextSlice(true);
	db.transaction((tx) => {
		for (const batch of scoredResponseBatches(tx, selection, { afterId: upToId }))
			addToCellRows(cells, batch, wanted);
		// Cells nobody counts in any more go; the rest are overwritten. Deleting "every cell of the
		// segment" instead would scan the whole table inside this transaction, stalling requests.
		for (const key of stored) if (!cells.has(key)) deleteCell(tx).run(parseCellKey(key));
		writeCells(tx, [...cells.values()]);
	});
	reportProgress(db, jobId, db.select({ n: count() }).from(responses).get()!.n);
}

const KEY_SLICE = 1000;
const PROGRESS_MS = 250;
const parseCellKey = (key: string) => {
	const [versionId, ...rest] = key.split('|');
	const day = rest.pop()!;
	return { surveyVersionId: Number(versionId), dimension: rest.join('|'), day };
};

/** The keys of the stored cells a rebuild replaces, read a slice at a time between requests. */
async function storedCellKeys(
	db: Db,
	wanted: { prefix: '' } | { involving: string },
	nextSlice: () => Promise<void>
): Promise<Set<string>> {
	const keys = new Set<string>();
	let afterRowid = 0;
	for (;;) {
		const slice = db
			.select({
				rowid: sql<number>`rowid`,
				surveyVersionId: csiCells.surveyVersionId,
				dimension: csiCells.dimension,
				day: csiCells.day
			})
			.from(csiCells)
			.where(sql`rowid > ${afterRowid}`)
			.orderBy(sql`rowid`)
			.limit(KEY_SLICE)
			.all();
		for (const row of slice) if (isWanted(wanted, row.dimension)) keys.add(cellRowKey(row));
		if (slice.length < KEY_SLICE) return keys;
		afterRowid = slice.at(-1)!.rowid;
		await nextSlice();
	}
}

/** A deleted segment's cells go at once, its own and those of every pair it is in: nothing can ask for them any more. */
export function dropSegmentCells(db: Db, segmentId: number): void {
	const name = dimension('segment', segmentId);
	db.delete(csiCells)
		.where(
			or(
				eq(csiCells.dimension, name),
				sql`substr(${csiCells.dimension}, 1, ${name.length + 1}) = ${name + PAIR_SEPARATOR}`,
				sql`substr(${csiCells.dimension}, -${name.length + 1}) = ${PAIR_SEPARATOR + name}`
			)
		)
		.run();
}

/**
 * At start: rebuilds cut short by a restart are marked failed and redone as one (their plans
 * merged; a job from before plans were recorded redoes everything), and a database whose
 * responses predate the cells gets them computed.
 */
export function resumeRebuilds(db: Db): void {
	const plans = db
		.select({ plan: backgroundJobs.plan })
		.from(backgroundJobs)
		.where(and(eq(backgroundJobs.kind, 'cells'), eq(backgroundJobs.status, 'running')))
		.all()
		.map(({ plan }) => plan ?? { all: true, segments: [] });
	failInterruptedJobs(db, 'cells');
	const hasResponses = db.select({ id: responses.id }).from(responses).limit(1).get() !== undefined;
	const hasCells = db.select({ day: csiCells.day }).from(csiCells).limit(1).get() !== undefined;
	const wanted = hasResponses && !hasCells ? [...plans, planOf({ kind: 'all' })] : plans;
	if (wanted.length)
		queuePlan(
			db,
			wanted.reduce(merged),
			plans.length ? 'Resumed after a restart' : 'First computation of the dashboard sums'
		);
}
