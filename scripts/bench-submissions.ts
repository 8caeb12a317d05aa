/**
 * Completed survey submissions per second against the production build, next to a baseline in
 * the same run: a bare node:http server that parses the same form body and writes the same rows
 * with better-sqlite3. Each request completes a different invitation.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { addRespondent, emptyCell, type CsiCell } from '../src/lib/analytics/csi-cell';
import { dimensionsOf } from '../src/lib/analytics/dimensions';
import { utcDay } from '../src/lib/dates';
import { cellKeysOf } from '../src/lib/server/analytics/cells';
import { hashSecret } from '../src/lib/server/auth/token';
import { createDb, type Db } from '../src/lib/server/db';
import { closeDatabase, openDatabase } from '../src/lib/server/db/open';
import { inTransaction } from '../src/lib/server/db/transaction';
import { inviteAnonymous } from '../src/lib/server/invitations/service';
import { createModel } from '../src/lib/server/models/service';
import { currentScorer, sentimentColumnsFor } from '../src/lib/server/sentiment/columns';
import { storedDefinition } from '../src/lib/server/surveys/stored-definition';
import { changeStatus, createSurvey } from '../src/lib/server/surveys/service';
import { answerRows, readPageAnswers } from '../src/lib/surveys/answers';
import { respondentScores } from '../src/lib/surveys/scores';
import { responseScore } from '../src/lib/responses/response-score';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
const body = 'page=0&language=en&go=forward&q-overall=4&q-why=Friendly+crew';

/** `url`: a SQLite file, or PostgreSQL when this process's DATABASE_URL names it too (the tables follow it). */
async function prepareDatabase(url: string): Promise<{ db: Db; tokens: string[] }> {
	const db = await openDatabase(url);
	const model = await createModel(
		db,
		{ name: 'Bench', factors: [{ key: 'service', name: 'Service', weight: 1, keywords: [] }] },
		null
	);
	if (!model.ok) throw new Error(model.message);
	const surveyId = await createSurvey(
		db,
		{
			name: 'Bench',
			modelId: model.id,
			definition: {
				defaultLanguage: 'en',
				languages: ['en'],
				title: { en: 'Bench' },
				pages: [
					{
						id: 'p1',
						questions: [
							{ id: 'overall', type: 'overall', text: { en: 'Overall?' }, required: true },
							{ id: 'why', type: 'text', text: { en: 'Why?' }, required: false, maxLength: 5000 }
						]
					}
				]
			}
		},
		null
	);
	await changeStatus(db, surveyId, 'open');
	const tokens = await inTransaction(db, async (tx) => {
		const made: string[] = [];
		for (let i = 0; i < SUBMISSIONS; i++) made.push((await inviteAnonymous(tx, surveyId)).token);
		return made;
	});
	return { db, tokens };
}

/**
 * Requests every path once, as a browser would (an HTML Accept header: without it SvelteKit
 * answers a form POST with JSON for `use:enhance` and skips the page a browser gets); POSTs
 * carry the form. The rate, and how many answers came back with each status.
 */
export async function hammer(
	url: string,
	paths: string[],
	method: 'POST' | 'GET'
): Promise<{ rate: number; statuses: string; latency: { p50: number; p99: number } }> {
	let next = 0;
	const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
	const run = autocannon({
		url,
		connections: 10,
		amount: paths.length,
		requests: [
			{
				method,
				headers:
					method === 'POST'
						? { 'content-type': 'application/x-www-form-urlencoded', accept }
						: { accept },
				body: method === 'POST' ? body : undefined,
				setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! })
			}
		]
	});
	// Timed from the start to the last answer: autocannon's own figures come in whole seconds
	// (it notices the end at its next one-second tick), too coarse for a run of one second or less.
	const started = performance.now();
	let finished = started;
	const statuses = new Map<number, number>();
	(run as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number) => {
		finished = performance.now();
		statuses.set(status, (statuses.get(status) ?? 0) + 1);
	});
	const result = await run;
	return {
		rate: (result.requests.total / (finished - started)) * 1000,
		statuses: [...statuses].map(([status, n]) => `${n} × ${status}`).join(', '),
		latency: { p50: result.latency.p50, p99: result.latency.p99 }
	};
}

