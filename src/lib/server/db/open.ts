import { engineOf } from './engine';
import type { Db } from './index';
import { createPostgresDb, migratePostgres, type PgDb } from './postgres';
import { closeSqlite, openSqlite } from './sqlite-connections';
import { onPostgres } from './transaction';

/**
 * Opens the database a URL names and applies its pending migrations: PostgreSQL for
 * postgres://…, else a SQLite file (openSqlite). Services are typed against the SQLite database;
 * on PostgreSQL they are given the PostgreSQL one, whose tables db/schema chose to match
 * (schema-pg.test.ts checks the two schemas have the same columns, types and keys).
 */
export async function openDatabase(url: string): Promise<Db> {
	if (engineOf(url) === 'sqlite') return openSqlite(url);
	const db = createPostgresDb(url);
	try {
		await migratePostgres(db);
	} catch (error) {
		await db.$client.end();
		throw error;
	}
	return db as unknown as Db;
}

/** Closes what openDatabase opened: both SQLite connections, or the PostgreSQL pool. */
export async function closeDatabase(db: Db): Promise<void> {
	if (onPostgres(db)) await (db as unknown as PgDb).$client.end();
	else closeSqlite(db);
}
