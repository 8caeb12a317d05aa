/**
 * Dashboard server time at 10,000 and 1,000,000 responses, unfiltered and filtered by one client
 * tag (target: ≤ 100 ms at 1M, and 1M/10k ≤ 3). Responses are written in bulk and their cells
 * computed by the same rebuild the app runs, whose time is reported too.
 * `BENCH_RESPONSES` changes the large size.
 */
import { DAY_MS } from '../src/lib/dates';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { analyticsQuerySchema } from '../src/lib/schemas/analytics';
import {
	csiComparison,
	csiTrend,
	dashboardScope,
	type DashboardScope
} from '../src/lib/server/analytics/dashboard';
import { startRebuild } from '../src/lib/server/analytics/rebuild';
import { saveClients } from '../src/lib/server/clients/save';
import { clientInputSchema } from '../src/lib/schemas/clients';
import { createDb, type Db } from '../src/lib/server/db';
import { surveyVersions } from '../src/lib/server/db/schema';
import { seededRandom } from '../src/lib/server/demo/random';
import { changeStatus, createSurveyFromTemplate } from '../src/lib/server/surveys/service';

const CLIENTS = 10_000;
const TAGS = Array.from({ length: 20 }, (_, i) => `tag-${i + 1}`);
const LANGUAGES = ['de', 'nl', 'fi', 'ro', 'en'];

export function seedClientsAndSurvey(db: Db): number {
	const created = createSurveyFromTemplate(db, 'airline-csi', null);
	if (!created.ok) throw new Error(created.message);
	changeStatus(db, created.id, 'open');
	const random = seededRandom(11);
	const inputs = Array.from({ length: CLIENTS }, (_, i) =>
		clientInputSchema.parse({
			email: `client${i}@bench.example`,
			name: `Client ${i}`,
			language: random.pick(LANGUAGES),
			tags: [random.pick(TAGS)],
			annualValue: random.integer(1000, 500_000)
		})
	);
	const saved = saveClients(db, inputs, {
		onExisting: 'reject',
		actor: { userId: null },
		source: 'bench'
	});
	if (!saved.ok) throw new Error('Could not seed clients');
	return db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, created.id)).get()!.id;
}

/** Writes responses over the last 18 months straight into the tables, as a long-running app would hold them. */
export function writeResponses(db: Db, versionId: number, count: number, seed: number): void {
	const random = seededRandom(seed);
	const sqlite = db.$client;
	const clients = sqlite
		.prepare(
			'select c.id, c.language, c.annual_value as value, t.name as tag from clients c join client_tags ct on ct.client_id = c.id join tags t on t.id = ct.tag_id'
		)
		.all() as {
		id: number;
		language: string;
		value: number;
		tag: string;
	}[];
	const insertResponse = sqlite.prepare(
		'insert into responses (survey_version_id, client_id, language, submitted_at, source, context) values (?, ?, ?, ?, ?, ?)'
	);
	const insertAnswer = sqlite.prepare(
		'insert into answers (response_id, question_id, score, not_applicable) values (?, ?, ?, ?)'
	);
	const now = Date.now();
	const rating = () => Math.min(5, Math.max(1, Math.round(3.6 + random.next() * 2.4 - 1.2)));
	const writeBatch = sqlite.transaction((size: number) => {
		for (let i = 0; i < size; i++) {
			const client = random.pick(clients);
			const context = JSON.stringify({
				segments: [],
				tags: [client.tag.toLowerCase()],
				manager: null,
				annualValue: client.value
			});
			const { lastInsertRowid } = insertResponse.run(
				versionId,
				client.id,
				client.language,
				now - Math.floor(random.next() * 548 * DAY_MS),
				'import',
				context
			);
			for (const question of ['punctuality', 'safety', 'snacks', 'overall'])
				insertAnswer.run(lastInsertRowid, question, rating(), 0);
			if (random.chance(0.8)) insertAnswer.run(lastInsertRowid, 'customs', rating(), 0);
			else insertAnswer.run(lastInsertRowid, 'customs', null, 1);
		}
	});
	for (let written = 0; written < count; written += 10_000)
		writeBatch(Math.min(10_000, count - written));
}

/** What the dashboard computes for a view: its scope, the trend with the factor table, and a comparison (by tag; by language within a tag filter). */
function dashboardWork(db: Db, raw: Record<string, unknown>) {
	const query = analyticsQuerySchema.parse(raw);
	const scope = dashboardScope(db, query) as DashboardScope;
	csiTrend(db, scope, query);
	csiComparison(db, scope, query, raw.tag ? 'language' : 'tag');
}

function medianMs(work: () => void, runs = 9): number {
	const times = Array.from({ length: runs }, () => {
		const start = performance.now();
		work();
		return performance.now() - start;
	}).sort((a, b) => a - b);
	return times[Math.floor(runs / 2)]!;
}

export async function dashboardTimings(
	large = Number(process.env.BENCH_RESPONSES ?? 1_000_000)
): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-dashboard-'));
	try {
		const db = createDb(join(dir, 'app.db'));
		const versionId = seedClientsAndSurvey(db);
		console.log(
			`\nDashboard server time (median of 9: scope, trend by month with the factor table, comparison by tag — by language within the tag filter)`
		);
		const rows: [number, number, number][] = [];
		let written = 0;
		for (const size of [10_000, large]) {
			const start = performance.now();
			writeResponses(db, versionId, size - written, size);
			written = size;
			const writtenAt = performance.now();
			await startRebuild(db, { kind: 'all' }, 'benchmark').done;
			const rebuildMs = performance.now() - writtenAt;
			const unfiltered = medianMs(() => dashboardWork(db, {}));
			const filtered = medianMs(() => dashboardWork(db, { tag: 'tag-7' }));
			const query = analyticsQuerySchema.parse({
				tag: 'tag-7',
				language: 'de',
				from: '2025-12-10'
			});
			const recomputed = medianMs(
				() => csiComparison(db, dashboardScope(db, query) as DashboardScope, query, 'segment'),
				1
			);
			rows.push([size, unfiltered, filtered]);
			console.log(
				`  ${size.toLocaleString('en').padStart(9)} responses: unfiltered ${unfiltered.toFixed(1)} ms, tag-filtered ${filtered.toFixed(1)} ms` +
					`; two filters and a comparison (recomputed from responses) ${recomputed.toFixed(0)} ms   (bulk write ${((writtenAt - start) / 1000).toFixed(1)} s, rebuild of the cells ${(rebuildMs / 1000).toFixed(1)} s)`
			);
		}
		const [small, big] = [rows[0]!, rows[1]!];
		console.log(
			`  ratio ${big[0].toLocaleString('en')}/${small[0].toLocaleString('en')}: unfiltered ${(big[1] / small[1]).toFixed(2)}, tag-filtered ${(big[2] / small[2]).toFixed(2)}   (targets ≤ 100 ms, ratio ≤ 3)`
		);
		console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
		db.$client.close();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await dashboardTimings();
