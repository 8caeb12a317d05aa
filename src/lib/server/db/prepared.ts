import type Database from 'better-sqlite3';
import type { Queryable } from './index';

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
