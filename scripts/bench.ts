/**
 * `npm run bench`: speed and memory of the paths with targets, on a fresh database file
 * (`npm run bench -- <name> …` runs some of them: clients, respondent, submissions, emails,
 * dashboard, inbox, sentiment, reviews, rebuild, postgres).
 *   - CSV import of 100,000 clients (target: under 15 s, all or nothing)
 *   - client list queries at 100,000 clients (search, filters, count)
 *   - dashboard server time at 10,000 and 1,000,000 responses (scripts/bench-dashboard.ts)
 *   - the response inbox's pages at 1,000,000 responses, every combination of filters (scripts/bench-inbox.ts)
 *   - sentiment accuracy per language and throughput against raw `sentiment` (scripts/bench-sentiment.ts)
 *   - import of 100,000 reviews with sentiment scoring (scripts/bench-reviews.ts)
 *   - requests answered while 170 segment saves rebuild the dashboard cells (scripts/bench-rebuild.ts)
 *   - submissions on PostgreSQL with one node and two behind a balancer (scripts/bench-postgres.ts)
 * Figures go to docs/benchmarks.md with the command that produced them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { engine } from '../src/lib/server/db/engine';
import { closeDatabase, openDatabase } from '../src/lib/server/db/open';
import { closeSqlite, openSqlite } from '../src/lib/server/db/sqlite-connections';
import { installSubscribers } from '../src/lib/server/events/subscribers';
import { createAttributeDefinition } from '../src/lib/server/clients/attributes';
import { guessMapping, parseClientCsv } from '../src/lib/server/clients/csv-import';
import { importRows } from '../src/lib/server/clients/imports';
import { countClients, listClients } from '../src/lib/server/clients/queries';
import { seededRandom } from '../src/lib/server/demo/random';
import { createUser } from '../src/lib/server/users/service';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { seedDemo } from '../src/lib/server/demo/seed';
import { inviteClient } from '../src/lib/server/invitations/service';
import {
	changeStatus,
	createSurveyFromTemplate,
	listSurveys
} from '../src/lib/server/surveys/service';
import { SMTPServer } from 'smtp-server';
import { createCampaign, runDueCampaigns } from '../src/lib/server/campaigns/service';
import { deliverDue } from '../src/lib/server/mail/delivery';
import { smtpMailer } from '../src/lib/server/mail/transport';
import { saveClients } from '../src/lib/server/clients/save';
import { submissionsPerSecond } from './bench-submissions';
import { dashboardTimings } from './bench-dashboard';
import { inboxTimings } from './bench-inbox';
import { rebuildResponsiveness } from './bench-rebuild';
import { reviewImportTimings } from './bench-reviews';
import { sentimentBenchmark } from './bench-sentiment';
import { postgresBenchmarks } from './bench-postgres';

// What follows from recorded responses (cells, tone, cases) is written as in the server.
installSubscribers();

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

function csvOfClients(rows: number): string {
	const random = seededRandom(7);
	const languages = ['de', 'nl', 'fi', 'ro', 'en'];
	const data = Array.from({ length: rows }, (_, i) => [
		`client${i}@company${i % 5000}.example`,
		`Client ${i} ${random.pick(['Meyer', 'de Vries', 'Virtanen', 'Popescu', 'Smith'])}`,
		`Company ${i % 5000}`,
		random.pick(languages),
		random.pick(['Enterprise', 'SMB', 'Enterprise|Key account']),
		random.chance(0.5) ? 'max@bench.test' : '',
		`2027-${String(random.integer(1, 12)).padStart(2, '0')}-${String(random.integer(1, 28)).padStart(2, '0')}`,
		String(random.integer(1000, 900000)),
		random.chance(0.9) ? 'yes' : 'no',
		String(random.integer(1, 5000))
	]);
	return Papa.unparse({
		fields: [
			'email',
			'name',
			'company',
			'language',
			'tags',
			'account manager',
			'renewal',
			'annual value',
			'consent',
			'seats'
		],
		data
	});
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const time = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
	const start = performance.now();
	const result = await work();
	return [result, performance.now() - start];
};

/** On a fresh SQLite file, or on the PostgreSQL database DATABASE_URL names (bench-postgres.ts). */
async function clientBase() {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-'));
	try {
		const db = await openDatabase(
			engine === 'postgres' ? process.env.DATABASE_URL! : join(dir, 'bench.db')
		);
		await createUser(db, {
			email: 'max@bench.test',
			name: 'Max',
			role: 'manager',
			password: 'bench password 1'
		});
		await createAttributeDefinition(db, { key: 'seats', label: 'Seats', type: 'number' });

		const csv = csvOfClients(ROWS);
		console.log(
			`CSV import of ${ROWS.toLocaleString('en')} clients on ${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} (${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB, 10 columns)`
		);
		const [parsed, parseMs] = await time(() => parseClientCsv(csv));
		if (!parsed.ok) throw new Error(parsed.message);
		const mapping = guessMapping(parsed.csv.headers, ['seats']);
		let checkedAt = 0;
		const start = performance.now();
		const [outcome, importMs] = await time(() =>
			importRows(
				db,
				parsed.csv,
				{ mapping, onExisting: 'skip' },
				{
					actor: {},
					source: 'bench',
					beforeWriting: async () => {
						checkedAt = performance.now();
					}
				}
			)
		);
		if (!outcome.ok) throw new Error(`import refused: ${outcome.issues[0]?.message}`);
		console.log(`  parse            ${seconds(parseMs)}`);
		console.log(`  check every row  ${seconds(checkedAt - start)}`);
		console.log(`  write (1 txn)    ${seconds(importMs - (checkedAt - start))}`);
		console.log(
			`  total            ${seconds(parseMs + importMs)}   (target < 15 s; ${outcome.created} created)`
		);
		console.log(`  peak RSS         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

		console.log(
			`\nClient list at ${(await countClients(db, {})).toLocaleString('en')} clients (median of 20 runs)`
		);
		const cases = {
			'first page, by name': () =>
				listClients(db, {}, { sort: { key: 'name', direction: 'asc' }, limit: 50, offset: 0 }),
			'search "meyer 4711"': () =>
				listClients(
					db,
					{ search: 'meyer 4711' },
					{ sort: { key: 'name', direction: 'asc' }, limit: 50, offset: 0 }
				),
			'tag + language': () =>
				listClients(
					db,
					{ tags: ['Key account'], languages: ['fi'] },
					{ sort: { key: 'name', direction: 'asc' }, limit: 50, offset: 0 }
				),
			'renewal in 60–90 days': () =>
				listClients(
					db,
					{ renewalInDays: { from: 60, to: 90 } },
					{ sort: { key: 'renewalOn', direction: 'asc' }, limit: 50, offset: 0 }
				),
			'page 1000 of all': () =>
				listClients(db, {}, { sort: { key: 'name', direction: 'asc' }, limit: 50, offset: 49_950 })
		};
		for (const [name, run] of Object.entries(cases)) {
			const runs: number[] = [];
			for (let i = 0; i < 20; i++) runs.push((await time(run))[1]);
			runs.sort((a, b) => a - b);
			console.log(`  ${name.padEnd(24)} ${runs[10]!.toFixed(1)} ms`);
		}
		await closeDatabase(db);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** JavaScript the respondent's page makes a phone download, gzip-compressed (budget: 30 KB). */
async function respondentPageJavaScript() {
	if (!existsSync('build/index.js')) {
		console.log('\nRespondent page: run `npm run build` first to measure its JavaScript.');
		return;
	}
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-page-'));
	const url = join(dir, 'app.db');
	const db = openSqlite(url);
	await seedDemo(db, () => {});
	const survey = (await listSurveys(db)).find((s) => s.status === 'open')!;
	const clientId = (
		db.$client
			.prepare(
				'select id from clients where consent_at is not null and unsubscribed_at is null limit 1'
			)
			.get() as { id: number }
	).id;
	const invited = await inviteClient(db, {
		surveyId: survey.id,
		client: { id: clientId },
		channel: 'api',
		fatigueDays: 0
	});
	closeSqlite(db);
	if (!invited.ok) throw new Error(invited.message);
	const port = 3990;
	const server = spawn('node', ['scripts/serve.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`
		},
		stdio: 'ignore'
	});
	try {
		const base = `http://localhost:${port}`;
		for (let tries = 0; tries < 50; tries++) {
			if (
				await fetch(`${base}/api/v1/health`).then(
					(r) => r.ok,
					() => false
				)
			)
				break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const html = await (await fetch(`${base}/s/${invited.token}`)).text();
		const sources = [
			...html.matchAll(
				/<script[^>]*src="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g
			)
		].map((m) => m[1] ?? m[2]!);
		const inline = [...html.matchAll(/<script(?![^>]*src)[^>]*>([\s\S]*?)<\/script>/g)]
			.map((m) => m[1]!)
			.join('');
		let total = inline ? gzipSync(inline).length : 0;
		for (const source of sources)
			total += gzipSync(
				Buffer.from(await (await fetch(new URL(source, base))).arrayBuffer())
			).length;
		console.log(
			`\nRespondent page JavaScript: ${sources.length} file(s) + ${inline.length} bytes inline = ${(total / 1024).toFixed(1)} KB gzip (budget 30 KB)`
		);
		console.log(`  page HTML: ${(gzipSync(html).length / 1024).toFixed(1)} KB gzip`);
	} finally {
		server.kill();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** 10,000 invitation emails from a campaign, through the outbox, to an SMTP server on this machine. */
async function deliverInvitations(count = Number(process.env.BENCH_EMAILS ?? 10_000)) {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-mail-'));
	let received = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			stream.on('data', () => {});
			stream.on('end', () => {
				received += 1;
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as { port: number }).port;
	const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'bench@satisfy.example');
	try {
		const db = openSqlite(join(dir, 'app.db'));
		const template = await createSurveyFromTemplate(db, 'airline-csi', null);
		if (!template.ok) throw new Error(template.message);
		await changeStatus(db, template.id, 'open');
		const clients = Array.from({ length: count }, (_, i) => ({
			email: `client${i}@bench.example`,
			name: `Client ${i}`,
			language: 'en',
			tags: [],
			consent: true,
			unsubscribed: false,
			attributes: {}
		}));
		await saveClients(db, clients, { onExisting: 'reject', actor: {}, source: 'bench' });
		await createCampaign(
			db,
			{
				name: 'Bench',
				surveyId: template.id,
				segmentId: null,
				sendAt: new Date(),
				recurrence: 'once',
				fatigueDays: 30,
				expiresInDays: 30
			},
			null
		);
		const [, queueMs] = await time(() => runDueCampaigns(db));
		const steps = { claim: 0, render: 0, send: 0, record: 0 };
		const cpuBefore = process.cpuUsage();
		const [, sendMs] = await time(async () => {
			while (
				(await deliverDue(db, {
					mailer,
					origin: 'https://satisfy.example',
					ratePerMinute: 1_000_000,
					steps
				})) > 0
			);
		});
		const cpu = process.cpuUsage(cpuBefore);
		console.log(
			`\nCampaign of ${count.toLocaleString('en')} invitation emails to a local SMTP server (pooled, 4 connections)`
		);
		console.log(`  queue (invitations + outbox)  ${seconds(queueMs)}`);
		console.log(
			`  render, mint links, send      ${seconds(sendMs)}   (${Math.round((count / sendMs) * 1000)} emails/s; ${received} received)`
		);
		const share = (ms: number) =>
			`${seconds(ms).padStart(8)}  ${Math.round((ms / sendMs) * 100)} %`;
		console.log(`    claim + mint links (1 txn)  ${share(steps.claim)}`);
		console.log(`    render                      ${share(steps.render)}`);
		console.log(`    SMTP (8 at once)            ${share(steps.send)}`);
		console.log(`    record outcomes (1 txn)     ${share(steps.record)}`);
		// Wall time depends on what else the machine runs; CPU time much less.
		const cpuMs = (cpu.user + cpu.system) / 1000;
		console.log(
			`  CPU time (sender and SMTP server, one process)  ${seconds(cpuMs)}   (${((cpuMs / count) * 1000).toFixed(0)} µs per email)`
		);
		closeSqlite(db);
	} finally {
		mailer.close();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		rmSync(dir, { recursive: true, force: true });
	}
}

const benchmarks: Record<string, () => Promise<void>> = {
	clients: clientBase,
	respondent: respondentPageJavaScript,
	submissions: submissionsPerSecond,
	emails: () => deliverInvitations(),
	dashboard: dashboardTimings,
	inbox: () => inboxTimings(),
	sentiment: sentimentBenchmark,
	reviews: async () => {
		await reviewImportTimings();
	},
	rebuild: () => rebuildResponsiveness(),
	postgres: postgresBenchmarks
};
// `npm run bench -- emails dashboard` runs only those; with no names, all of them.
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in benchmarks));
if (unknown.length)
	throw new Error(
		`No benchmark called ${unknown.join(', ')}; there are ${Object.keys(benchmarks).join(', ')}.`
	);
for (const [name, run] of Object.entries(benchmarks))
	if (!chosen.length || chosen.includes(name)) await run();
