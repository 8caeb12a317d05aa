import { and, asc, count, eq, gt, isNotNull, max, or, sql } from 'drizzle-orm';
import { dimension, PAIR_SEPARATOR } from '../../analytics/dimensions';
import { clientIdsMatching } from '../clients/queries';
import { getSegment } from '../clients/segments';
import type { JobReason } from '../../jobs/job-text';
import type { Db } from '../db';
import { first } from '../db/queries';
import { lastCharacters } from '../db/dialect';
import { inTransaction, onPostgres } from '../db/transaction';
import { csiCells, responses, surveyVersions } from '../db/schema';
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
import { cellTargetsInvolving, cellTargetsOf, deleteCells, writeCells } from './cells';
import {
	markEveryScoreDayStale,
	repackStaleScoreDays,
	scoreDays,
	type DayRange
} from './score-chunks';

/** What a rebuild recomputes: every cell, or one segment's (after its filter changed). */
export type RebuildTarget = { kind: 'all' } | { kind: 'segment'; segmentId: number };

/** Rebuilds waiting their turn merge into one plan: the segments to re-read, and every cell or only theirs. */
type Plan = { all: boolean; segments: number[] };

// Small enough that a batch is scored and added in a few milliseconds: requests wait at most one batch.
const BATCH = 200;

type Queue = {
	tail: Promise<void>;
	/** Rebuilds being queued, one after another: each sees what the one before it queued. */
	queuing: Promise<unknown>;
	waiting: { jobId: number; plan: Plan; done: Promise<void> } | null;
	stopped: boolean;
};
const queues = new WeakMap<Db, Queue>();

function queueOf(db: Db): Queue {
	let queue = queues.get(db);
	if (!queue)
		queues.set(
			db,
			(queue = {
				tail: Promise.resolve(),
				queuing: Promise.resolve(),
				waiting: null,
				stopped: false
			})
		);
	return queue;
}

/** The newest rebuild, for the progress bar. */
export async function latestRebuild(db: Db): Promise<Job | null> {
	return await latestJob(db, 'cells');
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
	reason: JobReason
): Promise<{ id: number; done: Promise<void> }> {
	return queuePlan(db, planOf(target), reason);
}

type Queued = { id: number; done: Promise<void> };

function queuePlan(db: Db, plan: Plan, reason: JobReason): Promise<Queued> {
	const queue = queueOf(db);
	// One at a time: a rebuild asked for while another is being queued joins it.
	const queued = queue.queuing.then(() => queuePlanNow(db, queue, plan, reason));
	queue.queuing = queued.catch(() => undefined);
	return queued;
}

