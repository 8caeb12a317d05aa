import { Column, getTableName, is, SQL, type Table } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * What a table promises the code that uses it, in terms both engines share: the services are
 * written once against the SQLite tables and run on their PostgreSQL twins, so two tables that
 * differ here would behave differently under the same code.
 */
export type TableShape = {
	name: string;
	columns: ColumnShape[];
	primaryKeys: KeyShape[];
	foreignKeys: ForeignKeyShape[];
	uniqueConstraints: KeyShape[];
	indexes: IndexShape[];
};

export type ColumnShape = {
	name: string;
	/** The value code reads and writes: string, number, boolean, date, json, buffer. */
	jsType: string;
	notNull: boolean;
	/** none, a generated key, a literal (as JSON), SQL, or a function run when inserting. */
	default: string;
	primaryKey: boolean;
	/** The name of the column's own unique constraint, if it has one. */
	unique: string | null;
	enumValues: readonly string[] | null;
};

type KeyShape = { name: string; columns: string[] };
type ForeignKeyShape = KeyShape & {
	foreignTable: string;
	foreignColumns: string[];
	onDelete: string;
	onUpdate: string;
};
/** `on` lists the indexed columns; an expression shows as `expr(the columns it reads)`. */
type IndexShape = { name: string; unique: boolean; partial: boolean; on: string[] };

/**
 * Columns of a pg-core `customType` report `custom`: what they carry in JavaScript follows from
 * their SQL type. (`bigint` here is schema-pg/columns.ts' epoch-millisecond timestamp: plain
 * numeric bigints would use pg-core's own `bigint`, which reports `number`.)
 */
const customJsTypes: Record<string, string> = { bytea: 'buffer', bigint: 'date' };

function jsType(column: Column): string {
	// jsonb reads back normalised (keys reordered, duplicates and spacing dropped), not the text
	// SQLite keeps: CSI cells must stay exact to the bit, so it counts as a different type.
	if (column.dataType === 'json' && column.getSQLType() === 'jsonb') return 'jsonb';
	// SQLite's REAL is 8 bytes, PostgreSQL's `real` 4: scores and weights would lose digits.
	if (is(column.table, PgTable) && column.getSQLType() === 'real') return 'number (4 bytes)';
	if (column.dataType !== 'custom') return column.dataType;
	const sqlType = column.getSQLType();
	return customJsTypes[sqlType] ?? `custom ${sqlType}`;
}

/**
 * A SQLite column that is its table's sole `integer` primary key is the rowid: SQLite numbers a
 * row inserted without it, AUTOINCREMENT or not (analytics_names relies on that), so its twin
 * needs an identity. Not when it references another table (dashboard_settings.model_id): the
 * code always writes those.
 */
function isRowidKey(column: Column, foreignKeyColumns: Set<string>): boolean {
	return (
		is(column.table, SQLiteTable) &&
		column.primary &&
		column.getSQLType() === 'integer' &&
		!foreignKeyColumns.has(column.name)
	);
}

function defaultOf(column: Column, foreignKeyColumns: Set<string>): string {
	const autoIncrement = 'autoIncrement' in column && column.autoIncrement === true;
	if (autoIncrement || column.generatedIdentity || isRowidKey(column, foreignKeyColumns))
		return 'generated key';
	if (column.defaultFn) return 'function';
	if (column.default === undefined) return 'none';
	return is(column.default, SQL) ? 'sql' : `value ${JSON.stringify(column.default)}`;
}

function columnShape(column: Column, foreignKeyColumns: Set<string>): ColumnShape {
	return {
		name: column.name,
		jsType: jsType(column),
		notNull: column.notNull,
		default: defaultOf(column, foreignKeyColumns),
		primaryKey: column.primary,
		unique: column.isUnique ? (column.uniqueName ?? null) : null,
		enumValues: column.enumValues ?? null
	};
}

/** An index's part: a column (pg-core wraps it as an IndexedColumn with a name) or an expression. */
function indexPart(part: { name?: string | undefined } | SQL): string {
	if (!is(part, SQL)) return part.name ?? '?';
	const read = part.queryChunks.filter((chunk) => is(chunk, Column)).map((column) => column.name);
	return `expr(${read.join(', ')})`;
}

const names = (columns: Column[]) => columns.map((column) => column.name);
const byName = <T extends { name: string }>(items: T[]) =>
	[...items].sort((a, b) => a.name.localeCompare(b.name));

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

