import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from './index';
import type { PgDb } from './postgres';
import { onPostgres } from './transaction';

type Parameters = Record<string, unknown>;

/** Plain SQL statements with named parameters (`@name`), run on the engine of `db`. */
export type PlainSql = {
	get<Row>(source: string, parameters?: Parameters): Promise<Row | undefined>;
	all<Row>(source: string, parameters?: Parameters): Promise<Row[]>;
	run(source: string, parameters?: Parameters): Promise<void>;
};

const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteStatement(connection: Database.Database, source: string): Database.Statement {
	let cache = sqliteStatements.get(connection);
	if (!cache) sqliteStatements.set(connection, (cache = new Map()));
	let statement = cache.get(source);
	if (!statement) cache.set(source, (statement = connection.prepare(source)));
	return statement;
}

const NAMED = /@(\w+)/g;

/** The statement for PostgreSQL: each `@name` bound as a parameter (the same name, the same one). */
function pgStatement(source: string, parameters: Parameters): SQL {
	const chunks: SQL[] = [];
	let at = 0;
	for (const match of source.matchAll(NAMED)) {
		chunks.push(sql.raw(source.slice(at, match.index)), sql`${parameters[match[1]!] ?? null}`);
		at = match.index + match[0].length;
	}
	chunks.push(sql.raw(source.slice(at)));
	return sql.join(chunks);
}

/**
 * Statements written once in the SQL both engines read (`on conflict`, `returning`, `cast`, no
 * SQLite-only words), for the hot paths where building queries costs more than running them, such
 * as the 100k-client import. SQLite prepares each once per connection; on PostgreSQL each `@name`
 * becomes a bound parameter — PostgreSQL infers its type from where it stands, so a parameter
 * whose place says nothing (a `case` branch) needs a `cast`.
 */
export function plainSql(db: Queryable): PlainSql {
	if (onPostgres(db)) {
		const pg = db as unknown as PgDb;
		const rowsOf = async <Row>(source: string, parameters: Parameters = {}) =>
			(await pg.execute(pgStatement(source, parameters))).rows as Row[];
		return {
			get: async (source, parameters) => (await rowsOf(source, parameters))[0] as never,
			all: rowsOf,
			run: async (source, parameters) => void (await rowsOf(source, parameters))
		};
	}
	const connection = db.$client;
	// better-sqlite3 refuses a parameters object for a statement that has none.
	const bound = (parameters?: Parameters) => (parameters ? [parameters] : []);
	return {
		get: async (source, parameters) =>
			sqliteStatement(connection, source).get(...bound(parameters)) as never,
		all: async (source, parameters) =>
			sqliteStatement(connection, source).all(...bound(parameters)) as never,
		run: async (source, parameters) =>
			void sqliteStatement(connection, source).run(...bound(parameters))
	};
}
