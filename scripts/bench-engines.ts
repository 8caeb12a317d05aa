// Micro-measure for issue #17 (not a test): the async SQLite path (openSqlite + inTransaction) against
// the sync one, and PostgreSQL for reference. `npx tsx scripts/bench-engines.ts` (N=20000 by default).
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../src/lib/server/db/index';
import * as s from '../src/lib/server/db/schema';
import * as p from '../src/lib/server/db/schema-pg';
import { openSqlite, closeSqlite } from '../src/lib/server/db/sqlite-connections';
import { inTransaction } from '../src/lib/server/db/transaction';
import {
	startTestPostgres,
	withDatabase,
	onMaintenanceDatabase
} from '../src/lib/server/db/test-postgres-server';
import { createPostgresDb } from '../src/lib/server/db/postgres';

const N = Number(process.env.N ?? 20000);
async function time(label: string, n: number, f: () => unknown) {
	for (let i = 0; i < Math.min(2000, n); i++) await f(); // warm-up
	const t0 = performance.now();
	for (let i = 0; i < n; i++) await f();
	const us = ((performance.now() - t0) * 1000) / n;
	console.log(`${label.padEnd(62)} ${us.toFixed(1).padStart(7)} µs/op`);
}
const timeSync = (label: string, n: number, f: () => unknown) => {
	for (let i = 0; i < Math.min(2000, n); i++) f();
	const t0 = performance.now();
	for (let i = 0; i < n; i++) f();
	console.log(
		`${label.padEnd(62)} ${(((performance.now() - t0) * 1000) / n).toFixed(1).padStart(7)} µs/op`
	);
};

const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-'));
const syncDb = createDb(join(dir, 'sync.db'));
const asyncDb = openSqlite(join(dir, 'async.db'));
syncDb.insert(s.tags).values({ name: 'x' }).run();
await inTransaction(asyncDb, async (tx) => {
	await tx.insert(s.tags).values({ name: 'x' });
});

timeSync('SQLite sync   select by key .get()', N, () =>
	syncDb.select().from(s.tags).where(eq(s.tags.id, 1)).get()
);
timeSync(
	'SQLite sync   select by key .all()[0]',
	N,
	() => syncDb.select().from(s.tags).where(eq(s.tags.id, 1)).all()[0]
);
await time(
	'SQLite async  await select by key on the sync db (same connection)',
	N,
	async () => (await syncDb.select().from(s.tags).where(eq(s.tags.id, 1)))[0]
);
await time(
	'SQLite async  await Promise.resolve(.get()) (promise cost alone)',
	N,
	async () => await Promise.resolve(syncDb.select().from(s.tags).where(eq(s.tags.id, 1)).get())
);
await time(
	'SQLite async  await select by key (reader connection)',
	N,
	async () => (await asyncDb.select().from(s.tags).where(eq(s.tags.id, 1)))[0]
);
const prepSync = syncDb.select().from(s.tags).where(eq(s.tags.id, 1)).prepare();
const prepAsync = asyncDb.select().from(s.tags).where(eq(s.tags.id, 1)).prepare();
timeSync('SQLite sync   prepared .get()', N, () => prepSync.get());
await time('SQLite async  await prepared .get()', N, async () => await prepAsync.get());
let k = 0;
timeSync('SQLite sync   inTransaction + 1 insert', N / 4, () =>
	// The synchronous baseline (better-sqlite3's own transaction) the async layer is measured against.
	syncDb.$client
		.transaction(() =>
			syncDb
				.insert(s.tags)
				.values({ name: `s${k++}` })
				.run()
		)
		.immediate()
);
await time('SQLite async  await inTransaction + await 1 insert', N / 4, () =>
	inTransaction(asyncDb, async (tx) => {
		await tx.insert(s.tags).values({ name: `a${k++}` });
	})
);
await time('SQLite async  2 concurrent streams of inTransaction + insert', N / 8, () =>
	Promise.all(
		[0, 1].map(() =>
			inTransaction(asyncDb, async (tx) => {
				await tx.insert(s.tags).values({ name: `c${k++}` });
			})
		)
	)
);

const t0 = performance.now();
const server = await startTestPostgres();
console.log(
	`PostgreSQL start (initdb, start, template + migration): ${(performance.now() - t0).toFixed(0)} ms`
);
const t1 = performance.now();
await onMaintenanceDatabase(server.adminUrl, `create database bench template ${server.template}`);
console.log(`PostgreSQL create database from template: ${(performance.now() - t1).toFixed(0)} ms`);
const pg = createPostgresDb(withDatabase(server.adminUrl, 'bench'));
await pg.insert(p.tags).values({ name: 'x' });
const M = N / 4;
await time(
	'PostgreSQL   await select by key (pool)',
	M,
	async () => (await pg.select().from(p.tags).where(eq(p.tags.id, 1)))[0]
);
await time('PostgreSQL   await inTransaction + 1 insert', M / 2, () =>
	inTransaction(pg, async (tx) => {
		await tx.insert(p.tags).values({ name: `p${k++}` });
	})
);
await pg.$client.end();
await onMaintenanceDatabase(server.adminUrl, 'drop database bench');
await server.stop();
syncDb.$client.close();
closeSqlite(asyncDb);
rmSync(dir, { recursive: true, force: true });
