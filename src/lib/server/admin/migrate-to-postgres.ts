import { count, getTableColumns, is, sql, type Column, type SQL } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import {
	getTableConfig as sqliteTableConfig,
	integer,
	SQLiteTable,
	sqliteTable,
	type SQLiteColumn,
	text
} from 'drizzle-orm/sqlite-core';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import type { Db } from '../db';
import { engineOf } from '../db/engine';
import { createPostgresDb, migratePostgres, type PgDb } from '../db/postgres';
import { closeSqlite, openSqlite } from '../db/sqlite-connections';
import { inTransaction, type PgTx } from '../db/transaction';
// Both engines' tables in one process: the area files themselves, not db/schema/index.ts (which
// is the one services import).
import * as sqliteAnalytics from '../db/schema/analytics';
import * as sqliteAuditLog from '../db/schema/audit-log';
import * as sqliteAuth from '../db/schema/auth';
import * as sqliteCampaigns from '../db/schema/campaigns';
import * as sqliteClients from '../db/schema/clients';
import * as sqliteFollowups from '../db/schema/followups';
import * as sqliteHealth from '../db/schema/health';
import * as sqliteInvitations from '../db/schema/invitations';
import * as sqliteJobs from '../db/schema/jobs';
import * as sqliteMail from '../db/schema/mail';
import * as sqliteModels from '../db/schema/models';
import * as sqlitePrivacy from '../db/schema/privacy';
import * as sqliteReports from '../db/schema/reports';
import * as sqliteResponses from '../db/schema/responses';
import * as sqliteReviews from '../db/schema/reviews';
import * as sqliteScopes from '../db/schema/scopes';
import * as sqliteBranding from '../db/schema/branding';
import * as sqliteSurveys from '../db/schema/surveys';
import * as sqliteTopics from '../db/schema/topics';
import * as sqliteWebhooks from '../db/schema/webhooks';
import * as pgAnalytics from '../db/schema-pg/analytics';
import * as pgAuditLog from '../db/schema-pg/audit-log';
import * as pgAuth from '../db/schema-pg/auth';
import * as pgCampaigns from '../db/schema-pg/campaigns';
import * as pgClients from '../db/schema-pg/clients';
import * as pgFollowups from '../db/schema-pg/followups';
import * as pgHealth from '../db/schema-pg/health';
import * as pgInvitations from '../db/schema-pg/invitations';
import * as pgJobs from '../db/schema-pg/jobs';
import * as pgMail from '../db/schema-pg/mail';
import * as pgModels from '../db/schema-pg/models';
import * as pgPrivacy from '../db/schema-pg/privacy';
import * as pgReports from '../db/schema-pg/reports';
import * as pgResponses from '../db/schema-pg/responses';
import * as pgReviews from '../db/schema-pg/reviews';
import * as pgScopes from '../db/schema-pg/scopes';
import * as pgBranding from '../db/schema-pg/branding';
import * as pgSurveys from '../db/schema-pg/surveys';
import * as pgTopics from '../db/schema-pg/topics';
import * as pgWebhooks from '../db/schema-pg/webhooks';
import type { Outcome } from './backup';

const sqliteAreas = [
	sqliteAuth,
	sqliteClients,
	sqlitePrivacy,
	sqliteAuditLog,
	sqliteModels,
	sqliteSurveys,
	sqliteResponses,
	sqliteAnalytics,
	sqliteJobs,
	sqliteReviews,
	sqliteTopics,
	sqliteCampaigns,
	sqliteInvitations,
	sqliteMail,
	sqliteFollowups,
	sqliteWebhooks,
	sqliteHealth,
	sqliteReports,
	sqliteScopes,
	sqliteBranding
];
const pgAreas = [
	pgAuth,
	pgClients,
	pgPrivacy,
	pgAuditLog,
	pgModels,
	pgSurveys,
	pgResponses,
	pgAnalytics,
	pgJobs,
	pgReviews,
	pgTopics,
	pgCampaigns,
	pgInvitations,
	pgMail,
	pgFollowups,
	pgWebhooks,
	pgHealth,
	pgReports,
	pgScopes,
	pgBranding
];

/**
 * Filled on PostgreSQL by a trigger from the copied responses' contexts (as on SQLite): not
 * copied, but compared like every other table, which proves the trigger made the same rows.
 * (The full-text tables, clients_search and response_texts, are also filled by triggers; they are
 * not drizzle tables, and SQLite's are FTS5 tables that cannot be copied.)
 */
