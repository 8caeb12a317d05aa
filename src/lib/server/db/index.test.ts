import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, databasePath } from './index';
import { createTestDatabase } from './test-database';

let remove = () => {};
afterEach(() => remove());

describe('createDb', () => {
	it('sets WAL, foreign keys and a busy timeout, and applies the migrations', () => {
		const test = createTestDatabase();
		remove = test.remove;
		const sqlite = test.db.$client;
		expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all();
		expect(tables).toEqual(expect.arrayContaining([{ name: 'users' }, { name: 'sessions' }, { name: 'api_keys' }]));
	});

	it('creates a missing folder and is safe to open twice', () => {
		const test = createTestDatabase();
		const nested = join(test.url, '..', 'deeper', 'still', 'app.db');
		const db = createDb(nested);
		expect(existsSync(nested)).toBe(true);
		db.$client.close();
		const again = createDb(nested);
		again.$client.close();
		remove = test.remove;
	});

	it('creates the database file and its WAL companions readable by the owner only', () => {
		const test = createTestDatabase();
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
});
