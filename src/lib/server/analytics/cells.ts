import { and, eq, sql } from 'drizzle-orm';
import {
	addRespondent,
	cellWithout,
	emptyCell,
	type CsiCell,
	type RespondentScores
} from '../../analytics/csi-cell';
import { filterConditions } from '../clients/filter';
import { listSegmentFilters } from '../clients/segments';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import type { ClientFilter } from '../../schemas/client-filter';
import { preparedStatement } from '../db/prepared';
import {
	dimensionPairs,
	dimensionsOf,
	EVERYONE,
	pairDimension,
	type ResponseContext
} from '../../analytics/dimensions';
import { utcDay } from '../../dates';
import { respondentScores } from '../../surveys/scores';
import type { DomainEvents } from '../events/domain-events';
import { clients, clientTags, csiCells, tags } from '../db/schema';

const clientRow = preparedStatement((db) =>
	db
		.select({ manager: clients.accountManagerId, annualValue: clients.annualValue })
		.from(clients)
		.where(eq(clients.id, sql.placeholder('clientId')))
		.prepare()
);
const clientTagNames = preparedStatement((db) =>
	db
		.select({ name: tags.name })
		.from(clientTags)
		.innerJoin(tags, eq(tags.id, clientTags.tagId))
		.where(eq(clientTags.clientId, sql.placeholder('clientId')))
		.prepare()
);

/** The query telling which of the saved segments a client belongs to now, in one row. */
function membershipQuery(
	db: Queryable,
	saved: { id: number; filter: ClientFilter }[],
	clientId: number,
	now: Date
) {
	const membership = Object.fromEntries(
		saved.map(({ id, filter }) => [
			`s${id}`,
			sql<number | null>`(${filterConditions(filter, now) ?? sql`1`})`
		])
	);
	return db.select(membership).from(clients).where(eq(clients.id, clientId));
}

/** The saved segments the client belongs to now, all answered by one query. */
async function segmentsOf(db: Queryable, clientId: number, now: Date): Promise<number[]> {
	const saved = await listSegmentFilters(db);
	if (!saved.length) return [];
	const row = await first(membershipQuery(db, saved, clientId, now));
	return saved.filter(({ id }) => row?.[`s${id}`]).map(({ id }) => id);
}

/** The client as they are now: what a response snapshots so history stays put when they move. */
export async function clientContext(
	db: Queryable,
	clientId: number,
	now = new Date()
): Promise<ResponseContext> {
	const client = clientRow(db).get({ clientId });
	if (!client) return {};
	const tagNames = clientTagNames(db)
		.all({ clientId })
		.map(({ name }) => name.toLowerCase());
	return {
		segments: await segmentsOf(db, clientId, now),
		tags: tagNames.sort(),
		manager: client.manager,
		annualValue: client.annualValue
	};
}

/** A cell a response counts in, whatever its day: a dimension (or pair) by day or by month. */
export type CellTarget = { dimension: string; by: 'day' | 'month' };

/**
 * The cells a response counts in: each of its dimensions by day and by month (`YYYY-MM`) — trends
 * by week read days, everything else whole months and only the days at a range's ragged ends —
 * and each pair of dimensions by month.
 */
export function cellTargetsOf(dimensions: string[]): CellTarget[] {
	return [
		...dimensions.flatMap((dimension): CellTarget[] => [
			{ dimension, by: 'day' },
			{ dimension, by: 'month' }
		]),
		...dimensionPairs(dimensions).map((dimension): CellTarget => ({ dimension, by: 'month' }))
	];
}

/**
 * What `cellTargetsOf` yields that involves one dimension — the dimension's own cells and its
 * pairs — without making every other pair: a segment's rebuild asks this of every response, and
 * a client in many segments has thousands of pairs.
 */
export function cellTargetsInvolving(dimensions: string[], involved: string): CellTarget[] {
	if (!dimensions.includes(involved)) return [];
	return [
		{ dimension: involved, by: 'day' },
		{ dimension: involved, by: 'month' },
		...dimensions
			.filter((other) => other !== involved && other !== EVERYONE)
			.map((other): CellTarget => ({ dimension: pairDimension(involved, other), by: 'month' }))
	];
}

/** The period a cell of `by` covers on `day`: the day, or its month. */
export const periodOfCell = (by: CellTarget['by'], day: string) =>
	by === 'day' ? day : day.slice(0, 7);

/** The cells (dimension and period) a response with these dimensions on this day counts in. */
export const cellKeysOf = (dimensions: string[], day: string) =>
	cellTargetsOf(dimensions).map(({ dimension, by }) => ({
		dimension,
		period: periodOfCell(by, day)
	}));

