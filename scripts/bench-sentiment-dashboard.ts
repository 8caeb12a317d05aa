/**
 * Server time of the sentiment page at 1,000,000 texts (`BENCH_TEXTS` changes the size): half
 * scored open answers over the last 18 months (the dashboard bench's clients, segments and
 * managers), half imported reviews over 2025, for every combination of texts (answers, reviews,
 * both), dates, the four filters and the period; each is listed with its time, then the worst.
 * The page's work is the scope, the sentiment report (counts, factors, top terms, newest negative
 * texts) and the CSI trend beside it. Aim: ≤ 250 ms. The days are packed as the analytics worker
 * packs them; the time that takes is reported too. Run: `npx tsx --import ./scripts/svelte-register.mjs scripts/bench-sentiment-dashboard.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sentimentQuerySchema } from '../src/lib/schemas/analytics';
import { repackStaleDays } from '../src/lib/server/analytics/chunk-upkeep';
import {
	csiTrend,
	dashboardScope,
	type DashboardScope
} from '../src/lib/server/analytics/dashboard';
import { forgetReads } from '../src/lib/server/analytics/read-cache';
import { startRebuild } from '../src/lib/server/analytics/rebuild';
import { sentimentReport } from '../src/lib/server/analytics/sentiment';
import type { Db } from '../src/lib/server/db';
import { closeSqlite, openSqlite } from '../src/lib/server/db/sqlite-connections';
import { importReviewFile } from '../src/lib/server/reviews/import';
import {
	combine,
	dateChoices,
	filterChoices,
	periodChoices,
	seedWorkspace,
	timeAll,
	writeResponses
} from './bench-dashboard';
import { reviewCsv } from './bench-reviews';

/** What the sentiment page computes for a view, for its first visitor since the last change. */
async function sentimentPage(db: Db, raw: Record<string, unknown>) {
	forgetReads(db);
	const query = sentimentQuerySchema.parse(raw);
	const scope = (await dashboardScope(db, query)) as DashboardScope;
	await sentimentReport(db, { ...query, surveyId: scope.surveyIds });
	await csiTrend(db, scope, query);
}

// Reviews are imported in files of this many, as a review site's export would come.
const IMPORT = 100_000;

export async function sentimentDashboardTimings(
	texts = Number(process.env.BENCH_TEXTS ?? 1_000_000)
): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-sentiment-dashboard-'));
	try {
		const db = openSqlite(join(dir, 'app.db'));
		let begin = performance.now();
		const workspace = await seedWorkspace(db);
		await writeResponses(db, workspace, texts / 2, 17, 1);
		for (let imported = 0; imported < texts / 2; imported += IMPORT) {
			const count = Math.min(IMPORT, texts / 2 - imported);
			const result = await importReviewFile(
				db,
				new TextEncoder().encode(reviewCsv(count, imported + 5)),
				{},
				{ actor: { userId: null }, origin: { kind: 'file', name: 'bench' } }
			);
			if (!result.ok) throw new Error('Review import failed');
		}
		await (
			await startRebuild(db, { kind: 'all' }, { code: 'firstCellsComputation' })
		).done;
		const seeded = performance.now() - begin;
		begin = performance.now();
		await repackStaleDays(db);
		console.log(
			`\nSentiment page — ${texts.toLocaleString('en')} texts (half open answers, half reviews), seeded in ${(seeded / 1000).toFixed(1)} s; their tone packed in ${((performance.now() - begin) / 1000).toFixed(1)} s`
		);
		const views = combine([
			[
				['answers and reviews', { texts: 'both' }],
				['answers', { texts: 'answers' }],
				['reviews', { texts: 'reviews' }]
			],
			dateChoices(),
			filterChoices(workspace),
			periodChoices
		]);
		await timeAll(`${texts.toLocaleString('en')} texts, sentiment page`, views, (raw) =>
			sentimentPage(db, raw)
		);
		console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
		closeSqlite(db);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await sentimentDashboardTimings();
