import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preparedStatement } from './prepared';
import { tags } from './schema';
import { createTestDatabase } from './test-database';

describe('preparedStatement', () => {
	let database: ReturnType<typeof createTestDatabase>;
	beforeEach(() => (database = createTestDatabase()));
	afterEach(() => database.remove());

	it('prepares once for the database and every transaction on it, and runs inside the transaction', () => {
		const { db } = database;
		let prepared = 0;
		const insertTag = preparedStatement((on) => {
			prepared++;
			return on
				.insert(tags)
				.values({ name: sql.placeholder('name') })
				.prepare();
		});
		const tagNames = () =>
			db
				.select({ name: tags.name })
				.from(tags)
				.all()
				.map(({ name }) => name)
				.sort();

		insertTag(db).run({ name: 'outside' });
		db.transaction((tx) => insertTag(tx).run({ name: 'committed' }));
		expect(() =>
			db.transaction((tx) => {
				insertTag(tx).run({ name: 'rolled back' });
				throw new Error('abort');
			})
		).toThrow('abort');

		expect(prepared).toBe(1);
		expect(tagNames()).toEqual(['committed', 'outside']);
	});

	it('prepares again for another connection', () => {
		const other = createTestDatabase();
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
			other.remove();
		}
	});
});
