/**
 * Dashboard server time at 10,000 and 1,000,000 responses (`BENCH_RESPONSES` changes the large
 * size), for every combination of the filters a view can combine — survey, dates, segment, tag,
 * account manager, language — with every comparison and period: each combination is listed with
 * its time, then the worst. A view is what the dashboard page computes (scope, trend with the
 * factor table, comparison, each factor's tone); a factor's page is scope, trend and the newest
 * comments about the factor. Aim: every view ≤ 250 ms at 1M. Responses are written in bulk and
 * their cells computed by the same full rebuild the app runs, whose time is reported too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { dimensionKinds, type DimensionKind } from '../src/lib/analytics/dimensions';
import { DAY_MS, utcDay } from '../src/lib/dates';
import { analyticsQuerySchema } from '../src/lib/schemas/analytics';
import { filterFromSearchParams } from '../src/lib/schemas/client-filter';
import { clientInputSchema } from '../src/lib/schemas/clients';
import {
	csiComparison,
	csiTrend,
	dashboardScope,
	factorComments,
	type DashboardScope
} from '../src/lib/server/analytics/dashboard';
import { repackStaleDays } from '../src/lib/server/analytics/chunk-upkeep';
import { forgetReads } from '../src/lib/server/analytics/read-cache';
import { startRebuild } from '../src/lib/server/analytics/rebuild';
import { factorTone } from '../src/lib/server/analytics/sentiment';
import { clientIdsMatching } from '../src/lib/server/clients/queries';
import { saveClients } from '../src/lib/server/clients/save';
import { saveSegment } from '../src/lib/server/clients/segments';
import type { Db } from '../src/lib/server/db';
import { engine } from '../src/lib/server/db/engine';
import { first } from '../src/lib/server/db/queries';
import { closeDatabase, openDatabase } from '../src/lib/server/db/open';
import { plainSql } from '../src/lib/server/db/plain-sql';
import type { PgDb } from '../src/lib/server/db/postgres';
import { sqliteWriterOf } from '../src/lib/server/db/sqlite-connections';
import { onPostgres } from '../src/lib/server/db/transaction';
import { clients, surveyVersions } from '../src/lib/server/db/schema';
import { seededRandom } from '../src/lib/server/demo/random';
import { currentScorer, sentimentColumnsFor } from '../src/lib/server/sentiment/columns';
import { changeStatus, createSurveyFromTemplate } from '../src/lib/server/surveys/service';
import { createUser } from '../src/lib/server/users/service';

const CLIENTS = 10_000;
const TAGS = Array.from({ length: 20 }, (_, i) => `tag-${i + 1}`);
const LANGUAGES = ['de', 'nl', 'fi', 'ro', 'en'];
const MANAGERS = 8;
const TEXTS = [
	'The flight was late again and nobody told us why.',
	'Friendly crew and a clean cabin, thank you.',
	'Boarding took forever, the queue was a joke.',
	'Great snacks, comfortable seats, on time.',
	'Customs was slow but the staff were helpful.',
	'Die Verspätung war ärgerlich, aber das Personal war freundlich.',
	'De vlucht was op tijd en het personeel vriendelijk.',
	'Lento turvatarkastus, muuten hyvä matka.'
];

/** What the responses are written against: two surveys of the airline model, and each client's snapshot. */
export type Workspace = { versionIds: number[]; segmentIds: number[]; managerIds: string[] };

/**
 * 10,000 clients with one or two of 20 tags, one of 5 languages, one of 8 account managers (or
 * none, one in six), an annual value; five saved segments (a tag, a language, two languages, a
 * manager, a tag and a language); two open surveys of one CSI model.
 */