const filledByTriggers = new Set<string>([
	sqliteTableConfig(sqliteResponses.responseSegments).name
]);

/**
 * The days whose packed chunks no longer match their rows. Copying responses, answers and reviews
 * makes PostgreSQL's triggers mark every day that has any; SQLite's list is the right one for the
 * copied chunks (copied byte for byte with the rows they were packed from), and it may hold days
 * no row marks (a day whose responses were all deleted still has its old chunk to repack). So
 * these are emptied after everything else is copied, then copied exactly.
 */
const staleDays = new Set<string>([
	sqliteTableConfig(sqliteAnalytics.staleScoreChunks).name,
	sqliteTableConfig(sqliteAnalytics.staleToneChunks).name
]);

// SQLite's own table of AUTOINCREMENT counters: an id once given is never given again, even after
// its row was deleted, so the identity sequences start past these too.
const sqliteSequence = sqliteTable('sqlite_sequence', {
	name: text('name').notNull(),
	seq: integer('seq').notNull()
});

type Row = Record<string, unknown>;

/** One column on both engines: its SQL name and its property in each engine's rows. */
type ColumnPair = {
	name: string;
	sqliteKey: string;
	pgKey: string;
	sqlite: SQLiteColumn;
	pg: PgColumn;
};

/** One table on both engines, its columns by SQL name, and its primary key. */
export type TablePair = {
	name: string;
	sqlite: SQLiteTable;
	pg: PgTable;
	columns: ColumnPair[];
	key: ColumnPair[];
	parents: string[];
};

/** The tables among the exports of schema area files, by SQL name. */
function tablesByName<T extends SQLiteTable | PgTable>(
	areas: object[],
	isTable: (value: unknown) => value is T,
	nameOf: (table: T) => string
): Map<string, T> {
	const tables = new Map<string, T>();
	for (const area of areas)
		for (const value of Object.values(area)) if (isTable(value)) tables.set(nameOf(value), value);
	return tables;
}

/** Every table of the SQLite schema with its PostgreSQL twin (schema-pg.test.ts proves they match). */
export function tablePairs(): TablePair[] {
	const sqliteTables = tablesByName(
		sqliteAreas,
		(value): value is SQLiteTable => is(value, SQLiteTable),
		(table) => sqliteTableConfig(table).name
	);
	const pgTables = tablesByName(
		pgAreas,
		(value): value is PgTable => is(value, PgTable),
		(table) => pgTableConfig(table).name
	);
	return [...sqliteTables].map(([name, sqlite]) => {
		const twin = pgTables.get(name);
		if (!twin) throw new Error(`db/schema-pg has no table ${name}`);
		const pgColumns = new Map(
			Object.entries(getTableColumns(twin)).map(([key, column]) => [column.name, { key, column }])
		);
		const columns = Object.entries(getTableColumns(sqlite))
			.map(([sqliteKey, column]): ColumnPair => {
				const pgColumn = pgColumns.get(column.name);
				if (!pgColumn) throw new Error(`db/schema-pg has no column ${name}.${column.name}`);
				return {
					name: column.name,
					sqliteKey,
					pgKey: pgColumn.key,
					sqlite: column,
					pg: pgColumn.column
				};
			})
			.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		const config = sqliteTableConfig(sqlite);
		const keyNames = config.primaryKeys[0]?.columns.map((column) => column.name) ?? [
			...config.columns.filter((column) => column.primary).map((column) => column.name)
		];
		if (!keyNames.length) throw new Error(`${name} has no primary key to copy it in order by`);
		return {
			name,
			sqlite,
			pg: twin,
			columns,
			key: keyNames.map((keyName) => columns.find((column) => column.name === keyName)!),
			parents: config.foreignKeys.map(
				(foreignKey) => sqliteTableConfig(foreignKey.reference().foreignTable).name
			)
		};
	});
}

/**
 * The tables, each after every table it references, so each row's parents are there before it.
 * The schema has no self-reference and no cycle; one added later is refused here, before
 * anything is written, rather than copied half-way (its foreign keys would need deferring).
 */
export function parentsFirst(tables: TablePair[]): TablePair[] {
	const placed = new Set<string>();
	const order: TablePair[] = [];
	let waiting = tables;
	while (waiting.length) {
		const ready = waiting.filter((table) =>
			table.parents.every((parent) => parent !== table.name && placed.has(parent))
		);
		if (!ready.length)
			throw new Error(
				`These tables reference themselves or each other in a circle, which the copy cannot order: ${waiting
					.map((table) => table.name)
					.join(', ')}`
			);
		for (const table of ready) {
			placed.add(table.name);
			order.push(table);
		}
		waiting = waiting.filter((table) => !placed.has(table.name));
	}
	return order;
}

