import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine } from './engine';
import type { Db } from './index';
import { createPostgresDb, type PgDb } from './postgres';
import { closeSqlite, openSqlite } from './sqlite-connections';
import { copyTestTemplate, type TemplateCopy } from './test-postgres';

export type TestDatabase = { db: Db; url: string; remove: () => Promise<void> };

/**
 * A real, migrated SQLite file in a fresh temporary folder, whatever the run's engine: for the
 * tests that compare SQLite with PostgreSQL or copy one into the other. `remove` deletes it.
 */
export async function openTestSqlite(): Promise<TestDatabase> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-test-'));
	const url = join(dir, 'app.db');
	const db = openSqlite(url);
	return {
		db,
		url,
		remove: async () => {
			closeSqlite(db);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

type Spare = { copy: TemplateCopy; db: PgDb };

// The PostgreSQL databases this test file copied, and those of them given back, to be emptied and
// used again: copying one from the template takes 0.2–0.4 s, emptying one a few milliseconds.
// A spare keeps its pool, whose open connections the next test finds ready.
const copied: TemplateCopy[] = [];
const spares: Spare[] = [];

/** Drops this test file's PostgreSQL databases (the `server-pg` project's setup, after each file). */
export async function dropTestDatabases(): Promise<void> {
	for (const { db } of spares.splice(0)) await db.$client.end();
	for (const { drop } of copied.splice(0)) await drop();
}

/** Every table of the public schema emptied, its identity columns restarted: as just migrated. */
async function empty(db: PgDb): Promise<void> {
	const { rows } = await db.execute<{ name: string }>(
		sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`
	);
	if (rows.length)
		await db.execute(
			sql.raw(`truncate ${rows.map(({ name }) => name).join(', ')} restart identity cascade`)
		);
}

/**
 * A database of this test process's own on the run's PostgreSQL, empty and migrated. One given
 * back while a query of it still runs (its test timed out) is not handed out again: its pool is
 * ended, so the straggler's next query fails instead of writing into another test's data.
 */
async function testPostgres(): Promise<TestDatabase> {
	const spare = spares.pop();
	if (spare) await empty(spare.db);
	const copy = spare?.copy ?? (await copyTestTemplate());
	if (!spare) copied.push(copy);
	const db = spare?.db ?? createPostgresDb(copy.url);
	return {
		db: db as unknown as Db,
		url: copy.url,
		remove: async () => {
			const pool = db.$client;
			if (pool.totalCount === pool.idleCount && pool.waitingCount === 0) {
				spares.push({ copy, db });
				return;
			}
			// Dropped with the file's others, whatever the straggler does; its end is not waited for.
			pool.end().catch(() => {});
		}
	};
}

/**
 * A real, migrated, empty database for a test, on the engine of the run (the `server` vitest
 * project: a SQLite file; `server-pg`: a PostgreSQL database); `remove` gives it back.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
	return engine === 'postgres' ? testPostgres() : openTestSqlite();
}