export async function seedWorkspace(db: Db): Promise<Workspace> {
	const managers: { id: string; email: string }[] = [];
	for (let i = 0; i < MANAGERS; i++) {
		const created = await createUser(db, {
			email: `manager${i}@bench.test`,
			name: `Manager ${i}`,
			role: 'manager',
			password: 'bench password 1'
		});
		if (!created.ok) throw new Error(created.message);
		managers.push({ id: created.user.id, email: created.user.email });
	}
	const versionIds: number[] = [];
	for (let n = 0; n < 2; n++) {
		const created = await createSurveyFromTemplate(db, 'airline-csi', null);
		if (!created.ok) throw new Error(created.message);
		await changeStatus(db, created.id, 'open');
		versionIds.push(
			(await first(
				db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, created.id))
			))!.id
		);
	}
	const random = seededRandom(11);
	const inputs = Array.from({ length: CLIENTS }, (_, i) => {
		const tags = [random.pick(TAGS)];
		if (random.chance(0.3)) tags.push(random.pick(TAGS));
		return clientInputSchema.parse({
			email: `client${i}@bench.example`,
			name: `Client ${i}`,
			language: random.pick(LANGUAGES),
			tags: [...new Set(tags)],
			accountManager: random.chance(1 / 6) ? null : random.pick(managers).email,
			annualValue: random.integer(1000, 500_000)
		});
	});
	const saved = await saveClients(db, inputs, {
		onExisting: 'reject',
		actor: { userId: null },
		source: 'bench'
	});
	if (!saved.ok) throw new Error('Could not seed clients');
	const segmentIds: number[] = [];
	for (const [name, filter] of [
		['VIP', 'tag=tag-1'],
		['German-speaking', 'language=de'],
		['Nordic', 'language=fi&language=nl'],
		['Manager 0', `manager=${managers[0]!.id}`],
		['Tag 2 in English', 'tag=tag-2&language=en']
	])
		segmentIds.push(
			(
				await saveSegment(db, {
					name: name!,
					filter: filterFromSearchParams(new URLSearchParams(filter)).data!,
					userId: null
				})
			).id
		);
	return { versionIds, segmentIds, managerIds: managers.map(({ id }) => id) };
}

type ResponseRow = {
	id: number;
	versionId: number;
	clientId: number;
	language: string;
	submittedAt: number;
	context: string;
};
type AnswerRow = {
	responseId: number;
	questionId: string;
	score: number | null;
	text: string | null;
	tone: ReturnType<typeof sentimentColumnsFor> | null;
};

/** Writes one batch of rows in one transaction, with what the engine writes fastest. */
type BatchWriter = (responses: ResponseRow[], answers: AnswerRow[]) => Promise<void>;

function sqliteBatchWriter(db: Db): BatchWriter {
	// Straight into the tables through the writer: the connection the app reads on is read-only, and
	// nothing else writes while a benchmark or a test seeds its workspace.
	const sqlite = sqliteWriterOf(db)!.writer.$client;
	const insertResponse = sqlite.prepare(
		'insert into responses (id, survey_version_id, client_id, language, submitted_at, source, context) values (?, ?, ?, ?, ?, ?, ?)'
	);
	const insertAnswer = sqlite.prepare(
		'insert into answers (response_id, question_id, score, not_applicable, text, sentiment_language, sentiment_label, sentiment_score, sentiment_comparative, sentiment_detail, sentiment_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const write = sqlite.transaction((responses: ResponseRow[], answers: AnswerRow[]) => {
		for (const r of responses)
			insertResponse.run(
				r.id,
				r.versionId,
				r.clientId,
				r.language,
				r.submittedAt,
				'import',
				r.context
			);
		for (const a of answers)
			insertAnswer.run(
				a.responseId,
				a.questionId,
				a.score,
				a.score === null && a.text === null ? 1 : 0,
				a.text,
				a.tone?.sentimentLanguage ?? null,
				a.tone?.sentimentLabel ?? null,
				a.tone?.sentimentScore ?? null,
				a.tone?.sentimentComparative ?? null,
				a.tone?.sentimentDetail ? JSON.stringify(a.tone.sentimentDetail) : null,
				a.tone?.sentimentVersion ?? null
			);
	});
	return async (responses, answers) => write(responses, answers);
}

