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

// The PostgreSQL databases this test file copied, and those of them given back, to be emptied and
// used again: copying one from the template takes 0.2–0.4 s, emptying one a few milliseconds.
const copied: TemplateCopy[] = [];
const spares: TemplateCopy[] = [];

/** Drops this test file's PostgreSQL databases (the `server-pg` project's setup, after each file). */
export async function dropTestDatabases(): Promise<void> {
	spares.length = 0;
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
 * A database of this test process's own on the run's PostgreSQL, empty and migrated, on a pool of
 * its own. Giving it back ends the pool, so a test that timed out and writes on cannot reach the
 * next test's data; one still busy then (a query under way) is not handed out again.
 */
async function testPostgres(): Promise<TestDatabase> {
	const spare = spares.pop();
	const copy = spare ?? (await copyTestTemplate());
	if (!spare) copied.push(copy);
	const db = createPostgresDb(copy.url);
	if (spare) await empty(db);
	return {
		db: db as unknown as Db,
		url: copy.url,
		remove: async () => {
			const pool = db.$client;
			const busy = pool.totalCount > pool.idleCount || pool.waitingCount > 0;
			const ended = pool.end();
			if (busy) {
				// Dropped with the file's others, whatever the straggler does; its end is not waited for.
				ended.catch(() => {});
				return;
			}
			await ended;
			spares.push(copy);
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
