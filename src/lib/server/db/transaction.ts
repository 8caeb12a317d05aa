import { is } from 'drizzle-orm';
import { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './index';
import type { PgDb } from './postgres';
import { sqliteWriterOf, type SqliteWriter } from './sqlite-connections';

export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** The transaction the running code is inside: its database, and the `tx` it was given. */
type Open = { database: object; tx: object };
const open = new AsyncLocalStorage<Open>();

// drizzle's `is` narrows to its classes with their type parameters lost: these keep ours.
export const onPostgres = (db: Db | PgDb | PgTx): db is PgDb | PgTx => is(db, PgDatabase);
const isPgTx = (db: PgDb | PgTx): db is PgTx => is(db, PgTransaction);

let savepoints = 0;

/** Runs `work` inside a savepoint of the writer's open transaction. */
async function sqliteSavepoint<T>(tx: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	const connection = tx.$client;
	const name = `nested_${++savepoints}`;
	connection.exec(`savepoint ${name}`);
	try {
		const result = await work(tx);
		connection.exec(`release ${name}`);
		return result;
	} catch (error) {
		connection.exec(`rollback to ${name}`);
		connection.exec(`release ${name}`);
		throw error;
	}
}

/**
 * One transaction at a time on the writer, in the order asked for. It begins IMMEDIATE, taking
 * SQLite's write lock before its first read, so another process writing meanwhile makes it wait
 * (busy_timeout) instead of failing. While `work` awaits, other transactions wait for the lock;
 * reads outside transactions go on, on the reader.
 */
function sqliteTransaction<T>(
	database: Db,
	{ writer, lock }: SqliteWriter,
	work: (tx: Db) => Promise<T>
): Promise<T> {
	return lock.run(async () => {
		const connection = writer.$client;
		connection.exec('begin immediate');
		try {
			const result = await open.run({ database, tx: writer }, () => work(writer));
			connection.exec('commit');
			return result;
		} catch (error) {
			// A failed COMMIT may already have ended the transaction.
			if (connection.inTransaction) connection.exec('rollback');
			throw error;
		}
	});
}

/**
 * Runs `work` in one transaction: all its writes are kept, or, if it throws, none. `work` queries
 * through `tx`, never the outer `db` (outside reads do not see its writes until it commits).
 * Inside `work`, `inTransaction(tx, …)` runs as a savepoint: its writes are undone alone if it
 * throws. PostgreSQL: drizzle's transaction on a connection of the pool (READ COMMITTED: a read
 * that decides a write locks its rows, `for update`). SQLite (a database from openSqlite): the
 * writer connection, one transaction at a time.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T>;
export function inTransaction<T>(db: PgDb | PgTx, work: (tx: PgTx) => Promise<T>): Promise<T>;
export async function inTransaction<T>(
	db: Db | PgDb | PgTx,
	work: ((tx: Db) => Promise<T>) | ((tx: PgTx) => Promise<T>)
): Promise<T> {
	const current = open.getStore();
	if (current?.database === db)
		throw new Error(
			'inTransaction(db) inside a transaction on the same database: pass its tx, or the new ' +
				'transaction would wait for this one forever (SQLite) or escape it (PostgreSQL)'
		);
	if (onPostgres(db)) {
		// The overloads pair a PostgreSQL database with work on a PostgreSQL transaction.
		const pgWork = work as (tx: PgTx) => Promise<T>;
		if (isPgTx(db)) {
			if (current?.tx !== db) throw new Error('a transaction’s tx used after it ended');
			const database = current.database;
			return db.transaction((tx) => open.run({ database, tx }, () => pgWork(tx)));
		}
		return db.transaction((tx) => open.run({ database: db, tx }, () => pgWork(tx)));
	}
	// The overloads pair a SQLite database with work on a SQLite transaction.
	const sqliteWork = work as (tx: Db) => Promise<T>;
	if (current?.tx === db) return sqliteSavepoint(db, sqliteWork);
	const writer = sqliteWriterOf(db);
	if (!writer)
		throw new Error(
			'inTransaction needs a database from openSqlite, or the tx of the transaction it runs in'
		);
	return sqliteTransaction(db, writer, sqliteWork);
}

/** PostgreSQL ended the transaction to break a deadlock with another one (SQLSTATE 40P01). */
function endedByDeadlock(error: unknown): boolean {
	for (let cause = error; cause instanceof Error; cause = cause.cause)
		if ((cause as Error & { code?: unknown }).code === '40P01') return true;
	return false;
}

/**
 * Runs a transaction again, up to `attempts` times in all, when PostgreSQL ended it to break a
 * deadlock: its writes were undone, and the transaction it waited on went on. Only for work whose
 * every effect is in the database, e.g. two imports that write the same new rows in opposite orders.
 */
export async function retriedAfterDeadlock<T>(
	transaction: () => Promise<T>,
	attempts = 3
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await transaction();
		} catch (error) {
			if (attempt >= attempts || !endedByDeadlock(error)) throw error;
		}
	}
}