/** CPU time a process has used, in ms, from Linux's /proc (utime + stime, 100 ticks a second); null elsewhere. */
export function cpuMs(pid: number | undefined): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return null;
	}
}

/**
 * The baseline: the same form parsed and the same rows written — the response with its score, its
 * answers with their sentiment columns, the invitation completed and the CSI cells it counts in — with plain
 * prepared better-sqlite3 statements and the same pure functions, and nothing else in the way.
 * `sameRows` checks afterwards that both databases really hold the same rows.
 */
async function baselineServer(db: Db) {
	const sqlite = db.$client;
	const find = sqlite.prepare(
		'select id, survey_id from invitations where token_hash = ? and completed_at is null'
	);
	const version = sqlite.prepare(
		'select id, definition from survey_versions where survey_id = ? order by version desc limit 1'
	);
	const insertResponse = sqlite.prepare(
		"insert into responses (survey_version_id, client_id, language, submitted_at, source, context) values (?, null, ?, ?, 'survey', '{}') returning id"
	);
	const insertAnswer = sqlite.prepare(
		'insert into answers (response_id, question_id, score, not_applicable, text, choices, sentiment_language, sentiment_label, sentiment_score, sentiment_comparative, sentiment_detail, sentiment_version) values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?)'
	);
	const complete = sqlite.prepare(
		'update invitations set started_at = coalesce(started_at, ?), completed_at = ?, response_id = ? where id = ?'
	);
	const dropDraft = sqlite.prepare('delete from response_drafts where invitation_id = ?');
	const currentWeights = sqlite.prepare(
		'select mv.id as basis, f.key, fw.weight from survey_versions sv join surveys s on s.id = sv.survey_id join model_versions mv on mv.model_id = s.model_id and mv.version = (select max(version) from model_versions where model_id = s.model_id) join factor_weights fw on fw.version_id = mv.id join factors f on f.id = fw.factor_id where sv.id = ?'
	);
	const setScore = sqlite.prepare('update responses set score = ?, score_basis = ? where id = ?');
	const selectCell = sqlite.prepare(
		'select cell from csi_cells where survey_version_id = ? and dimension = ? and day = ?'
	);
	const upsertCell = sqlite.prepare(
		'insert into csi_cells (survey_version_id, dimension, day, cell) values (?, ?, ?, ?) on conflict (survey_version_id, dimension, day) do update set cell = excluded.cell'
	);
	const scorer = await currentScorer(db);
	const submit = sqlite.transaction((token: string, form: URLSearchParams) => {
		const invitation = find.get(hashSecret(token)) as { id: number; survey_id: number } | undefined;
		if (!invitation) return false;
		const now = new Date();
		const stored = version.get(invitation.survey_id) as { id: number; definition: string };
		const definition = storedDefinition(stored.id, stored.definition);
		const language = form.get('language')!;
		const { answers } = readPageAnswers(definition.pages[0]!.questions, (field) =>
			form.getAll(field)
		);
		const rows = answerRows(definition, answers);
		const { id: responseId } = insertResponse.get(stored.id, language, now.getTime()) as {
			id: number;
		};
		for (const row of rows) {
			const tone = row.text ? sentimentColumnsFor(row.text, language, scorer) : null;
			insertAnswer.run(
				responseId,
				row.questionId,
				row.score,
				row.notApplicable ? 1 : 0,
				row.text,
				tone?.sentimentLanguage ?? null,
				tone?.sentimentLabel ?? null,
				tone?.sentimentScore ?? null,
				tone?.sentimentComparative ?? null,
				tone?.sentimentDetail ? JSON.stringify(tone.sentimentDetail) : null,
				tone?.sentimentVersion ?? null
			);
		}
		const weights = currentWeights.all(stored.id) as {
			basis: number;
			key: string;
			weight: number;
		}[];
		setScore.run(
			responseScore(definition, rows, weights.length ? weights : null),
			weights[0]?.basis ?? 0,
			responseId
		);
		complete.run(now.getTime(), now.getTime(), responseId, invitation.id);
		dropDraft.run(invitation.id);
		const scores = respondentScores(definition, rows);
		for (const { dimension, period } of cellKeysOf(dimensionsOf({}, language), utcDay(now))) {
			const existing = selectCell.get(stored.id, dimension, period) as { cell: string } | undefined;
			const cell: CsiCell = existing ? JSON.parse(existing.cell) : emptyCell();
			addRespondent(cell, scores);
			upsertCell.run(stored.id, dimension, period, JSON.stringify(cell));
		}
		return true;
	});
	return createServer((request, response) => {
		let raw = '';
		request.on('data', (chunk: Buffer) => (raw += chunk));
		request.on('end', () => {
			const done = submit(request.url!.slice(3), new URLSearchParams(raw));
			response
				.writeHead(done ? 200 : 404, { 'content-type': 'text/plain' })
				.end(done ? 'Thank you' : 'Not found');
		});
	});
}

