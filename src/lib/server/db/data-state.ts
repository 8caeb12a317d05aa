import { sql } from 'drizzle-orm';
import type { Db } from './index';
import type { PgDb } from './postgres';
import { onPostgres } from './transaction';

/**
 * A text that stays the same while the database holds the same data, for caches of what was read
 * (analytics reads, names, survey versions): when it changes, something may have been written.
 * SQLite: the connection's `data_version` (bumped when another connection commits) and its own
 * `total_changes()`. PostgreSQL: the current snapshot, which changes whenever a transaction that
 * writes takes its id or ends — on any node, at no cost to the writers (a counter row bumped by
 * every write would queue them all behind one row lock).
 */
export async function dataState(db: Db): Promise<string> {
	if (onPostgres(db)) {
		const { rows } = await (db as unknown as PgDb).execute<{ state: string }>(
			sql`select pg_current_snapshot()::text as state`
		);
		return rows[0]!.state;
	}
	const connection = db.$client;
	const version = connection.pragma('data_version', { simple: true }) as number;
	const changes = connection.prepare('select total_changes()').pluck().get() as number;
	return `${version}|${changes}`;
}
