import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { fifoLock, type FifoLock } from './fifo-lock';
import { createDb, databasePath, type Db } from './index';
import * as schema from './schema/all';

/** The connection that writes, and the lock that lets one transaction at a time use it. */
export type SqliteWriter = { writer: Db; lock: FifoLock };

const writers = new WeakMap<Db, SqliteWriter>();

function readOnly(path: string): Db {
	const reader = new Database(path, { readonly: true, fileMustExist: true });
	reader.pragma('busy_timeout = 5000');
	return drizzle(reader, { schema });
}

/**
 * Opens a SQLite file (migrated) on two connections. The one returned only reads: queries outside
 * a transaction run there, and a write there fails at once ("attempt to write a readonly
 * database"), so tests find every write not inside `inTransaction`. The other writes, inside
 * `inTransaction` only (see transaction.ts). WAL lets the reader go on while the writer holds an
 * open transaction, and shows it only what was committed.
 */
export function openSqlite(url: string): Db {
	const path = databasePath(url);
	// One in-memory database cannot be shared by two connections.
	if (path === ':memory:') throw new Error('openSqlite needs a file: use a temporary one');
	const writer = createDb(url);
	const db = readOnly(path);
	writers.set(db, { writer, lock: fifoLock() });
	return db;
}

/** The writer behind a database from openSqlite, if it is one. */
export const sqliteWriterOf = (db: Db): SqliteWriter | undefined => writers.get(db);

/** The connections behind a database: its own, and its writer's if it comes from openSqlite. */
export const sqliteConnectionsOf = (db: Db): Database.Database[] => {
	const writer = sqliteWriterOf(db)?.writer;
	return writer ? [db.$client, writer.$client] : [db.$client];
};

/** Closes both connections of a database from openSqlite. */
export function closeSqlite(db: Db): void {
	sqliteWriterOf(db)?.writer.$client.close();
	db.$client.close();
}
