import type Database from 'better-sqlite3';
import type { AnyColumn } from 'drizzle-orm';
import type { Queryable } from './index';
import { onPostgres } from './transaction';

/**
 * The connection behind a database or transaction object. Drizzle gives every transaction a new
 * object over the database's own session, so keying statements by that session lets a statement
 * prepared once serve the database and all its transactions. (`session` is drizzle-internal; the
 * test in prepared.test.ts fails if it ever goes away.)
 */
const connectionOf = (db: Queryable): object =>
	(db as unknown as { session?: object }).session ?? db;

/**
 * A statement built and prepared once per connection, for paths that run on every request:
 * drizzle's query building and SQLite's prepare cost more than running a small query.
 */
export function preparedStatement<T>(prepare: (db: Queryable) => T): (db: Queryable) => T {
	const byConnection = new WeakMap<object, T>();
	return (db) => {
		const connection = connectionOf(db);
		let statement = byConnection.get(connection);
		if (!statement) byConnection.set(connection, (statement = prepare(db)));
		return statement;
	};
}

type Parameters = Record<string, unknown>;
/** A query as the services build it, typed by the SQLite builders the services are written against. */
type Buildable = {
	prepare(): { all(parameters?: Parameters): unknown; get(parameters?: Parameters): unknown };
};
type Statement<Query extends Buildable> = ReturnType<Query['prepare']>;
/** What PostgreSQL's builders give for the same query: a named statement run by `execute`. */
type PgStatement = { execute(parameters?: Parameters): Promise<unknown> };
type PgBuildable = { prepare(name: string): PgStatement; returning(fields: object): PgBuildable };

/**
 * PostgreSQL: a named statement built once per process, run on the connection of the database or
 * transaction object it is given. Drizzle binds a prepared query to the session it was built on,
 * and every transaction there is a new session: building the statements per transaction was a
 * fifth of a submission's CPU. The query's text, parameters and row mapping depend only on the
 * builders; the view made per call carries the connection (`client`, drizzle-internal like
 * `session`: the test in prepared.test.ts fails if either goes away).
 */
function pgStatementOf(build: (db: Queryable) => PgStatement): (db: Queryable) => PgStatement {
	let built: PgStatement | undefined;
	return (db) => {
		built ??= build(db);
		const { client } = connectionOf(db) as { client?: unknown };
		return Object.create(built, { client: { value: client } }) as PgStatement;
	};
}

/** The statement of `preparedQuery` and its kin on the engine of `db`: per process on PostgreSQL, per connection on SQLite. */
function statementOn<Sqlite>(
	buildPg: (db: Queryable) => PgStatement,
	buildSqlite: (db: Queryable) => Sqlite
): (db: Queryable) => PgStatement | Sqlite {
	const pgStatement = pgStatementOf(buildPg);
	const sqliteStatement = preparedStatement(buildSqlite);
	return (db) => (onPostgres(db) ? pgStatement(db) : sqliteStatement(db));
}

/**
 * A query with `sql.placeholder` parameters, built once and run with their values, on either
 * engine: a better-sqlite3 statement prepared per connection on SQLite, a named server-side
 * statement on PostgreSQL (built once per process; `name` must be unique in the app). For the paths every submission or
 * campaign runs many times.
 */
export function preparedQuery<Query extends Buildable>(
	name: string,
	build: (db: Queryable) => Query
) {
	const statementOf = statementOn(
		(db) => (build(db) as unknown as PgBuildable).prepare(name),
		(db) => build(db).prepare() as Statement<Query>
	);
	type Rows = ReturnType<Statement<Query>['all']>;
	type Row = ReturnType<Statement<Query>['get']>;
	return {
		all: async (db: Queryable, parameters?: Parameters): Promise<Rows> => {
			const statement = statementOf(db);
			return onPostgres(db)
				? ((await (statement as PgStatement).execute(parameters)) as Rows)
				: ((statement as Statement<Query>).all(parameters) as Rows);
		},
		get: async (db: Queryable, parameters?: Parameters): Promise<Row> => {
			const statement = statementOf(db);
			return onPostgres(db)
				? ((await (statement as PgStatement).execute(parameters)) as Row[])[0]!
				: ((statement as Statement<Query>).get(parameters) as Row);
		}
	};
}

type Writable = {
	prepare(): { run(parameters?: Parameters): { lastInsertRowid: number | bigint } };
};

/** An update or delete prepared like `preparedQuery`, run for its effect. */
export function preparedWrite(name: string, build: (db: Queryable) => Writable) {
	const statementOf = statementOn(
		(db) => (build(db) as unknown as PgBuildable).prepare(name),
		(db) => build(db).prepare()
	);
	return async (db: Queryable, parameters?: Parameters): Promise<void> => {
		const statement = statementOf(db);
		if (onPostgres(db)) await (statement as PgStatement).execute(parameters);
		else (statement as ReturnType<Writable['prepare']>).run(parameters);
	};
}

/**
 * An insert prepared like `preparedQuery` that gives the new row's `id` (the table's key column):
 * SQLite reports it without RETURNING, which would make it buffer the row first; PostgreSQL
 * returns it.
 */
export function preparedInsert(name: string, build: (db: Queryable) => Writable, id: AnyColumn) {
	const statementOf = statementOn(
		(db) => (build(db) as unknown as PgBuildable).returning({ id }).prepare(name),
		(db) => build(db).prepare()
	);
	return async (db: Queryable, parameters?: Parameters): Promise<number> => {
		const statement = statementOf(db);
		if (!onPostgres(db))
			return Number((statement as ReturnType<Writable['prepare']>).run(parameters).lastInsertRowid);
		const [row] = (await (statement as PgStatement).execute(parameters)) as { id: number }[];
		return row!.id;
	};
}

/**
 * PostgreSQL only: plain SQL with `$1`… parameters, a named statement run on the connection of the
 * database or transaction object it is given, for what drizzle's builders cannot write: several
 * writes in one statement, each round trip saved on a submission's path (`name` unique in the app).
 */
export function preparedPgSql<Row>(name: string, text: string) {
	return async (db: Queryable, values: unknown[]): Promise<Row[]> => {
		const { client } = connectionOf(db) as {
			client: { query(config: object): Promise<{ rows: Row[] }> };
		};
		return (await client.query({ name, text, values })).rows;
	};
}

/** The better-sqlite3 connection behind a database or transaction object (drizzle's session holds it). */
export const sqliteOf = (db: Queryable): Database.Database =>
	(connectionOf(db) as unknown as { client: Database.Database }).client;

/**
 * A plain SQL statement prepared once per connection, for the scans that read packed analytics
 * chunks and whole days of answers: there drizzle's mapping of each row costs more than the query.
 */
export function sqlStatement(text: string): (db: Queryable) => Database.Statement {
	return preparedStatement((db) => sqliteOf(db).prepare(text));
}