/** PostgreSQL: each batch as two statements of column arrays (`unnest`), not a row at a time. */
function postgresBatchWriter(db: Db): BatchWriter {
	const pool = (db as unknown as PgDb).$client;
	return async (responses, answers) => {
		const client = await pool.connect();
		try {
			await client.query('begin');
			await client.query(
				`insert into responses (id, survey_version_id, client_id, language, submitted_at, source, context)
				 select id, version, client, language, submitted_at, 'import', context::json
				 from unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::bigint[], $6::text[])
				   as r(id, version, client, language, submitted_at, context)`,
				[
					responses.map((r) => r.id),
					responses.map((r) => r.versionId),
					responses.map((r) => r.clientId),
					responses.map((r) => r.language),
					responses.map((r) => r.submittedAt),
					responses.map((r) => r.context)
				]
			);
			await client.query(
				`insert into answers (response_id, question_id, score, not_applicable, text, sentiment_language, sentiment_label, sentiment_score, sentiment_comparative, sentiment_detail, sentiment_version)
				 select response, question, score, score is null and text is null, text, language, label, tone, comparative, detail::json, version
				 from unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[], $10::text[])
				   as a(response, question, score, text, language, label, tone, comparative, detail, version)`,
				[
					answers.map((a) => a.responseId),
					answers.map((a) => a.questionId),
					answers.map((a) => a.score),
					answers.map((a) => a.text),
					answers.map((a) => a.tone?.sentimentLanguage ?? null),
					answers.map((a) => a.tone?.sentimentLabel ?? null),
					answers.map((a) => a.tone?.sentimentScore ?? null),
					answers.map((a) => a.tone?.sentimentComparative ?? null),
					answers.map((a) =>
						a.tone?.sentimentDetail ? JSON.stringify(a.tone.sentimentDetail) : null
					),
					answers.map((a) => a.tone?.sentimentVersion ?? null)
				]
			);
			await client.query('commit');
		} catch (error) {
			await client.query('rollback');
			throw error;
		} finally {
			client.release();
		}
	};
}

/**
 * Writes responses over the last 18 months straight into the tables, in the order they were
 * given, as a long-running app holds them: three in four to the first survey, each with its
 * client's snapshot; `textShare` of them (three in ten) with a scored open answer.
 */
export async function writeResponses(
	db: Db,
	workspace: Workspace,
	count: number,
	seed: number,
	textShare = 0.3
): Promise<void> {
	const random = seededRandom(seed);
	const statements = plainSql(db);
	const members: Set<number>[] = [];
	for (const id of workspace.segmentIds) {
		const segment = await statements.get<{ filter: string }>(
			'select filter from segments where id = @id',
			{ id }
		);
		members.push(new Set(await clientIdsMatching(db, JSON.parse(segment!.filter))));
	}
	const tagsOf = new Map<number, string[]>();
	for (const { clientId, name } of await statements.all<{ clientId: number; name: string }>(
		'select ct.client_id as "clientId", t.name from client_tags ct join tags t on t.id = ct.tag_id'
	))
		tagsOf.set(clientId, [...(tagsOf.get(clientId) ?? []), name.toLowerCase()].sort());
	const people = (
		await db
			.select({
				id: clients.id,
				language: clients.language,
				manager: clients.accountManagerId,
				value: clients.annualValue
			})
			.from(clients)
	).map((client) => ({
		...client,
		context: JSON.stringify({
			segments: workspace.segmentIds.filter((_, i) => members[i]!.has(client.id)),
			tags: tagsOf.get(client.id) ?? [],
			manager: client.manager,
			annualValue: client.value
		})
	}));
	const scorer = await currentScorer(db);
	const tones = new Map<string, ReturnType<typeof sentimentColumnsFor>>();
	const toneOf = (text: string) => {
		let tone = tones.get(text);
		if (!tone) tones.set(text, (tone = sentimentColumnsFor(text, null, scorer)));
		return tone;
	};
	const now = Date.now();
	const moments = Array.from({ length: count }, () =>
		Math.floor(now - random.next() * 548 * DAY_MS)
	).sort((a, b) => a - b);
	const rating = () => Math.min(5, Math.max(1, Math.round(3.6 + random.next() * 2.4 - 1.2)));
	const write = onPostgres(db) ? postgresBatchWriter(db) : sqliteBatchWriter(db);
	// Ids are given, not generated, so a batch's answers can name their response.
	let nextId =
		Number(
			(await statements.get<{ last: number | null }>('select max(id) as last from responses'))
				?.last ?? 0
		) + 1;
	for (let written = 0; written < count; written += 10_000) {
		const responses: ResponseRow[] = [];
		const answers: AnswerRow[] = [];
		for (let i = written; i < Math.min(count, written + 10_000); i++) {
			const client = random.pick(people);
			const id = nextId++;
			responses.push({
				id,
				versionId: workspace.versionIds[random.chance(0.75) ? 0 : 1]!,
				clientId: client.id,
				language: client.language,
				submittedAt: moments[i]!,
				context: client.context
			});
			const answer = (questionId: string, score: number | null, text: string | null = null) =>
				answers.push({ responseId: id, questionId, score, text, tone: text ? toneOf(text) : null });
			for (const question of ['punctuality', 'safety', 'snacks', 'overall'])
				answer(question, rating());
			answer('customs', random.chance(0.8) ? rating() : null);
			if (random.chance(textShare)) answer('improve', null, `${random.pick(TEXTS)} (${i % 97})`);
		}
		await write(responses, answers);
	}
	// PostgreSQL's identity goes on from the last id given, as the app's next response needs.
	if (onPostgres(db))
		await statements.run(
			"select setval(pg_get_serial_sequence('responses', 'id'), (select max(id) from responses))"
		);
}

