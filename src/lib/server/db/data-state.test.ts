import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataState } from './data-state';
import type { Db } from './index';
import { tags } from './schema';
import { openTestDatabase, type TestDatabase } from './test-database';
import { inTransaction } from './transaction';

let database: TestDatabase;
let db: Db;
beforeEach(async () => {
	database = await openTestDatabase();
	db = database.db;
});
afterEach(() => database.remove());

describe('the state of the data, for caches of what was read', () => {
	it('stays the same while nothing is written, however much is read', async () => {
		const before = await dataState(db);
		await db.select().from(tags);
		await db.select().from(tags);
		expect(await dataState(db)).toBe(before);
	});

	it('changes once a transaction has written', async () => {
		const before = await dataState(db);
		await inTransaction(db, async (tx) => {
			await tx.insert(tags).values({ name: 'vip' });
		});
		const after = await dataState(db);
		expect(after).not.toBe(before);
		expect(await dataState(db)).toBe(after);
	});

	it('changes while a writing transaction is open, before it commits, and again after', async () => {
		const before = await dataState(db);
		let during = '';
		await inTransaction(db, async (tx) => {
			await tx.insert(tags).values({ name: 'late' });
			during = await dataState(db);
		});
		// SQLite's reader sees nothing until the commit; PostgreSQL's snapshot lists the open one.
		expect(await dataState(db)).not.toBe(during);
		expect(await dataState(db)).not.toBe(before);
	});
});
