/**
 * Server time of the sentiment panels (`sentimentReport`) at 100,000 texts: 50,000 scored open
 * answers and 50,000 imported reviews over 2025, unfiltered, with a client-tag filter, answers
 * only, and one month. The main dashboard computes the same report once per view for its "Tone"
 * column. `BENCH_TEXTS` changes the size. Run: `npx tsx scripts/bench-sentiment-dashboard.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { clientInputSchema } from '../src/lib/schemas/clients';
import { sentimentQuerySchema } from '../src/lib/schemas/analytics';
import { sentimentReport } from '../src/lib/server/analytics/sentiment';
import { saveClients } from '../src/lib/server/clients/save';
import { createDb, type Db } from '../src/lib/server/db';
import { installSubscribers } from '../src/lib/server/events/subscribers';
import { surveyVersions } from '../src/lib/server/db/schema';
import { seededRandom } from '../src/lib/server/demo/random';
import { importReviewFile } from '../src/lib/server/reviews/import';
import { currentScorer, sentimentColumnsFor } from '../src/lib/server/sentiment/columns';
import { changeStatus, createSurveyFromTemplate } from '../src/lib/server/surveys/service';
import { reviewCsv } from './bench-reviews';

// What follows from recorded responses (cells, tone, cases) is written as in the server.
installSubscribers();

const CLIENTS = 2_000;
const TAGS = Array.from({ length: 20 }, (_, i) => `tag-${i + 1}`);

const answerTexts = [
	'The flight was late again and nobody told us why.',
	'Friendly crew and a clean cabin, thank you.',
	'Boarding took forever, the queue was a joke.',
	'Great snacks, comfortable seats, on time.',
	'Customs was slow but the staff were helpful.',
	'Die Verspätung war ärgerlich, aber das Personal war freundlich.',
	'De vlucht was op tijd en het personeel vriendelijk.',
	'Lento turvatarkastus, muuten hyvä matka.'
];

export function seedTexts(db: Db, texts: number): void {
	const created = createSurveyFromTemplate(db, 'airline-csi', null);
	if (!created.ok) throw new Error(created.message);
	changeStatus(db, created.id, 'open');
	const versionId = db
		.select()
		.from(surveyVersions)
		.where(eq(surveyVersions.surveyId, created.id))
		.get()!.id;
	const random = seededRandom(17);
	const inputs = Array.from({ length: CLIENTS }, (_, i) =>
		clientInputSchema.parse({
			email: `client${i}@bench.example`,
			name: `Client ${i}`,
			language: 'en',
			tags: [random.pick(TAGS)]
		})
	);
	if (
		!saveClients(db, inputs, { onExisting: 'reject', actor: { userId: null }, source: 'bench' }).ok
	)
		throw new Error('Could not seed clients');

	const scorer = currentScorer(db);
	const sqlite = db.$client;
	const clients = sqlite
		.prepare(
			'select c.id, t.name as tag from clients c join client_tags ct on ct.client_id = c.id join tags t on t.id = ct.tag_id'
		)
		.all() as { id: number; tag: string }[];
	const insertResponse = sqlite.prepare(
		'insert into responses (survey_version_id, client_id, language, submitted_at, source, context) values (?, ?, ?, ?, ?, ?)'
	);
	const insertAnswer = sqlite.prepare(
		'insert into answers (response_id, question_id, text, not_applicable, sentiment_language, sentiment_label, sentiment_score, sentiment_comparative, sentiment_detail, sentiment_version) values (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)'
	);
	const start = Date.UTC(2025, 0, 1);
	sqlite.transaction(() => {
		for (let i = 0; i < texts / 2; i++) {
			const client = random.pick(clients);
			const context = JSON.stringify({
				segments: [],
				tags: [client.tag],
				manager: null,
				annualValue: null
			});
			const { lastInsertRowid } = insertResponse.run(
				versionId,
				client.id,
				'en',
				start + Math.floor(random.next() * 364 * 86_400_000),
				'import',
				context
			);
			const text = `${random.pick(answerTexts)} (${i % 97})`;
			const s = sentimentColumnsFor(text, null, scorer);
			insertAnswer.run(
				lastInsertRowid,
				'improve',
				text,
				s.sentimentLanguage,
				s.sentimentLabel,
				s.sentimentScore,
				s.sentimentComparative,
				s.sentimentDetail && JSON.stringify(s.sentimentDetail),
				s.sentimentVersion
			);
		}
	})();
}

function medianMs(work: () => void, runs = 5): number {
	const times = Array.from({ length: runs }, () => {
		const begin = performance.now();
		work();
		return performance.now() - begin;
	}).sort((a, b) => a - b);
	return times[Math.floor(runs / 2)]!;
}

export async function sentimentDashboardTimings(
	texts = Number(process.env.BENCH_TEXTS ?? 100_000)
): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-sentiment-dashboard-'));
	try {
		const db = createDb(join(dir, 'app.db'));
		let begin = performance.now();
		seedTexts(db, texts);
		const imported = await importReviewFile(
			db,
			new TextEncoder().encode(reviewCsv(texts / 2)),
			{},
			{ actor: { userId: null }, origin: 'bench' }
		);
		if (!imported.ok) throw new Error('Review import failed');
		console.log(
			`Sentiment panels — ${texts.toLocaleString('en')} texts (half open answers, half reviews), seeded in ${((performance.now() - begin) / 1000).toFixed(1)} s`
		);
		const views: [string, Record<string, unknown>][] = [
			['unfiltered (answers and reviews)', {}],
			['answers only', { texts: 'answers' }],
			['one client tag', { tag: 'tag-7' }],
			['one month', { from: '2025-06-01', to: '2025-06-30' }]
		];
		for (const [name, raw] of views) {
			const query = sentimentQuerySchema.parse(raw);
			begin = performance.now();
			sentimentReport(db, query);
			const first = performance.now() - begin;
			console.log(
				`  ${name.padEnd(34)} median ${medianMs(() => sentimentReport(db, query)).toFixed(0)} ms (first ${first.toFixed(0)} ms)`
			);
		}
		console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
		db.$client.close();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await sentimentDashboardTimings();