/** `(key columns) > (values)`: the rows after the last one read, in primary-key order. */
function keyAfter(columns: Column[], values: unknown[]): SQL {
	return sql`(${sql.join(columns, sql`, `)}) > (${sql.join(
		values.map((value, index) => sql.param(value, columns[index])),
		sql`, `
	)})`;
}

// A batch holds at most this many rows…
const batchRows = 5000;
// …and about this many bytes: a packed chunk or an uploaded CSV file may weigh far more than a row.
const batchBytes = 16 * 1024 * 1024;

/** Roughly what a row weighs in memory: its text, bytes and JSON; 8 for anything else. */
function bytesOf(row: Row): number {
	let bytes = 16;
	for (const value of Object.values(row)) {
		if (Buffer.isBuffer(value)) bytes += value.length;
		else if (typeof value === 'string') bytes += value.length * 2;
		else if (value && typeof value === 'object' && !(value instanceof Date))
			bytes += JSON.stringify(value).length * 2;
		else bytes += 8;
	}
	return bytes;
}

type Page = (after: unknown[] | undefined, limit: number) => Promise<Row[]>;

/**
 * A table's rows a batch at a time, in primary-key order (keyset: each batch starts after the
 * last key read, so a batch costs the same at the end of a big table as at the start). The first
 * batch is small; later ones are sized from the rows seen so far.
 */
async function* batches(page: Page, keyOf: (row: Row) => unknown[]): AsyncGenerator<Row[]> {
	let limit = 500;
	let after: unknown[] | undefined;
	for (;;) {
		const rows = await page(after, limit);
		if (rows.length) yield rows;
		if (rows.length < limit) return;
		after = keyOf(rows.at(-1)!);
		const average = rows.reduce((sum, row) => sum + bytesOf(row), 0) / rows.length;
		limit = Math.max(1, Math.min(batchRows, Math.floor(batchBytes / average)));
	}
}

function sqliteBatches(sqlite: Db, table: TablePair): AsyncGenerator<Row[]> {
	const key = table.key.map((column) => column.sqlite);
	return batches(
		(after, limit) =>
			sqlite
				.select()
				.from(table.sqlite)
				.where(after && keyAfter(key, after))
				.orderBy(...key)
				.limit(limit),
		(row) => table.key.map((column) => row[column.sqliteKey])
	);
}

function pgBatches(tx: PgTx, table: TablePair): AsyncGenerator<Row[]> {
	const key = table.key.map((column) => column.pg);
	return batches(
		(after, limit) =>
			tx
				.select()
				.from(table.pg)
				.where(after && keyAfter(key, after))
				.orderBy(...key)
				.limit(limit),
		(row) => table.key.map((column) => row[column.pgKey])
	);
}

/** A table's rows, counted, and summed as sha256 hashes: equal on both sides iff the same rows. */
type Fingerprint = { rows: number; sum: bigint };

/**
 * Each row as drizzle reads it (Dates, booleans, parsed JSON, Buffers), its values in column-name
 * order, as JSON, hashed; the hashes are added up modulo 2^256. The sum does not depend on the
 * order the rows come in: text keys are ordered by the PostgreSQL database's collation, which may
 * not be SQLite's byte order.
 */
async function fingerprint(batchesOf: AsyncGenerator<Row[]>, keys: string[]): Promise<Fingerprint> {
	const modulus = 1n << 256n;
	let rows = 0;
	let sum = 0n;
	for await (const batch of batchesOf)
		for (const row of batch) {
			const json = JSON.stringify(keys.map((key) => row[key]));
			sum = (sum + BigInt(`0x${createHash('sha256').update(json).digest('hex')}`)) % modulus;
			rows++;
		}
	return { rows, sum };
}

/** The copy was undone: why, naming the table. */
class CopyFailed extends Error {}

/** The URL with its password hidden, to print. */
function shown(url: string): string {
	const parsed = new URL(url);
	if (parsed.password) parsed.password = '***';
	return parsed.toString();
}