/** What a run stored, without ids and times: both servers must have written exactly this. */
function storedRows(db: Db) {
	const all = (query: string) => JSON.stringify(db.$client.prepare(query).all());
	return {
		responses: all(
			'select survey_version_id, client_id, language, source, context, score, score_basis from responses order by id'
		),
		answers: all(
			'select question_id, score, not_applicable, text, choices, sentiment_language, sentiment_label, sentiment_score, sentiment_comparative, sentiment_detail, sentiment_version from answers order by response_id, question_id'
		),
		invitations: all(
			'select completed_at is not null, started_at is not null, response_id is not null from invitations order by id'
		),
		drafts: all('select count(*) from response_drafts'),
		// Each run's own day: a benchmark may straddle midnight.
		cells: all(
			'select survey_version_id, dimension, length(day), cell from csi_cells order by dimension, length(day)'
		)
	};
}

type Measured = { rate: number; statuses: string; cpuPerRequest: string };

/**
 * Starts a server process, waits until it answers, POSTs a submission to each path and reads the
 * process's CPU time; `next` runs before the server stops.
 */
async function measureServer(
	args: string[],
	env: NodeJS.ProcessEnv,
	url: string,
	paths: string[],
	next?: () => Promise<void>
): Promise<Measured> {
	const server = spawn(process.execPath, args, {
		env: { ...process.env, ...env },
		stdio: 'ignore'
	});
	try {
		for (let tries = 0; tries < 100; tries++) {
			if (
				await fetch(url).then(
					() => true,
					() => false
				)
			)
				break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const cpuBefore = cpuMs(server.pid);
		const { rate, statuses } = await hammer(url, paths, 'POST');
		const cpuAfter = cpuMs(server.pid);
		await next?.();
		// Unlike a rate, a server's own CPU time per request hardly depends on what else the machine runs.
		const cpuPerRequest =
			cpuBefore !== null && cpuAfter !== null
				? `${((cpuAfter - cpuBefore) / paths.length).toFixed(2)} ms`
				: 'not measured';
		return { rate, statuses, cpuPerRequest };
	} finally {
		server.kill();
	}
}

export async function submissionsPerSecond() {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-submit-'));
	try {
		const app = await prepareDatabase(join(dir, 'app.db'));
		await closeDatabase(app.db);
		const port = 3991;
		// BENCH_PROFILE=<folder>: the server writes a V8 CPU profile of the submissions there.
		const profile = process.env.BENCH_PROFILE
			? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
			: [];
		const appUrl = `http://localhost:${port}`;
		let thanksRun = { rate: 0, statuses: '' };
		const appRun = await measureServer(
			[...profile, 'scripts/serve.js'],
			{ DATABASE_URL: join(dir, 'app.db'), PORT: String(port), ORIGIN: appUrl },
			appUrl,
			app.tokens.map((token) => `/s/${token}`),
			async () => {
				// The page a browser loads next, after the submission's redirect: timed on its own (and
				// left out of a profile, which is about the submissions).
				if (!process.env.BENCH_PROFILE)
					thanksRun = await hammer(
						appUrl,
						app.tokens.map((token) => `/s/${token}?sent&lang=en`),
						'GET'
					);
			}
		);
		const check = createDb(join(dir, 'app.db'));
		const completed = (
			check.$client.prepare('select count(*) as n from responses').get() as { n: number }
		).n;
		const appRows = storedRows(check);
		check.$client.close();

		// The baseline runs in a process of its own too, as the app does: not sharing autocannon's.
		const base = await prepareDatabase(join(dir, 'baseline.db'));
		await closeDatabase(base.db);
		const baseUrl = 'http://127.0.0.1:3992';
		const baseRun = await measureServer(
			[
				'--import',
				'tsx',
				'--import',
				'./scripts/svelte-register.mjs',
				fileURLToPath(import.meta.url),
				'--baseline',
				join(dir, 'baseline.db'),
				'3992'
			],
			{},
			baseUrl,
			base.tokens.map((token) => `/s/${token}`)
		);
		const baseDb = createDb(join(dir, 'baseline.db'));
		const baseCompleted = (
			baseDb.$client.prepare('select count(*) as n from responses').get() as { n: number }
		).n;
		const baseRows = storedRows(baseDb);
		baseDb.$client.close();
		const differing = Object.keys(appRows).filter(
			(table) => appRows[table as keyof typeof appRows] !== baseRows[table as keyof typeof baseRows]
		);

		console.log(
			`\nCompleted submissions per second (${SUBMISSIONS} submissions, 10 connections, autocannon; Node ${process.versions.node})`
		);
		console.log(
			`  Satisfy (production build)   ${appRun.rate.toFixed(0)} /s   (${completed} responses stored; answered ${appRun.statuses})`
		);
		console.log(`    server CPU per submission  ${appRun.cpuPerRequest}`);
		console.log(
			`    then the thank-you page    ${thanksRun.rate.toFixed(0)} /s   (the GET after the submission's redirect; answered ${thanksRun.statuses})`
		);
		console.log(
			`  bare node:http baseline      ${baseRun.rate.toFixed(0)} /s   (${baseCompleted} responses stored; answered ${baseRun.statuses})`
		);
		console.log(`    server CPU per submission  ${baseRun.cpuPerRequest}`);
		console.log(
			`    the same rows as Satisfy's  ${differing.length ? `NO: ${differing.join(', ')} differ` : 'yes (responses, answers with their tone, invitations, drafts, CSI cells)'}`
		);
		console.log(
			`  ratio                        ${((appRun.rate / baseRun.rate) * 100).toFixed(0)}%   (aim ≥ 50%)`
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[2] === '--seed') {
	// `DATABASE_URL=<url> tsx --import ./scripts/svelte-register.mjs scripts/bench-submissions.ts --seed <url>`: the survey and its links
	// (bench-postgres.ts seeds PostgreSQL this way); prints the tokens.
	const seeded = await prepareDatabase(process.argv[3]!);
	await closeDatabase(seeded.db);
	console.log(JSON.stringify(seeded.tokens));
} else if (process.argv[2] === '--baseline') {
	// The baseline's own process (see measureServer): `--baseline <database file> <port>`.
	(await baselineServer(createDb(process.argv[3]!))).listen(Number(process.argv[4]), '127.0.0.1');
} else if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
	// `npx tsx --import ./scripts/svelte-register.mjs scripts/bench-submissions.ts` (after `npm run build`) runs this benchmark alone.
	await submissionsPerSecond();
}
