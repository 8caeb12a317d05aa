import type Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db';
import { dataState } from '../db/data-state';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { onPostgres } from '../db/transaction';

/**
 * What was read from the packed chunks, kept while the database holds the same data: one page's
 * panels (the trend, the comparison, the tone) scan the same days, and so read them once. The
 * data is the same while no connection committed a change (SQLite's `data_version`) and this
 * one changed nothing (`total_changes()`); on PostgreSQL while the snapshot (`dataState`) holds,
 * which any node's writing transaction changes. Inside a transaction nothing is kept, as what it
 * reads may still be rolled back.
 */

type Entry = { value: unknown; bytes: number };
type Kept = { state: string; entries: Map<string, Entry> };

// By SQLite connection, or by PostgreSQL database object (a pool shared by the app's requests).
const kept = new WeakMap<object, Kept>();

// A million responses take about 22 MB packed: room for a page's full range and its ragged ends.
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 4;

const totalChanges = sqlStatement('select total_changes()');

function stateOf(db: Queryable, sqlite: Database.Database): string {
	const version = sqlite.pragma('data_version', { simple: true }) as number;
	return `${version}|${totalChanges(db).pluck().get() as number}`;
}

/** Where a connection's reads are kept and the state they were read in; none inside a transaction. */
async function keeping(db: Queryable): Promise<{ owner: object; state: string } | null> {
	if (onPostgres(db)) {
		if (is(db, PgTransaction)) return null;
		return { owner: db, state: await dataState(db) };
	}
	const sqlite = sqliteOf(db);
	return sqlite.inTransaction ? null : { owner: sqlite, state: stateOf(db, sqlite) };
}

/** `read()`'s result for `key`, read again only when the data may have changed; `bytes` weighs it. */
export async function whileUnchanged<T>(
	db: Queryable,
	key: string,
	read: () => T | Promise<T>,
	bytes: (value: T) => number
): Promise<T> {
	const place = await keeping(db);
	if (!place) return read();
	const { owner, state } = place;
	let memory = kept.get(owner);
	if (!memory || memory.state !== state) kept.set(owner, (memory = { state, entries: new Map() }));
	const hit = memory.entries.get(key);
	if (hit) {
		// Most recently used last.
		memory.entries.delete(key);
		memory.entries.set(key, hit);
		return hit.value as T;
	}
	const value = await read();
	memory.entries.set(key, { value, bytes: bytes(value) });
	let total = [...memory.entries.values()].reduce((sum, entry) => sum + entry.bytes, 0);
	for (const [oldest, entry] of memory.entries) {
		if (memory.entries.size <= MAX_ENTRIES && total <= MAX_BYTES) break;
		if (oldest === key) break;
		memory.entries.delete(oldest);
		total -= entry.bytes;
	}
	return value;
}

/** What `whileUnchanged` keeps for `key`, if it still holds; nothing is read. */
export async function keptRead<T>(db: Queryable, key: string): Promise<T | undefined> {
	const place = await keeping(db);
	if (!place) return undefined;
	const memory = kept.get(place.owner);
	if (!memory || memory.state !== place.state) return undefined;
	return memory.entries.get(key)?.value as T | undefined;
}

/** Drops what a connection keeps, so the next read starts cold: for measuring a page as its first visitor sees it. */
export function forgetReads(db: Queryable): void {
	kept.delete(onPostgres(db) ? db : sqliteOf(db));
}
