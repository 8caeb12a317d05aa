import { is, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { engine } from './engine';
import type { Queryable } from './index';
import type { PgDb } from './postgres';
import { preparedPgSql } from './prepared';

/**
 * A text column compared and sorted regardless of case, the way its index is built: SQLite's
 * `collate nocase` (ASCII letters only), PostgreSQL's `lower(…)` (all of Unicode). Both sides of
 * a comparison need it: `${caseless(tags.name)} = ${caseless(sql`${name}`)}`.
 */
export const caseless = (column: AnyColumn | SQL): SQL =>
	engine === 'postgres' ? sql`lower(${column})` : sql`${column} collate nocase`;

/** `caseless` for plain SQL (plain-sql.ts): a column's or parameter's text, as `caseless` compares it. */
export const caselessSql = (expression: string): string =>
	engine === 'postgres' ? `lower(${expression})` : `${expression} collate nocase`;

/**
 * The texts of a group joined by `separator`, in no particular order (null for no rows): SQLite's
 * `group_concat`, PostgreSQL's `string_agg`.
 */
export const joinedTexts = (text: SQL, separator: string): SQL<string | null> =>
	engine === 'postgres'
		? sql`string_agg(${text}, ${separator})`
		: sql`group_concat(${text}, ${separator})`;

/**
 * A select whose rows stay locked until the transaction ends, for a read that decides a write:
 * PostgreSQL's READ COMMITTED lets two transactions read the same value otherwise. SQLite's
 * builders have no `for`: there one transaction writes at a time anyway. `skipLocked` leaves out
 * rows another transaction holds, for a queue that several workers take from at once.
 */
export function forUpdate<Query extends object>(
	query: Query,
	{ skipLocked = false }: { skipLocked?: boolean } = {}
): Query {
	const lockable = query as Query & {
		for?: (strength: 'update', config?: { skipLocked?: boolean }) => Query;
	};
	return lockable.for ? lockable.for('update', skipLocked ? { skipLocked } : undefined) : query;
}

const lockInHashOrder = preparedPgSql(
	'serialize_on',
	'select pg_advisory_xact_lock(hash) from (select distinct hashtextextended(key, 0) as hash from unnest(cast($1 as text[])) as key) as keys order by hash'
);

/**
 * Makes the transactions that name the same key run this part one after another, until each ends:
 * for a check that counts rows no row lock can hold, such as failures about to be recorded.
 * PostgreSQL: transaction-level advisory locks, all taken by one statement in one order (of the
 * keys' hashes) so that two transactions never wait for each other: since PostgreSQL 9.6 a
 * volatile function of the select list runs after the `order by` sort. SQLite: nothing to do, its
 * writer runs one transaction at a time.
 */
export async function serializeOn(tx: Queryable, ...keys: string[]): Promise<void> {
	if (!is(tx, PgDatabase) || !keys.length) return;
	await lockInHashOrder(tx, [[...new Set(keys)]]);
}
/** The last `length` characters of a text (SQLite `substr(x, -n)`, PostgreSQL `right(x, n)`). */
export const lastCharacters = (text: AnyColumn | SQL, length: number): SQL =>
	engine === 'postgres' ? sql`right(${text}, ${length})` : sql`substr(${text}, -${length})`;

/** Where `search` first occurs in a text, from 1; 0 when it does not (SQLite `instr`, PostgreSQL `strpos`). */
export const positionOf = (text: AnyColumn | SQL, search: SQL | string): SQL<number> =>
	engine === 'postgres' ? sql`strpos(${text}, ${search})` : sql`instr(${text}, ${search})`;

/**
 * Runs `read` in one snapshot of a PostgreSQL database, so that its queries see one state of the
 * data: a read-only REPEATABLE READ transaction, or the transaction `db` already is. (SQLite's
 * readers take a deferred transaction of better-sqlite3, synchronously, on their own path.)
 */
export async function inPgSnapshot<T>(
	db: Queryable,
	read: (tx: Queryable) => Promise<T>
): Promise<T> {
	const pg = db as unknown as PgDb;
	if (is(pg, PgTransaction)) return read(db);
	return pg.transaction((tx) => read(tx as unknown as Queryable), {
		isolationLevel: 'repeatable read',
		accessMode: 'read only'
	});
}

/** The rows of plain SQL on PostgreSQL, each as its columns' values in the order selected. */
export async function pgRows<Row extends unknown[]>(db: Queryable, query: SQL): Promise<Row[]> {
	const { rows } = await (db as unknown as PgDb).execute<Record<string, unknown>>(query);
	return rows.map((row) => Object.values(row) as Row);
}

/**
 * PostgreSQL, before a chunk is packed again from its rows: the transactions that marked a day
 * stale (their triggers' `on conflict do nothing` takes no row lock when the mark exists) finish
 * first, and new ones wait until this one commits, so the rows read include every change the mark
 * it then clears stood for. Packers wait for each other too. SQLite: one writer at a time anyway.
 */
export async function lockStaleMarks(
	tx: Queryable,
	table: 'stale_score_chunks' | 'stale_tone_chunks'
): Promise<void> {
	await (tx as unknown as PgDb).execute(sql.raw(`lock table ${table} in share row exclusive mode`));
}

/**
 * Whether a text matches a `like` pattern whose `\` escapes `%`, `_` and itself, regardless of
 * case as SQLite's `like` does by default (ASCII letters only); PostgreSQL's `like` heeds case, its
 * `ilike` does not (all of Unicode).
 */
export const caselessLike = (text: SQL | AnyColumn, pattern: string): SQL =>
	engine === 'postgres'
		? sql`${text} ilike ${pattern} escape '\\'`
		: sql`${text} like ${pattern} escape '\\'`;

/**
 * The values of a group as a JSON array's text (`[]` for no rows), each once when `distinct`:
 * SQLite's `json_group_array`, PostgreSQL's `json_agg` (null for no rows there).
 */
export const jsonArrayOf = (value: SQL, { distinct = false } = {}): SQL<string> => {
	const each = distinct ? sql`distinct ${value}` : value;
	return engine === 'postgres'
		? sql`coalesce(json_agg(${each}), '[]'::json)`
		: sql`json_group_array(${each})`;
};

/** Whether `text` holds `part` anywhere, case heeded. */
export const containsText = (text: SQL | AnyColumn, part: SQL | string): SQL =>
	sql`${positionOf(text, part)} > 0`;

/** The SQL type a column of `jsonRowsSql` is read as. */
export type JsonRowsType = 'bigint' | 'double precision' | 'text';

/**
 * Rows passed as one parameter, the JSON text of an array of objects, as a table named `alias`
 * for plain SQL (plain-sql.ts): `from ${jsonRowsSql('@rows', 'r', { id: 'bigint' })}`, each
 * column named as its key (quoted: `r."accountManagerId"`). A batch of rows is then written by one
 * statement, one round trip on PostgreSQL instead of one per row. PostgreSQL's `json_to_recordset`
 * types each column; SQLite's `->>` gives a JSON number or text as it is.
 */
export function jsonRowsSql(
	parameter: string,
	alias: string,
	columns: Record<string, JsonRowsType>
): string {
	const names = Object.keys(columns);
	if (engine === 'postgres')
		return `json_to_recordset(cast(${parameter} as json)) as ${alias}(${names
			.map((name) => `"${name}" ${columns[name]}`)
			.join(', ')})`;
	const values = names.map((name) => `value ->> '${name}' as "${name}"`).join(', ');
	return `(select ${values} from json_each(${parameter})) as ${alias}`;
}
