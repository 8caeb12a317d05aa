import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { resolve } from 'node:path';
import pg from 'pg';
import * as schema from './schema-pg';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export function postgresMigrationsFolder(): string {
	return resolve(process.env.PG_MIGRATIONS_DIR ?? 'drizzle-pg');
}

/** A pool of connections to `url` (postgres://…) behind drizzle; `$client.end()` closes it. */
export function createPostgresDb(url: string): PgDb {
	// PostgreSQL sends 64-bit integers (bigint columns, count(*), sums of integers) as text, since
	// they may exceed a JavaScript number. Ours (counts, epoch milliseconds) stay far below 2^53,
	// and SQLite gives numbers for the same queries, so raw SQL reads alike on both engines. The
	// parser is set for the whole process: drizzle passes its own per-query parsers, which fall
	// back to these, and would ignore a pool's own `types`.
	pg.types.setTypeParser(pg.types.builtins.INT8, Number);
	// Likewise a json value read by raw SQL stays its text, as SQLite gives it (the json columns'
	// own mapping parses it), and numeric (avg, sums of decimals) reads as SQLite's real.
	pg.types.setTypeParser(pg.types.builtins.JSON, (text: string) => text);
	pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
	const pool = new pg.Pool({ connectionString: url });
	// An idle connection the server ends (a restart, a failover, an administrator) is reported
	// here; unheard, it would end the process. The pool opens a new one at the next query.
	pool.on('error', (error) => console.warn('A PostgreSQL connection was closed:', error.message));
	return drizzle(pool, { schema });
}

// Any number, the same in every node: the key of the lock migrations are applied under.
const MIGRATION_LOCK = 1_745_290_017;

/**
 * Applies the pending migrations of drizzle-pg/ (drizzle-kit, `dialect: 'postgresql'`), one node
 * at a time: drizzle's migrator reads what was applied before it begins, so two nodes starting
 * together on a new database would both create the tables, and one would fail.
 */
export async function migratePostgres(db: PgDb): Promise<void> {
	const client = await db.$client.connect();
	try {
		// A session lock, on the connection the migrations then run on.
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
		try {
			await migrate(drizzle(client), { migrationsFolder: postgresMigrationsFolder() });
		} finally {
			await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
		}
	} finally {
		client.release();
	}
}
