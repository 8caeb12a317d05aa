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
import { serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import type { ClientFilter } from '../../schemas/client-filter';
import { preparedQuery, preparedWrite } from '../db/prepared';
import { onPostgres } from '../db/transaction';
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

const clientRow = preparedQuery('client_row', (db) =>
	db
		.select({ manager: clients.accountManagerId, annualValue: clients.annualValue })
		.from(clients)
		.where(eq(clients.id, sql.placeholder('clientId')))
);
const clientTagNames = preparedQuery('client_tag_names', (db) =>
	db
		.select({ name: tags.name })
		.from(clientTags)
		.innerJoin(tags, eq(tags.id, clientTags.tagId))
		.where(eq(clientTags.clientId, sql.placeholder('clientId')))
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
	const client = await clientRow.get(db, { clientId });
	if (!client) return {};
	const tagNames = (await clientTagNames.all(db, { clientId })).map(({ name }) =>
		name.toLowerCase()
	);
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
type CellKey = Omit<CellRowInput, 'cell'>;

const keyOfCell = ({ surveyVersionId, dimension, day }: CellKey) =>
	`${surveyVersionId}|${dimension}|${day}`;

// SQLite: prepared once per connection, one cell at a time (no round trips there). PostgreSQL
// reads and writes all the cells of a change in one statement each (`cellsOn`, `upsertCells`):
// a submission touches ten cells, and each round trip costs more than the statement.
const selectCell = preparedQuery('select_cell', (db) =>
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
);

/** PostgreSQL: the rows of unnest(@versions, @dimensions, @days), one per cell key. */
const cellKeyArrays = sql`unnest(cast(${sql.placeholder('versions')} as integer[]), cast(${sql.placeholder('dimensions')} as text[]), cast(${sql.placeholder('days')} as text[]))`;
const cellKeyArraysOf = (keys: CellKey[]) => ({
	versions: keys.map(({ surveyVersionId }) => surveyVersionId),
	dimensions: keys.map(({ dimension }) => dimension),
	days: keys.map(({ day }) => day)
});

const selectCells = preparedQuery('select_cells', (db) =>
	db
		.select({
			surveyVersionId: csiCells.surveyVersionId,
			dimension: csiCells.dimension,
			day: csiCells.day,
			cell: csiCells.cell
		})
		.from(csiCells)
		.where(
			sql`(${csiCells.surveyVersionId}, ${csiCells.dimension}, ${csiCells.day}) in (select * from ${cellKeyArrays})`
		)
);

/** The stored cells of these keys (a key without one is left out), in the caller's transaction. */
async function cellsOn(db: Queryable, keys: CellKey[]): Promise<Map<string, CsiCell>> {
	const stored = new Map<string, CsiCell>();
	if (!onPostgres(db)) {
		for (const key of keys) {
			const row = await selectCell.get(db, key);
			if (row) stored.set(keyOfCell(key), row.cell);
		}
		return stored;
	}
	if (!keys.length) return stored;
	for (const row of await selectCells.all(db, cellKeyArraysOf(keys)))
		stored.set(keyOfCell(row), row.cell);
	return stored;
}

type CellEntry = {
	surveyVersionId: number;
	day: string;
	dimensions: string[];
	scores: RespondentScores;
};

/**
 * Adds respondents to the cells of their day, month and dimensions, in the caller's transaction.
 * Each touched cell is read and written once however many respondents it gains. The cells are
 * locked first (all of them, in one order) until the transaction ends: on PostgreSQL another
 * node's submission could otherwise read the same cell before this one commits, and one of the
 * two additions would be lost.
 */
async function addToCells(db: Queryable, entries: CellEntry[]): Promise<void> {
	const touched = new Map<string, CellRowInput & { gains: RespondentScores[] }>();
	for (const { surveyVersionId, day, dimensions, scores } of entries)
		for (const { dimension, period } of cellKeysOf(dimensions, day)) {
			const key = keyOfCell({ surveyVersionId, dimension, day: period });
			const entry = touched.get(key) ?? {
				surveyVersionId,
				dimension,
				day: period,
				cell: emptyCell(),
				gains: []
			};
			entry.gains.push(scores);
			touched.set(key, entry);
		}
	await serializeOn(db, ...[...touched.values()].map(cellLockKey));
	const stored = await cellsOn(db, [...touched.values()]);
	for (const [key, entry] of touched) {
		entry.cell = stored.get(key) ?? entry.cell;
		for (const scores of entry.gains) addRespondent(entry.cell, scores);
	}
	await writeCells(db, [...touched.values()]);
}

/** The name a cell is locked by while a transaction changes it (`serializeOn`). */
const cellLockKey = (key: CellKey) => `csi cell ${keyOfCell(key)}`;

/**
 * Subscriber to `response.recorded`: each respondent joins the cells of their day, month and
 * dimensions, through the dispatcher's `tx`.
 */
export async function addRecordedToCells(
	db: Queryable,
	{ responses }: DomainEvents['response.recorded']
): Promise<void> {
	await addToCells(
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

const upsertCell = preparedWrite('upsert_cell', (db) =>
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
);

// PostgreSQL: the cells as one parameter, the JSON text of an array of rows; each cell's text is
// kept as written. As a `json[]` they cost three times as long: node-postgres escapes every quote.
const upsertCells = preparedWrite('upsert_cells', (db) =>
	db
		.insert(csiCells)
		.select(
			sql`select * from json_to_recordset(cast(${sql.placeholder('rows')} as json)) as r(v integer, d text, day text, cell json)`
		)
		.onConflictDoUpdate({
			target: [csiCells.surveyVersionId, csiCells.dimension, csiCells.day],
			set: { cell: sql`excluded.cell` }
		})
);
// A rebuild writes tens of thousands of cells: a statement per batch keeps each parameter small.
const CELLS_PER_STATEMENT = 2000;

/**
 * Writes cells (added to, or computed by a rebuild), replacing what was there; in the caller's
 * transaction. The keys must differ (one statement may not update a row twice on PostgreSQL).
 */
export async function writeCells(tx: Queryable, rows: CellRowInput[]): Promise<void> {
	if (onPostgres(tx)) {
		for (let at = 0; at < rows.length; at += CELLS_PER_STATEMENT) {
			const batch = rows.slice(at, at + CELLS_PER_STATEMENT);
			const written = batch.map(({ surveyVersionId, dimension, day, cell }) => ({
				v: surveyVersionId,
				d: dimension,
				day,
				cell
			}));
			await upsertCells(tx, { rows: JSON.stringify(written) });
		}
		return;
	}
	for (const { surveyVersionId, dimension, day, cell } of rows)
		await upsertCell(tx, { surveyVersionId, dimension, day, cell });
}

const deleteCell = preparedWrite('delete_cell', (db) =>
	db
		.delete(csiCells)
		.where(
			and(
				eq(csiCells.surveyVersionId, sql.placeholder('surveyVersionId')),
				eq(csiCells.dimension, sql.placeholder('dimension')),
				eq(csiCells.day, sql.placeholder('day'))
			)
		)
);

/** Deletes the cells of these keys, in the caller's transaction. */
export async function deleteCells(
	tx: Queryable,
	keys: { surveyVersionId: number; dimension: string; day: string }[]
): Promise<void> {
	for (const key of keys) await deleteCell(tx, key);
}

/**
 * Takes respondents out of the stored cells again (their responses were deleted), in the caller's
 * transaction (pass its `tx`); `rows` hold exactly what those respondents added. A cell left with
 * nobody goes.
 */
export async function subtractFromCells(tx: Queryable, rows: CellRowInput[]): Promise<void> {
	await serializeOn(tx, ...rows.map(cellLockKey));
	const cells = await cellsOn(tx, rows);
	for (const row of rows) {
		const stored = cells.get(keyOfCell(row));
		if (!stored) continue;
		const rest = cellWithout(stored, row.cell);
		const nobody =
			Object.keys(rest.patterns).length === 0 &&
			Object.values(rest.distribution).every((counts) => counts.every((n) => n === 0)) &&
			rest.nps.every((n) => n === 0);
		if (nobody) await deleteCell(tx, row);
		else await upsertCell(tx, { ...row, cell: rest });
	}
}