export type Combination = { name: string; raw: Record<string, unknown> };

/** Every combination of the given choices, each choice a list of named query parts. */
export function combine(choices: [string, Record<string, unknown>][][]): Combination[] {
	return choices.reduce<Combination[]>(
		(list, choice) =>
			list.flatMap(({ name, raw }) =>
				choice.map(([part, fields]) => ({
					name: name ? `${name}, ${part}` : part,
					raw: { ...raw, ...fields }
				}))
			),
		[{ name: '', raw: {} }]
	);
}

/** The date ranges tried: none, six whole months, and a range with ragged days at both ends. */
export function dateChoices(today = Date.now()): [string, Record<string, string>][] {
	const firstOfMonth = (monthsAgo: number) => {
		const date = new Date(today);
		return utcDay(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsAgo, 1));
	};
	return [
		['all dates', {}],
		['whole months', { from: firstOfMonth(6), to: utcDay(Date.parse(firstOfMonth(0)) - DAY_MS) }],
		['ragged days', { from: utcDay(today - 200 * DAY_MS), to: utcDay(today - 23 * DAY_MS) }]
	];
}

/** No filter, and every combination of a segment, a tag, an account manager and a language. */
export function filterChoices(workspace: Workspace): [string, Record<string, unknown>][] {
	const filters: [string, Record<string, unknown>][] = [
		['segment', { segment: workspace.segmentIds[2]! }],
		['tag', { tag: 'tag-1' }],
		['manager', { manager: workspace.managerIds[0]! }],
		['language', { language: 'en' }]
	];
	return Array.from({ length: 16 }, (_, mask) => {
		const chosen = filters.filter((_, i) => mask & (1 << i));
		return [
			chosen.length ? chosen.map(([name]) => name).join('+') : 'no filter',
			Object.assign({}, ...chosen.map(([, filter]) => filter))
		];
	});
}

export const periodChoices: [string, Record<string, unknown>][] = ['week', 'month', 'quarter'].map(
	(granularity) => [granularity, { granularity }]
);

/** What the dashboard page computes for a view, as the first visitor since the last change sees it. */
async function dashboardView(db: Db, { compare, ...raw }: Record<string, unknown>) {
	forgetReads(db);
	const query = analyticsQuerySchema.parse(raw);
	const scope = (await dashboardScope(db, query)) as DashboardScope;
	await csiTrend(db, scope, query);
	await csiComparison(db, scope, query, compare as DimensionKind);
	await factorTone(db, {
		...query,
		surveyId: scope.surveyIds,
		texts: 'both',
		reviewSource: undefined
	});
}