async function queuePlanNow(db: Db, queue: Queue, plan: Plan, reason: JobReason): Promise<Queued> {
	const { waiting: joining } = queue;
	if (joining) {
		// Merged before the write: should the job start meanwhile, it runs with this plan, which
		// `queue.waiting` no longer names by then.
		const joined = (joining.plan = merged(joining.plan, plan));
		await inTransaction(db, async (tx) => {
			await planJob(tx, joining.jobId, joined);
		});
		return { id: joining.jobId, done: joining.done };
	}
	const job = await inTransaction(db, async (tx) => {
		const total = (await first(tx.select({ n: count() }).from(responses)))!.n;
		const created = await createJob(tx, 'cells', reason, total);
		await planJob(tx, created.id, plan);
		return created;
	});
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
				await markEveryScoreDayStale(db);
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
	const segment = await getSegment(db, segmentId);
	const members = new Set(segment ? await clientIdsMatching(db, segment.filter) : []);
	let afterId = 0;
	for (;;) {
		// Each batch is read in the transaction that rewrites it, so it rewrites what it read.
		const batch = await inTransaction(db, async (tx) => {
			const batch = await tx
				.select({ id: responses.id, clientId: responses.clientId, context: responses.context })
				.from(responses)
				.where(and(isNotNull(responses.clientId), gt(responses.id, afterId)))
				.orderBy(responses.id)
				.limit(BATCH);
			for (const { id, clientId, context } of batch) {
				const others = (context.segments ?? []).filter((other) => other !== segmentId);
				const segments = members.has(clientId!)
					? [...others, segmentId].sort((a, b) => a - b)
					: others;
				if (segments.length !== (context.segments ?? []).length)
					await tx
						.update(responses)
						.set({ context: { ...context, segments } })
						.where(eq(responses.id, id));
			}
			return batch;
		});
		if (!batch.length) return;
		afterId = batch.at(-1)!.id;
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
	const total = (await first(db.select({ n: count() }).from(responses)))!.n;
	// Progress: half for packing the responses, half for summing them.
	let packed = 0;
	let summed = 0;
	let reportedAt = 0;
	const progress = async () => {
		// A write per day summed would cost more than the summing: a few per second are enough.
		if (performance.now() - reportedAt < PROGRESS_MS) return;
		reportedAt = performance.now();
		await progressOf(db, jobId, Math.min(total, Math.floor((packed + summed) / 2)));
	};
	for (;;) {
		const slice = await repackStaleScoreDays(db, 1);
		packed += slice.responses;
		await progress();
		if (!slice.days) break;
		await nextSlice();
	}
	const versionIds = (await db.select({ id: surveyVersions.id }).from(surveyVersions)).map(
		({ id }) => id
	);
	const upToId = (await first(db.select({ id: max(responses.id) }).from(responses)))?.id ?? 0;
	const targetsOf = (dimensions: string[]) =>
		'involving' in wanted
			? cellTargetsInvolving(dimensions, wanted.involving)
			: required.every((name) => dimensions.includes(name))
				? cellTargetsOf(dimensions).filter(({ dimension }) => isWanted(wanted, dimension))
				: [];
	const sums = new PackedSums(targetsOf);
	for (const range of dayRuns(await scoreDays(db), SUMMED_DAYS)) {
		summed += await sums.add(db, range, upToId);
		await progress();
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
	await inTransaction(db, async (tx) => {
		// PostgreSQL: submissions (and deletions) wait until the swap commits, and those under way
		// finish first, so none adds to a cell between the read below and the swap's write of it.
		// SQLite's writer runs one transaction at a time anyway.
		if (onPostgres(tx)) await tx.execute(sql`lock table ${responses} in share mode`);
		for await (const batch of scoredResponseBatches(tx, selection, { afterId: upToId }))
			addToCellRows(cells, batch, wanted);
		// Cells nobody counts in any more go; the rest are overwritten. Deleting "every cell of the
		// segment" instead would scan the whole table inside this transaction, stalling requests.
		await deleteCells(tx, [...stored].filter((key) => !cells.has(key)).map(parseCellKey));
		await writeCells(tx, [...cells.values()]);
	});
	await progressOf(db, jobId, (await first(db.select({ n: count() }).from(responses)))!.n);
}

/** Records a job's progress, in a transaction of its own. */
async function progressOf(db: Db, jobId: number, done: number): Promise<void> {
	await inTransaction(db, async (tx) => {
		await reportProgress(tx, jobId, done);
	});
}

/** Runs of up to `length` days of one version each, in order, each to be read in one go. */
function dayRuns(days: [number, string][], length: number): Required<DayRange>[] {
	const runs: (Required<DayRange> & { days: number })[] = [];
	for (const [versionId, day] of days) {
		const last = runs.at(-1);
		if (last && last.versionIds[0] === versionId && last.days < length) {
			last.to = day;
			last.days++;
		} else runs.push({ versionIds: [versionId], from: day, to: day, days: 1 });
	}
	return runs.map(({ versionIds, from, to }) => ({ versionIds, from, to }));
}

// Reading a day costs a few round trips on PostgreSQL whatever its size; summing four days of a
// busy survey (1,000,000 responses in 18 months) holds the thread for about a slice.
const SUMMED_DAYS = 4;
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
	if (onPostgres(db)) return pgStoredCellKeys(db, wanted, nextSlice);
	const keys = new Set<string>();
	let afterRowid = 0;
	for (;;) {
		const slice = await db
			.select({
				rowid: sql<number>`rowid`,
				surveyVersionId: csiCells.surveyVersionId,
				dimension: csiCells.dimension,
				day: csiCells.day
			})
			.from(csiCells)
			.where(sql`rowid > ${afterRowid}`)
			.orderBy(sql`rowid`)
			.limit(KEY_SLICE);
		for (const row of slice) if (isWanted(wanted, row.dimension)) keys.add(cellRowKey(row));
		if (slice.length < KEY_SLICE) return keys;
		afterRowid = slice.at(-1)!.rowid;
		await nextSlice();
	}
}

/** `storedCellKeys` on PostgreSQL, which has no rowid: slices along the primary key instead. */
async function pgStoredCellKeys(
	db: Db,
	wanted: { prefix: '' } | { involving: string },
	nextSlice: () => Promise<void>
): Promise<Set<string>> {
	const keys = new Set<string>();
	let after: { surveyVersionId: number; dimension: string; day: string } | undefined;
	for (;;) {
		const slice = await db
			.select({
				surveyVersionId: csiCells.surveyVersionId,
				dimension: csiCells.dimension,
				day: csiCells.day
			})
			.from(csiCells)
			.where(
				after &&
					sql`(${csiCells.surveyVersionId}, ${csiCells.dimension}, ${csiCells.day}) > (${after.surveyVersionId}, ${after.dimension}, ${after.day})`
			)
			.orderBy(asc(csiCells.surveyVersionId), asc(csiCells.dimension), asc(csiCells.day))
			.limit(KEY_SLICE);
		for (const row of slice) if (isWanted(wanted, row.dimension)) keys.add(cellRowKey(row));
		if (slice.length < KEY_SLICE) return keys;
		after = slice.at(-1)!;
		await nextSlice();
	}
}

/** A deleted segment's cells go at once, its own and those of every pair it is in: nothing can ask for them any more. */
export async function dropSegmentCells(db: Db, segmentId: number): Promise<void> {
	const name = dimension('segment', segmentId);
	await inTransaction(db, async (tx) => {
		await tx
			.delete(csiCells)
			.where(
				or(
					eq(csiCells.dimension, name),
					sql`substr(${csiCells.dimension}, 1, ${name.length + 1}) = ${name + PAIR_SEPARATOR}`,
					sql`${lastCharacters(csiCells.dimension, name.length + 1)} = ${PAIR_SEPARATOR + name}`
				)
			);
	});
}

/** The merged plan of the rebuilds a stopped node cut short (marked failed), if any. */
async function interruptedPlan(db: Db): Promise<Plan | null> {
	const interrupted = await failInterruptedJobs(db, 'cells');
	// A job from before plans were recorded redoes everything.
	const plans = interrupted.map(({ plan }) => plan ?? { all: true, segments: [] });
	return plans.length ? plans.reduce(merged) : null;
}

/** Periodically: rebuilds a node that stopped or died cut short are redone here, as one. */
export async function takeOverRebuilds(db: Db): Promise<void> {
	const plan = await interruptedPlan(db);
	if (plan) await queuePlan(db, plan, { code: 'resumed' });
}

/**
 * At start: rebuilds cut short by a restart are redone as one, and a database whose responses
 * predate the cells gets them computed.
 */
export async function resumeRebuilds(db: Db): Promise<void> {
	const plan = await interruptedPlan(db);
	const hasResponses =
		(await first(db.select({ id: responses.id }).from(responses).limit(1))) !== undefined;
	const hasCells =
		(await first(db.select({ day: csiCells.day }).from(csiCells).limit(1))) !== undefined;
	const wanted = [
		...(plan ? [plan] : []),
		...(hasResponses && !hasCells ? [planOf({ kind: 'all' })] : [])
	];
	if (wanted.length)
		await queuePlan(
			db,
			wanted.reduce(merged),
			plan ? { code: 'resumed' } : { code: 'firstCellsComputation' }
		);
}