/** Why `url` cannot be reached (refused, unknown database, wrong password…), or null if it can. */
async function unreachable(url: string): Promise<string | null> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
	try {
		await client.connect();
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** The tables of the target (any schema but the system's and drizzle's migration log) with a row. */
async function tablesWithRows(target: PgDb): Promise<string[]> {
	const { rows: tables } = await target.execute<{ name: string }>(sql`
		select format('%I.%I', table_schema, table_name) as name from information_schema.tables
		where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
			and not (table_schema = 'drizzle' and table_name = '__drizzle_migrations')
		order by 1`);
	const filled: string[] = [];
	for (const { name } of tables) {
		// `name` was quoted by format('%I').
		const { rows } = await target.execute<{ filled: boolean }>(
			sql`select exists (select from ${sql.raw(name)}) as filled`
		);
		if (rows[0]?.filled) filled.push(name);
	}
	return filled;
}

const number = (value: number) => value.toLocaleString('en');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * Inserts a batch into the table's pg-core twin: each column's values as one array, encoded by the
 * twin's own column (a Date as epoch milliseconds, JSON as its text, a Buffer as bytea), and
 * unnested into rows — one parameter per column however many rows, where a multi-row VALUES
 * would take one per value (PostgreSQL allows 65,535) and cost drizzle ~0.1 ms per row to build:
 * measured 2.5 times faster on answers.
 */
async function insertRows(tx: PgTx, table: TablePair, rows: Row[]): Promise<void> {
	const columns = table.columns.map(({ name, sqliteKey, pg: column }) => {
		const values = rows.map((row) => {
			const value = row[sqliteKey];
			return value === null || value === undefined ? null : column.mapToDriverValue(value);
		});
		return {
			name: sql.identifier(name),
			values: sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`
		};
	});
	await tx.execute(sql`
		insert into ${table.pg} (${sql.join(
			columns.map((column) => column.name),
			sql`, `
		)})
		select * from unnest(${sql.join(
			columns.map((column) => column.values),
			sql`, `
		)})`);
}

/** Copies one table's rows from SQLite into the open PostgreSQL transaction. */
async function copyTable(
	sqlite: Db,
	tx: PgTx,
	table: TablePair,
	total: number,
	log: (line: string) => void
): Promise<number> {
	const started = performance.now();
	let told = started;
	let copied = 0;
	try {
		for await (const rows of sqliteBatches(sqlite, table)) {
			await insertRows(tx, table, rows);
			copied += rows.length;
			if (performance.now() - told > 10_000 && copied < total) {
				told = performance.now();
				log(`  ${table.name}: ${number(copied)} of ${number(total)} rows…`);
			}
		}
	} catch (error) {
		throw new CopyFailed(
			`copying ${table.name} failed after ${number(copied)} rows: ${error instanceof Error ? error.message : String(error)}`,
			{ cause: error }
		);
	}
	log(
		`  ${table.name.padEnd(24)} ${number(copied).padStart(11)} ${copied === 1 ? 'row ' : 'rows'}  ${seconds(started)}`
	);
	return copied;
}

/**
 * Sets each identity sequence of the copied tables past the highest id copied, and past
 * SQLite's AUTOINCREMENT counter (ids of deleted rows are not given again); untouched where both
 * are missing (an empty table that never had a row).
 */
async function setIdentitySequences(sqlite: Db, tx: PgTx): Promise<number> {
	const counters = new Map(
		(await sqlite.select().from(sqliteSequence)).map((row) => [row.name, row.seq])
	);
	const { rows: identities } = await tx.execute<{ table: string; column: string }>(sql`
		select table_name as "table", column_name as "column" from information_schema.columns
		where table_schema = current_schema() and is_identity = 'YES' order by 1`);
	for (const { table, column } of identities)
		await tx.execute(sql`
			select setval(pg_get_serial_sequence(quote_ident(${table}), ${column}),
				greatest(max(${sql.identifier(column)}), ${counters.get(table) ?? null}::bigint))
			from ${sql.identifier(table)}`);
	return identities.length;
}

/** Compares every table on both sides; the names of those that differ, saying how. */
async function differences(sqlite: Db, tx: PgTx, tables: TablePair[]): Promise<string[]> {
	const found: string[] = [];
	for (const table of tables) {
		const before = await fingerprint(
			sqliteBatches(sqlite, table),
			table.columns.map((column) => column.sqliteKey)
		);
		const after = await fingerprint(
			pgBatches(tx, table),
			table.columns.map((column) => column.pgKey)
		);
		if (before.rows !== after.rows)
			found.push(
				`${table.name} (SQLite ${number(before.rows)} rows, PostgreSQL ${number(after.rows)})`
			);
		else if (before.sum !== after.sum)
			found.push(`${table.name} (${number(before.rows)} rows on both sides, not the same ones)`);
	}
	return found;
}

/**
 * Moves the SQLite workspace at `sqlitePath` into the empty PostgreSQL database at `targetUrl`:
 * migrates it, copies every table in one transaction (parents first, in batches), sets the
 * identity sequences, and compares both sides table by table (row counts and checksums of the
 * rows as drizzle reads them) before committing. Refuses, writing nothing, a target that is not
 * PostgreSQL, cannot be reached or holds any row, and a missing SQLite file; any difference undoes
 * the whole copy. The SQLite file is read in one read transaction (a snapshot): rows written
 * after it began are not moved, so the server should be stopped first.
 */
export async function migrateToPostgres(
	sqlitePath: string,
	targetUrl: string,
	log: (line: string) => void
): Promise<Outcome> {
	const started = performance.now();
	if (engineOf(targetUrl) !== 'postgres' || !URL.canParse(targetUrl))
		return {
			ok: false,
			message: `"${targetUrl}" is not a PostgreSQL URL: give postgres://user:password@host:5432/database.`
		};
	const target = shown(targetUrl);
	if (!existsSync(sqlitePath))
		return {
			ok: false,
			message: `There is no SQLite database at ${sqlitePath}. Check DATABASE_URL (the server's own setting).`
		};
	const refused = await unreachable(targetUrl);
	if (refused) return { ok: false, message: `Cannot reach PostgreSQL at ${target}: ${refused}` };

	const tables = parentsFirst(tablePairs());
	const postgres = createPostgresDb(targetUrl);
	try {
		const filled = await tablesWithRows(postgres);
		if (filled.length)
			return {
				ok: false,
				message: `${target} already holds data (${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}): the move needs an empty database. Nothing was written.`
			};
		const sqlite = openSqlite(sqlitePath);
		try {
			// One read transaction: every batch, and the comparison, see the same snapshot.
			sqlite.$client.exec('begin');
			try {
				log(`Moving ${sqlitePath} to ${target}.`);
				await migratePostgres(postgres);
				log('PostgreSQL schema migrated. Copying, in one transaction:');
				return await copyAll(sqlite, postgres, tables, log, started, target);
			} finally {
				sqlite.$client.exec('rollback');
			}
		} finally {
			closeSqlite(sqlite);
		}
	} finally {
		await postgres.$client.end();
	}
}

async function copyAll(
	sqlite: Db,
	postgres: PgDb,
	tables: TablePair[],
	log: (line: string) => void,
	started: number,
	target: string
): Promise<Outcome> {
	const totals = new Map<string, number>();
	for (const table of tables) {
		const [row] = await sqlite.select({ rows: count() }).from(table.sqlite);
		totals.set(table.name, row?.rows ?? 0);
	}
	try {
		const moved = await inTransaction(postgres, async (tx) => {
			let rows = 0;
			const copied = tables.filter(
				(table) => !filledByTriggers.has(table.name) && !staleDays.has(table.name)
			);
			for (const table of copied)
				rows += await copyTable(sqlite, tx, table, totals.get(table.name)!, log);
			for (const table of tables.filter((table) => staleDays.has(table.name))) {
				await tx.delete(table.pg);
				rows += await copyTable(sqlite, tx, table, totals.get(table.name)!, log);
			}
			for (const table of tables.filter((table) => filledByTriggers.has(table.name))) {
				log(`  ${table.name.padEnd(24)} filled by a trigger from the rows copied`);
				rows += totals.get(table.name)!;
			}
			const sequences = await setIdentitySequences(sqlite, tx);
			log(`Identity sequences of ${sequences} tables set past the highest ids.`);
			const comparing = performance.now();
			const differ = await differences(sqlite, tx, tables);
			if (differ.length)
				throw new CopyFailed(`after the copy, these tables differ: ${differ.join('; ')}`);
			log(
				`Compared all ${tables.length} tables on both sides (row counts and checksums): the same (${seconds(comparing)}).`
			);
			return rows;
		});
		return {
			ok: true,
			message: `Moved ${tables.length} tables, ${number(moved)} rows, in ${seconds(started)}. Set DATABASE_URL to ${target} and start the server; the SQLite file is left as it was.`
		};
	} catch (error) {
		if (!(error instanceof CopyFailed)) throw error;
		return {
			ok: false,
			message: `Nothing was moved (the transaction was rolled back): ${error.message}`
		};
	}
}
