import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engine } from './engine';
import { plainSql } from './plain-sql';
import type { PgDb } from './postgres';
import { openTestDatabase } from './test-database';

// SQLite: every test gets a new file, never one given back.
describe.runIf(engine === 'postgres')('test databases on PostgreSQL', () => {
	it('keep a write that outlives its test (one that timed out) out of the next test’s database', async () => {
		const first = await openTestDatabase();
		const pg = first.db as unknown as PgDb;
		// Still running when its test gives the database back, then a write.
		const stray = pg
			.execute(sql`select pg_sleep(0.3)`)
			.then(() => plainSql(first.db).run("insert into tags (name) values ('stray')"))
			.then(
				() => 'written',
				() => 'refused'
			);
		await first.remove();
		const next = await openTestDatabase();
		try {
			await stray;
			expect(await plainSql(next.db).all('select name from tags')).toEqual([]);
		} finally {
			await next.remove();
		}
	});

	it('empty a database given back and hand it out again', async () => {
		const first = await openTestDatabase();
		await plainSql(first.db).run("insert into tags (name) values ('kept?')");
		await first.remove();
		const next = await openTestDatabase();
		try {
			expect(next.url).toBe(first.url);
			expect(await plainSql(next.db).all('select name from tags')).toEqual([]);
		} finally {
			await next.remove();
		}
	});
});
