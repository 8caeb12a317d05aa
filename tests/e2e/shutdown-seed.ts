/**
 * Seeds a database file for shutdown.spec.ts: 20,000 responses and thirty segments whose members
 * must be re-read, with their cell rebuild recorded as running — a long rebuild, resumed at start.
 * A process of its own, as the benchmark's seeding scores texts with the sentiment engine, whose
 * word lists Playwright's loader cannot import. `tsx tests/e2e/shutdown-seed.ts <database file>`
 */
import { seedWorkspace, writeResponses } from '../../scripts/bench-dashboard';
import { saveSegment } from '../../src/lib/server/clients/segments';
import { closeSqlite, openSqlite } from '../../src/lib/server/db/sqlite-connections';
import { inTransaction } from '../../src/lib/server/db/transaction';
import { backgroundJobs } from '../../src/lib/server/db/schema';

const db = openSqlite(process.argv[2]!);
await writeResponses(db, await seedWorkspace(db), 20_000, 3);
const segments: number[] = [];
for (let i = 0; i < 30; i++)
	segments.push(
		(
			await saveSegment(db, {
				name: `Segment ${i}`,
				filter: { tags: [`tag-${(i % 20) + 1}`] },
				userId: null
			})
		).id
	);
await inTransaction(db, async (tx) => {
	await tx.insert(backgroundJobs).values({
		kind: 'cells',
		reason: 'test',
		status: 'running',
		total: 20_000,
		done: 0,
		plan: { all: true, segments },
		startedAt: new Date()
	});
});
closeSqlite(db);