function shapeOf(config: Config): TableShape {
	const foreignKeyColumns = new Set(
		config.foreignKeys.flatMap((key) => names(key.reference().columns))
	);
	return {
		name: config.name,
		columns: byName(config.columns.map((column) => columnShape(column, foreignKeyColumns))),
		primaryKeys: byName(
			config.primaryKeys.map((key) => ({ name: key.getName(), columns: names(key.columns) }))
		),
		foreignKeys: byName(
			config.foreignKeys.map((key) => {
				const reference = key.reference();
				return {
					name: key.getName(),
					columns: names(reference.columns),
					foreignTable: getTableName(reference.foreignTable),
					foreignColumns: names(reference.foreignColumns),
					// Both engines take no action unless told otherwise.
					onDelete: key.onDelete ?? 'no action',
					onUpdate: key.onUpdate ?? 'no action'
				};
			})
		),
		uniqueConstraints: byName(
			config.uniqueConstraints.map((unique) => ({
				name: unique.getName() ?? '?',
				columns: names(unique.columns)
			}))
		),
		indexes: byName(
			config.indexes.map(({ config: index }) => ({
				// pg-core lets an index go unnamed (PostgreSQL then names it); ours all have names.
				name: index.name ?? '(unnamed)',
				unique: index.unique,
				partial: index.where !== undefined,
				on: index.columns.map(indexPart)
			}))
		)
	};
}

/** The shape of a sqlite-core or pg-core table. */
export function tableShape(table: Table): TableShape {
	if (is(table, SQLiteTable)) return shapeOf(sqliteTableConfig(table));
	if (is(table, PgTable)) return shapeOf(pgTableConfig(table));
	throw new Error(`${getTableName(table)} is neither a SQLite nor a PostgreSQL table`);
}

/** The tables among a schema module's exports. */
export const tablesOf = (module: Record<string, unknown>): Table[] =>
	Object.values(module).filter(
		(value): value is Table => is(value, SQLiteTable) || is(value, PgTable)
	);

const show = (value: unknown) => JSON.stringify(value);

/** Differences between two lists of named things, each said once, `what` naming the list. */
function listDifferences<T extends { name: string }>(what: string, sqlite: T[], pg: T[]): string[] {
	const differences: string[] = [];
	const pgByName = new Map(pg.map((item) => [item.name, item]));
	for (const item of sqlite) {
		const twin = pgByName.get(item.name);
		if (!twin) differences.push(`${what} ${item.name}: only in SQLite`);
		else if (show(item) !== show(twin))
			differences.push(`${what} ${item.name}: SQLite ${show(item)}, PostgreSQL ${show(twin)}`);
	}
	const sqliteNames = new Set(sqlite.map((item) => item.name));
	for (const item of pg)
		if (!sqliteNames.has(item.name)) differences.push(`${what} ${item.name}: only in PostgreSQL`);
	return differences;
}

/**
 * Every way the PostgreSQL tables differ from the SQLite ones, one sentence each; none when
 * they match: the same tables with the same columns (name, JavaScript type, nullability,
 * default, key, uniqueness, enum), primary, foreign and unique keys, and indexes (name,
 * uniqueness, columns; an expression by the columns it reads, since `collate nocase` becomes
 * `lower(…)`).
 */
export function schemaDifferences(sqliteTables: Table[], pgTables: Table[]): string[] {
	const sqlite = sqliteTables.map(tableShape);
	const pg = new Map(pgTables.map(tableShape).map((shape) => [shape.name, shape]));
	const differences: string[] = [];
	for (const table of sqlite) {
		const twin = pg.get(table.name);
		if (!twin) {
			differences.push(`table ${table.name}: only in SQLite`);
			continue;
		}
		pg.delete(table.name);
		const within = (what: string) => `${table.name} ${what}`;
		differences.push(
			...listDifferences(within('column'), table.columns, twin.columns),
			...listDifferences(within('primary key'), table.primaryKeys, twin.primaryKeys),
			...listDifferences(within('foreign key'), table.foreignKeys, twin.foreignKeys),
			...listDifferences(within('unique'), table.uniqueConstraints, twin.uniqueConstraints),
			...listDifferences(within('index'), table.indexes, twin.indexes)
		);
	}
	for (const name of pg.keys()) differences.push(`table ${name}: only in PostgreSQL`);
	return differences;
}