type CellRowInput = { surveyVersionId: number; dimension: string; day: string; cell: CsiCell };

// Submissions touch ten cells each: prepared once per connection or transaction, not per cell.
const selectCell = preparedStatement((db) =>
	db
		.select({ cell: csiCells.cell })
		.from(csiCells)
		.where(
			and(
				eq(csiCells.surveyVersionId, sql.placeholder('surveyVersionId')),
				eq(csiCells.dimension, sql.placeholder('dimension')),
				eq(csiCells.day, sql.placeholder('day'))
			)
		)
		.prepare()
);

type CellEntry = {
	surveyVersionId: number;
	day: string;
	dimensions: string[];
	scores: RespondentScores;
};

/**
 * Adds respondents to the cells of their day, month and dimensions, in the caller's transaction.
 * Each touched cell is read and written once however many respondents it gains.
 */
function addToCells(db: Queryable, entries: CellEntry[]): void {
	const touched = new Map<string, CellRowInput>();
	for (const { surveyVersionId, day, dimensions, scores } of entries) {
		for (const { dimension, period } of cellKeysOf(dimensions, day)) {
			const key = `${surveyVersionId}|${dimension}|${period}`;
			let entry = touched.get(key);
			if (!entry) {
				const existing = selectCell(db).get({ surveyVersionId, dimension, day: period });
				touched.set(
					key,
					(entry = { surveyVersionId, dimension, day: period, cell: existing?.cell ?? emptyCell() })
				);
			}
			addRespondent(entry.cell, scores);
		}
	}
	writeCellRows(db, [...touched.values()]);
}

/**
 * Subscriber to `response.recorded`: each respondent joins the cells of their day, month and
 * dimensions, through the dispatcher's `tx`. Synchronous on purpose while #17 converts the
 * dispatchers: its statements are prepared ones that run at once, and a subscriber returning a
 * promise would make the bus defer every later subscriber past a synchronous dispatcher's commit.
 */
export function addRecordedToCells(
	db: Queryable,
	{ responses }: DomainEvents['response.recorded']
): void {
	addToCells(
		db,
		responses.map((response) => ({
			surveyVersionId: response.surveyVersionId,
			day: utcDay(response.submittedAt),
			dimensions: dimensionsOf(response.context, response.language),
			scores: respondentScores(
				response.definition,
				response.answers,
				response.context.annualValue ?? null
			)
		}))
	);
}

const upsertCell = preparedStatement((db) =>
	db
		.insert(csiCells)
		.values({
			surveyVersionId: sql.placeholder('surveyVersionId'),
			dimension: sql.placeholder('dimension'),
			day: sql.placeholder('day'),
			cell: sql.placeholder('cell')
		})
		.onConflictDoUpdate({
			target: [csiCells.surveyVersionId, csiCells.dimension, csiCells.day],
			set: { cell: sql`excluded.cell` }
		})
		.prepare()
);

/** Writes cells computed elsewhere (a rebuild), replacing what was there; in the caller's transaction. */
export async function writeCells(tx: Queryable, rows: CellRowInput[]): Promise<void> {
	writeCellRows(tx, rows);
}

function writeCellRows(db: Queryable, rows: CellRowInput[]): void {
	const upsert = upsertCell(db);
	for (const row of rows) upsert.run(row);
}

const deleteCell = preparedStatement((db) =>
	db
		.delete(csiCells)
		.where(
			and(
				eq(csiCells.surveyVersionId, sql.placeholder('surveyVersionId')),
				eq(csiCells.dimension, sql.placeholder('dimension')),
				eq(csiCells.day, sql.placeholder('day'))
			)
		)
		.prepare()
);

/** Deletes the cells of these keys, in the caller's transaction. */
export async function deleteCells(
	tx: Queryable,
	keys: { surveyVersionId: number; dimension: string; day: string }[]
): Promise<void> {
	const remove = deleteCell(tx);
	for (const key of keys) remove.run(key);
}

/**
 * Takes respondents out of the stored cells again (their responses were deleted), in the caller's
 * transaction (pass its `tx`); `rows` hold exactly what those respondents added. A cell left with
 * nobody goes.
 */
export async function subtractFromCells(tx: Queryable, rows: CellRowInput[]): Promise<void> {
	for (const row of rows) {
		const stored = selectCell(tx).get(row)?.cell;
		if (!stored) continue;
		const rest = cellWithout(stored, row.cell);
		const nobody =
			Object.keys(rest.patterns).length === 0 &&
			Object.values(rest.distribution).every((counts) => counts.every((n) => n === 0)) &&
			rest.nps.every((n) => n === 0);
		if (nobody) deleteCell(tx).run(row);
		else upsertCell(tx).run({ ...row, cell: rest });
	}
}
