import type { Queryable } from './index';

/**
 * A statement built and prepared once per database object, for paths that run on every request:
 * drizzle's query building and SQLite's prepare cost more than running a small query. Each
 * transaction object is a new key, so hot paths pass the database itself (the same connection).
 */
export function preparedStatement<T>(prepare: (db: Queryable) => T): (db: Queryable) => T {
	const byDb = new WeakMap<Queryable, T>();
	return (db) => {
		let statement = byDb.get(db);
		if (!statement) byDb.set(db, (statement = prepare(db)));
		return statement;
	};
}
