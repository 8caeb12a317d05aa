/**
 * The response inbox at 1,000,000 responses (`BENCH_RESPONSES` changes it): server time of one
 * page (50 rows with the count of matches, as the page shows them) and of the next page, for each
 * filter alone and for a few combinations, median of 9.
 * Responses are written in bulk as for the dashboard benchmark; a third get an open answer (with
 * its tone, and in the full-text index through its triggers), a tenth a saved segment, 1% a
 * follow-up case and 1% a tag. Their scores are filled by the background refresh the app runs at
 * start for responses without one, whose time is reported too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InboxFilter } from '../src/lib/schemas/inbox-filter';
import { saveSegment } from '../src/lib/server/clients/segments';
import { createDb } from '../src/lib/server/db';
import { inboxPage } from '../src/lib/server/responses/inbox';
import { startScoreRefresh } from '../src/lib/server/responses/scores';
import { seedClientsAndSurvey, writeResponses } from './bench-dashboard';

const TEXTS = [
	['The flight was late and nobody told us why', 'negative'],
	['Friendly crew, a smooth and punctual flight', 'positive'],
	['Der Flug war pünktlich und das Personal sehr freundlich', 'positive'],
	['Lento oli myöhässä ja henkilökunta oli töykeää', null],
	['Seat was fine, snacks were average', 'neutral'],
	['Customs took forever, the queue was terrible', 'negative'],
	['Everything as expected', 'neutral']
] as const;

function medianMs(work: () => void, runs = 9): number {
	const times = Array.from({ length: runs }, () => {
		const start = performance.now();
		work();
		return performance.now() - start;
	}).sort((a, b) => a - b);
	return times[Math.floor(runs / 2)]!;
}

export async function seedInbox(dir: string, count: number) {
	const db = createDb(join(dir, 'app.db'));
	const versionId = seedClientsAndSurvey(db);
	const segment = saveSegment(db, { name: 'Bench', filter: { tags: ['tag-3'] }, userId: null });
	let start = performance.now();
	writeResponses(db, versionId, count, 17);
	db.$client.exec(`
		insert into answers (response_id, question_id, text, sentiment_label, sentiment_version)
			select id, 'improve',
				case id % 7 ${TEXTS.map(([text], i) => `when ${i} then '${text}'`).join(' ')} end,
				case id % 7 ${TEXTS.map(([, label], i) => `when ${i} then ${label ? `'${label}'` : 'null'}`).join(' ')} end,
				'bench'
			from responses where id % 3 = 0;
		update responses set context = json_set(context, '$.segments', json('[${segment.id}]')) where id % 10 = 0;
		insert into followup_cases (client_id, response_id, trigger, status, due_at, created_at, updated_at)
			select client_id, id, '{"triggers":["lowOverall"],"items":[]}', 'open', submitted_at, submitted_at, submitted_at
			from responses where id % 100 = 0;
		insert into response_tags (response_id, tag) select id, 'callback' from responses where id % 100 = 7;
	`);
	const writtenMs = performance.now() - start;
	start = performance.now();
	await startScoreRefresh(db, 'benchmark').done;
	return { db, segmentId: segment.id, writtenMs, scoredMs: performance.now() - start };
}

export async function inboxTimings(
	count = Number(process.env.BENCH_RESPONSES ?? 1_000_000)
): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-inbox-'));
	try {
		const { db, segmentId, writtenMs, scoredMs } = await seedInbox(dir, count);
		const sqlite = db.$client;
		console.log(
			`\nResponse inbox at ${count.toLocaleString('en')} responses (bulk write with texts, cases, tags ${(writtenMs / 1000).toFixed(1)} s; scores filled by the background refresh ${(scoredMs / 1000).toFixed(1)} s)`
		);
		const newest = sqlite.prepare('select max(submitted_at) as at from responses').get() as {
			at: number;
		};
		const daysAgo = (days: number) =>
			new Date(newest.at - days * 86_400_000).toISOString().slice(0, 10);
		const views: [string, InboxFilter][] = [
			['no filter', {}],
			['survey', { survey: 1 }],
			['period: one month', { from: daysAgo(60), to: daysAgo(30) }],
			['segment (a tenth)', { segment: segmentId }],
			['score 0–40', { minScore: 0, maxScore: 40 }],
			['score 90–100', { minScore: 90, maxScore: 100 }],
			['sentiment negative', { sentiment: 'negative' }],
			['sentiment not scored', { sentiment: 'not-scored' }],
			['search "late"', { search: 'late' }],
			['search "punctual friendly"', { search: 'punctual friendly' }],
			['has a case (1%)', { case: 'with' }],
			['tag (1%)', { tag: 'callback' }],
			['client', { client: 42 }],
			[
				'segment + score 0–40 + negative',
				{ segment: segmentId, maxScore: 40, sentiment: 'negative' }
			],
			['period + case + search', { from: daysAgo(120), case: 'with', search: 'late' }],
			['nothing matches (tag that no one has)', { tag: 'nobody' }]
		];
		console.log(
			'  filter                                  | page (50 rows and the count) | next page | matches'
		);
		for (const [name, filter] of views) {
			let page = inboxPage(db, filter, { withClients: true });
			const first = medianMs(() => (page = inboxPage(db, filter, { withClients: true })));
			const older = page.older;
			const next = older
				? medianMs(() =>
						inboxPage(db, filter, {
							withClients: true,
							cursor: { direction: 'older', submittedAt: older.submittedAt.getTime(), id: older.id }
						})
					)
				: null;
			console.log(
				`  ${name.padEnd(39)} | ${first.toFixed(1).padStart(25)} ms | ${next === null ? '        —' : `${next.toFixed(1).padStart(6)} ms`} | ${page.count.capped ? 'more than ' : ''}${page.count.count.toLocaleString('en')}`
			);
		}
		console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
		sqlite.close();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await inboxTimings();
