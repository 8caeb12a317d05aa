/**
 * The response inbox at 1,000,000 responses (`BENCH_RESPONSES` changes it): server time of one
 * page (50 rows with the count of matches, as the page shows them) and of the next page, for
 * every combination of its filters — survey, period, segment, score range, tone, text search,
 * follow-up case, tag — and for a client's responses: each combination is listed with its time,
 * then the worst. Aim: every page ≤ 250 ms at 1M.
 * Responses are written in bulk as for the dashboard benchmark; a third get an open answer (with
 * its tone, and in the full-text index through its triggers), 1% a follow-up case and 1% a tag.
 * Their scores are filled by the background refresh the app runs at start for responses without
 * one, whose time is reported too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InboxFilter } from '../src/lib/schemas/inbox-filter';
import { openSqlite } from '../src/lib/server/db/sqlite-connections';
import { inboxPage } from '../src/lib/server/responses/inbox';
import { startScoreRefresh } from '../src/lib/server/responses/scores';
import { combine, seedWorkspace, timeAll, writeResponses } from './bench-dashboard';

const TEXTS = [
	['The flight was late and nobody told us why', 'negative'],
	['Friendly crew, a smooth and punctual flight', 'positive'],
	['Der Flug war pünktlich und das Personal sehr freundlich', 'positive'],
	['Lento oli myöhässä ja henkilökunta oli töykeää', null],
	['Seat was fine, snacks were average', 'neutral'],
	['Customs took forever, the queue was terrible', 'negative'],
	['Everything as expected', 'neutral']
] as const;

export async function seedInbox(dir: string, count: number) {
	const db = openSqlite(join(dir, 'app.db'));
	const workspace = await seedWorkspace(db);
	let start = performance.now();
	await writeResponses(db, workspace, count, 17, 0);
	db.$client.exec(`
		insert into answers (response_id, question_id, text, sentiment_label, sentiment_version)
			select id, 'improve',
				case id % 7 ${TEXTS.map(([text], i) => `when ${i} then '${text}'`).join(' ')} end,
				case id % 7 ${TEXTS.map(([, label], i) => `when ${i} then ${label ? `'${label}'` : 'null'}`).join(' ')} end,
				'bench'
			from responses where id % 3 = 0;
		insert into followup_cases (client_id, response_id, trigger, status, due_at, created_at, updated_at)
			select client_id, id, '{"triggers":["lowOverall"],"items":[]}', 'open', submitted_at, submitted_at, submitted_at
			from responses where id % 100 = 0;
		insert into response_tags (response_id, tag) select id, 'callback' from responses where id % 100 = 7;
	`);
	const writtenMs = performance.now() - start;
	start = performance.now();
	await (
		await startScoreRefresh(db, { code: 'scoresStale' })
	).done;
	return { db, workspace, writtenMs, scoredMs: performance.now() - start };
}

export async function inboxTimings(
	count = Number(process.env.BENCH_RESPONSES ?? 1_000_000)
): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-inbox-'));
	try {
		const { db, workspace, writtenMs, scoredMs } = await seedInbox(dir, count);
		const sqlite = db.$client;
		console.log(
			`\nResponse inbox at ${count.toLocaleString('en')} responses (bulk write with texts, cases, tags ${(writtenMs / 1000).toFixed(1)} s; scores filled by the background refresh ${(scoredMs / 1000).toFixed(1)} s)`
		);
		const newest = sqlite
			.prepare('select max(submitted_at) from responses')
			.pluck()
			.get() as number;
		const daysAgo = (days: number) =>
			new Date(newest - days * 86_400_000).toISOString().slice(0, 10);
		const surveyId = sqlite
			.prepare('select survey_id from survey_versions where id = ?')
			.pluck()
			.get(workspace.versionIds[1]) as number;
		const clientId = sqlite.prepare('select min(client_id) from responses').pluck().get() as number;
		const share = async (filter: InboxFilter) =>
			`${((100 * (await inboxPage(db, filter, { withClients: true, countCap: count })).count.count) / count).toFixed(1)}%`;
		const segment: InboxFilter = { segment: workspace.segmentIds[2]! };
		const pages = combine([
			[
				['every survey', {}],
				['the smaller survey', { survey: surveyId }]
			],
			[
				['all dates', {}],
				['one month', { from: daysAgo(60), to: daysAgo(30) }]
			],
			[
				['', {}],
				[`segment (${await share(segment)})`, segment]
			],
			[
				['', {}],
				['score 0–40', { minScore: 0, maxScore: 40 }],
				['score 90–100', { minScore: 90, maxScore: 100 }]
			],
			[
				['', {}],
				['negative', { sentiment: 'negative' }],
				['not scored', { sentiment: 'not-scored' }]
			],
			[
				['', {}],
				['search "late"', { search: 'late' }],
				['search "punctual friendly"', { search: 'punctual friendly' }]
			],
			[
				['', {}],
				['with a case (1%)', { case: 'with' }],
				['without a case', { case: 'without' }]
			],
			[
				['', {}],
				['tag (1%)', { tag: 'callback' }]
			]
		])
			.map(({ name, raw }) => ({ name: name.replace(/(, )+/g, ', ').replace(/, $/, ''), raw }))
			.concat(
				[
					['a client', { client: clientId }],
					[
						'a client, negative, search "late"',
						{ client: clientId, sentiment: 'negative', search: 'late' }
					],
					['a tag nobody has', { tag: 'nobody' }]
				].map(([name, raw]) => ({ name: name as string, raw: raw as Record<string, unknown> }))
			);
		const page = (filter: Record<string, unknown>) =>
			inboxPage(db, filter as InboxFilter, { withClients: true });
		await timeAll('page', pages, page);
		const nextPages = [];
		for (const { name, raw } of pages) {
			const older = (await page(raw)).older;
			if (older)
				nextPages.push({
					name,
					raw: {
						filter: raw,
						cursor: {
							direction: 'older',
							submittedAt: older.submittedAt.getTime(),
							id: older.id
						}
					}
				});
		}
		await timeAll('next page', nextPages, ({ filter, cursor }) =>
			inboxPage(db, filter as InboxFilter, {
				withClients: true,
				cursor: cursor as { direction: 'older'; submittedAt: number; id: number }
			})
		);
		console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
		sqlite.close();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await inboxTimings();
