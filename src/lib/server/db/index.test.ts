import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createDb, databasePath } from './index';
import { tags, users } from './schema';
import { openTestDatabase } from './test-database';
import { inTransaction } from './transaction';

let remove = async () => {};
afterEach(async () => {
	await remove();
	remove = async () => {};
});

describe('createDb', () => {
	it('sets WAL, foreign keys and a busy timeout, and applies the migrations', async () => {
		const test = await openTestDatabase();
		remove = test.remove;
		const sqlite = test.db.$client;
		expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all();
		expect(tables).toEqual(
			expect.arrayContaining([{ name: 'users' }, { name: 'sessions' }, { name: 'api_keys' }])
		);
	});

	it('creates a missing folder and is safe to open twice', async () => {
		const test = await openTestDatabase();
		const nested = join(test.url, '..', 'deeper', 'still', 'app.db');
		const db = createDb(nested);
		expect(existsSync(nested)).toBe(true);
		db.$client.close();
		const again = createDb(nested);
		again.$client.close();
		remove = test.remove;
	});

	it('creates the database file and its WAL companions readable by the owner only', async () => {
		const test = await openTestDatabase();
		remove = test.remove;
		const mode = (path: string) => statSync(path).mode & 0o777;
		expect(mode(test.url)).toBe(0o600);
		expect(mode(`${test.url}-wal`)).toBe(0o600);
		expect(mode(`${test.url}-shm`)).toBe(0o600);
	});

	it('accepts plain paths and file: URLs', () => {
		expect(databasePath('file:data/app.db')).toBe(databasePath('data/app.db'));
		expect(databasePath(':memory:')).toBe(':memory:');
	});

	it('refuses a PostgreSQL URL rather than make it a file', () => {
		expect(() => databasePath('postgres://app@db.example/satisfy')).toThrow(/PostgreSQL URL/);
	});
});

describe('transactions with another process writing to the same file', () => {
	/** A second connection to the file, as another server process has; it does not wait for locks. */
	function otherProcess(url: string) {
		const other = new Database(url);
		other.pragma('busy_timeout = 0');
		return other;
	}

	it('completes a read-then-write even when the other process tries to write in between', async () => {
		const test = await openTestDatabase();
		remove = test.remove;
		const other = otherProcess(test.url);
		let otherRefused = false;
		await inTransaction(test.db, async (tx) => {
			await tx.select().from(users);
			try {
				other.prepare("insert into tags (name) values ('other')").run();
			} catch (error) {
				otherRefused = (error as { code?: string }).code === 'SQLITE_BUSY';
			}
			await tx.insert(tags).values({ name: 'mine' });
		});
		other.close();
		// The other process waits its turn (busy_timeout) rather than invalidating this one's read.
		expect(otherRefused).toBe(true);
		expect((await test.db.select().from(tags)).map((row) => row.name)).toEqual(['mine']);
	});

	it('keeps nested transactions as savepoints: an inner failure undoes only the inner work', async () => {
		const test = await openTestDatabase();
		remove = test.remove;
		await inTransaction(test.db, async (tx) => {
			await tx.insert(tags).values({ name: 'outer' });
			await expect(
				inTransaction(tx, async (inner) => {
					await inner.insert(tags).values({ name: 'inner' });
					throw new Error('inner fails');
				})
			).rejects.toThrow('inner fails');
			await inTransaction(tx, async (inner) => {
				await inner.insert(tags).values({ name: 'nested' });
			});
		});
		expect((await test.db.select().from(tags)).map((row) => row.name).sort()).toEqual([
			'nested',
			'outer'
		]);
	});
});
