import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preparedStatement } from './prepared';
import { tags } from './schema';
import { openTestDatabase, type TestDatabase } from './test-database';
import { inTransaction } from './transaction';

describe('preparedStatement', () => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await openTestDatabase();
	});
	afterEach(() => database.remove());

	it('prepares once for the connection and every transaction on it, and runs inside the transaction', async () => {
		const { db } = database;
		let prepared = 0;
		const insertTag = preparedStatement((on) => {
			prepared++;
			return on
				.insert(tags)
				.values({ name: sql.placeholder('name') })
				.prepare();
		});
		const tagNames = async () =>
			(await db.select({ name: tags.name }).from(tags)).map(({ name }) => name).sort();

		await inTransaction(db, async (tx) => {
			insertTag(tx).run({ name: 'committed' });
		});
		await expect(
			inTransaction(db, async (tx) => {
				insertTag(tx).run({ name: 'rolled back' });
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		await inTransaction(db, async (tx) =>
			inTransaction(tx, async (inner) => {
				insertTag(inner).run({ name: 'nested' });
			})
		);

		expect(prepared).toBe(1);
		expect(await tagNames()).toEqual(['committed', 'nested']);
	});

	it('prepares again for another connection', async () => {
		const other = await openTestDatabase();
		try {
			let prepared = 0;
			const countTags = preparedStatement((on) => {
				prepared++;
				return on
					.select({ n: sql<number>`count(*)` })
					.from(tags)
					.prepare();
			});
			countTags(database.db).get();
			countTags(other.db).get();
			countTags(other.db).get();
			expect(prepared).toBe(2);
		} finally {
			await other.remove();
		}
	});
});
