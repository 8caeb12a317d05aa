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
