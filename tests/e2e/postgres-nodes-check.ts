/**
 * What postgres-nodes.spec.ts checks after the run, through the app's services: the dashboard's
 * CSI cells as the nodes left them, and as a full rebuild computes them from the stored responses.
 * `DATABASE_URL=postgres://… tsx --import ./scripts/svelte-register.mjs tests/e2e/postgres-nodes-check.ts`; prints both as JSON.
 */
import { asc } from 'drizzle-orm';
import { latestRebuild, startRebuild } from '../../src/lib/server/analytics/rebuild';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/open';
import { csiCells } from '../../src/lib/server/db/schema';
import { installSubscribers } from '../../src/lib/server/events/subscribers';

installSubscribers();
const db = await openDatabase(process.env.DATABASE_URL!);
const cells = () =>
	db
		.select()
		.from(csiCells)
		.orderBy(asc(csiCells.surveyVersionId), asc(csiCells.dimension), asc(csiCells.day));
const asLeft = await cells();
await (
	await startRebuild(db, { kind: 'all' }, { code: 'firstCellsComputation' })
).done;
// A rebuild that failed would leave the cells as they were: its job must say it ran to the end.
const rebuild = await latestRebuild(db);
const rebuilt = await cells();
await closeDatabase(db);
console.log(
	JSON.stringify({ asLeft, rebuilt, rebuild: rebuild?.status, failure: rebuild?.failure })
);
