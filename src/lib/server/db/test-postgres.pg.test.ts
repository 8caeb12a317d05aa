import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres } from './test-postgres';

describe('the test PostgreSQL server', () => {
	let database: Awaited<ReturnType<typeof createTestPostgres>>;
	beforeAll(async () => {
		database = await createTestPostgres();
	});
	afterAll(() => database.remove());

	it('answers queries on a database of the test file’s own', async () => {
		const client = new pg.Client({ connectionString: database.url });
		await client.connect();
		try {
			const { rows } = await client.query<{ name: string; sum: number }>(
				'select current_database() as name, 40 + 2 as sum'
			);
			expect(rows).toEqual([{ name: expect.stringMatching(/^satisfy_test_/), sum: 42 }]);
		} finally {
			await client.end();
		}
	});

	it('keeps what a test file writes to itself', async () => {
		await database.db.execute(sql`create table notes (body text not null)`);
		await database.db.execute(sql`insert into notes values ('kept')`);
		const other = await createTestPostgres();
		try {
			const { rows } = await other.db.execute(sql`select to_regclass('notes') as found`);
			expect(rows).toEqual([{ found: null }]);
		} finally {
			await other.remove();
		}
		const { rows } = await database.db.execute(sql`select body from notes`);
		expect(rows).toEqual([{ body: 'kept' }]);
	});

	it('reads 64-bit integers as numbers, as SQLite gives them', async () => {
		const { rows } = await database.db.execute(
			sql`select count(*) as n, 1765000000000::bigint as ms from generate_series(1, 3)`
		);
		expect(rows).toEqual([{ n: 3, ms: 1765000000000 }]);
	});
});