/** What a factor's page computes, for its first visitor. */
async function factorPage(db: Db, raw: Record<string, unknown>) {
	forgetReads(db);
	const query = analyticsQuerySchema.parse(raw);
	const scope = (await dashboardScope(db, query)) as DashboardScope;
	await csiTrend(db, scope, query);
	await factorComments(db, scope, query, 'punctuality');
}

async function medianMs(work: () => unknown, runs: number): Promise<number> {
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		await work();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(runs / 2)]!;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * Times every combination (median of `BENCH_RUNS`, 3), lists each (unless `BENCH_LIST=0`), then
 * the spread and the worst. `BENCH_ONLY=<a combination's name>` times that one alone, to confirm a
 * worst case.
 */
export async function timeAll(
	label: string,
	combinations: Combination[],
	work: (raw: Record<string, unknown>) => unknown
) {
	const only = process.env.BENCH_ONLY;
	const list = only ? combinations.filter(({ name }) => name === only) : combinations;
	if (!list.length) return console.log(`  ${label}: no combination named ${only}`);
	const timed: (Combination & { ms: number })[] = [];
	for (const combination of list)
		timed.push({ ...combination, ms: await medianMs(() => work(combination.raw), RUNS) });
	if (process.env.BENCH_LIST !== '0')
		for (const { name, ms } of timed) console.log(`    ${label}: ${name}  ${ms.toFixed(1)} ms`);
	const sorted = [...timed].sort((a, b) => a.ms - b.ms);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.ms;
	const worst = sorted.at(-1)!;
	console.log(
		`  ${label}, ${timed.length} combinations (median of ${RUNS} each): median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, worst ${worst.ms.toFixed(1)} ms — ${worst.name}`
	);
}

/**
 * On a fresh SQLite file, or on the PostgreSQL database DATABASE_URL names (its tables must be
 * PostgreSQL's from the start: bench-postgres.ts runs this file in a process of its own).
 */
export async function dashboardTimings(
	large = Number(process.env.BENCH_RESPONSES ?? 1_000_000)
): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-dashboard-'));
	try {
		const db = await openDatabase(
			engine === 'postgres' ? process.env.DATABASE_URL! : join(dir, 'app.db')
		);
		const workspace = await seedWorkspace(db);
		const surveyId = (await first(
			db
				.select({ surveyId: surveyVersions.surveyId })
				.from(surveyVersions)
				.where(eq(surveyVersions.id, workspace.versionIds[0]!))
		))!.surveyId;
		const views = combine([
			[
				['both surveys', {}],
				['one survey', { surveyId: [surveyId] }]
			],
			dateChoices(),
			filterChoices(workspace),
			dimensionKinds.map((kind) => [`by ${kind}`, { compare: kind }]),
			periodChoices
		]);
		const factorPages = combine([
			[
				['both surveys', {}],
				['one survey', { surveyId: [surveyId] }]
			],
			dateChoices(),
			filterChoices(workspace),
			periodChoices
		]);
		console.log(`\nDashboard server time on ${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}`);
		let written = 0;
		for (const size of [10_000, large]) {
			const start = performance.now();
			await writeResponses(db, workspace, size - written, size);
			written = size;
			const writtenAt = performance.now();
			await (
				await startRebuild(db, { kind: 'all' }, { code: 'firstCellsComputation' })
			).done;
			const rebuiltAt = performance.now();
			// What the analytics worker does meanwhile: the open answers' tone is packed too.
			await repackStaleDays(db);
			console.log(
				`  ${size.toLocaleString('en')} responses (bulk write ${((writtenAt - start) / 1000).toFixed(1)} s, full rebuild of the cells ${((rebuiltAt - writtenAt) / 1000).toFixed(1)} s, the texts' tone packed in ${((performance.now() - rebuiltAt) / 1000).toFixed(1)} s)`
			);
			await timeAll(`${size.toLocaleString('en')} view`, views, (raw) => dashboardView(db, raw));
			await timeAll(`${size.toLocaleString('en')} factor page`, factorPages, (raw) =>
				factorPage(db, raw)
			);
		}
		console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
		await closeDatabase(db);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await dashboardTimings();
