import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engine } from './engine';
import { preparedInsert, preparedQuery, preparedStatement, preparedWrite } from './prepared';
import { tags } from './schema';
import { openTestDatabase, type TestDatabase } from './test-database';
import { inTransaction } from './transaction';

describe('preparedStatement', () => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await openTestDatabase();
	});
	afterEach(() => database.remove());

	// Only SQLite keeps one connection for every transaction: PostgreSQL's pool gives each
	// transaction a session of its own (preparedQuery builds once per process there).
	it.skipIf(engine === 'postgres')(
		'prepares once for the connection and every transaction on it, and runs inside the transaction',
		async () => {
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
		}
	);

	it('prepares again for another connection', async () => {
		const other = await openTestDatabase();
		try {
			let prepared = 0;
			const countTags = preparedStatement((on) => {
				prepared++;
				return on.select({ n: sql<number>`count(*)` }).from(tags);
			});
			countTags(database.db);
			countTags(other.db);
			countTags(other.db);
			expect(prepared).toBe(2);
		} finally {
			await other.remove();
		}
	});
});

describe('preparedQuery, preparedWrite and preparedInsert', () => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await openTestDatabase();
	});
	afterEach(() => database.remove());

	const insertTag = preparedInsert(
		'test_insert_tag',
		(db) => db.insert(tags).values({ name: sql.placeholder('name') }),
		tags.id
	);
	const renameTag = preparedWrite('test_rename_tag', (db) =>
		db
			.update(tags)
			.set({ name: sql`${sql.placeholder('name')}` })
			.where(eq(tags.id, sql.placeholder('id')))
	);
	const tagById = preparedQuery('test_tag_by_id', (db) =>
		db
			.select({ name: tags.name })
			.from(tags)
			.where(eq(tags.id, sql.placeholder('id')))
	);
	const tagsFrom = preparedQuery('test_tags_from', (db) =>
		db
			.select({ id: tags.id, name: tags.name })
			.from(tags)
			.where(sql`${tags.id} >= ${sql.placeholder('from')}`)
			.orderBy(tags.id)
	);

	it('builds a statement once for every transaction: per process on PostgreSQL, per connection on SQLite', async () => {
		const { db } = database;
		let built = 0;
		const tagNamed = preparedQuery('test_tag_named', (on) => {
			built++;
			return on
				.select({ id: tags.id })
				.from(tags)
				.where(eq(tags.name, sql.placeholder('name')));
		});
		const ids = await Promise.all(
			['first', 'second', 'third'].map((name) =>
				inTransaction(db, async (tx) => {
					const id = await insertTag(tx, { name });
					return (await tagNamed.get(tx, { name }))?.id === id ? id : null;
				})
			)
		);
		expect(ids).not.toContain(null);
		expect(built).toBe(1);
		expect(await tagNamed.get(db, { name: 'second' })).toEqual({ id: ids[1] });
	});

	it('runs with their parameters on the engine of the run, inside transactions and rolled back with them', async () => {
		const { db } = database;
		const ids = await inTransaction(db, async (tx) => [
			await insertTag(tx, { name: 'punctuality' }),
			await insertTag(tx, { name: 'snacks' })
		]);
		expect(ids[1]).toBe(ids[0]! + 1);
		await expect(
			inTransaction(db, async (tx) => {
				await insertTag(tx, { name: 'rolled back' });
				await renameTag(tx, { id: ids[0], name: 'renamed, then rolled back' });
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		await inTransaction(db, (tx) => renameTag(tx, { id: ids[1], name: 'catering' }));

		expect(await tagById.get(db, { id: ids[0] })).toEqual({ name: 'punctuality' });
		expect(await tagById.get(db, { id: 999_999 })).toBeUndefined();
		expect(await tagsFrom.all(db, { from: ids[1] })).toEqual([{ id: ids[1], name: 'catering' }]);
		expect((await tagsFrom.all(db, { from: 0 })).map(({ name }) => name)).toEqual([
			'punctuality',
			'catering'
		]);
	});
});
