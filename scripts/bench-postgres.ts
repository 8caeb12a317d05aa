/**
 * PostgreSQL's figures beside SQLite's (`npm run build && npm run bench -- postgres`), against an
 * embedded PostgreSQL 18 (or TEST_POSTGRES_URL's server): the 100,000-client import and the client
 * list (bench.ts' `clients`), the dashboard at 10,000 and 1,000,000 responses (bench-dashboard.ts),
 * and survey submissions with one app node and with two behind a round-robin balancer — the same
 * 3,000 single-page submissions as bench-submissions.ts (autocannon, 10 connections, a browser's
 * Accept header) on the production build.
 * BENCH_PROFILE=<folder>: each node writes a V8 CPU profile of its submissions there.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
	onMaintenanceDatabase,
	startTestPostgres,
	withDatabase
} from '../src/lib/server/db/test-postgres-server';
import { startLoadBalancer } from '../tests/e2e/load-balancer';
import { cpuMs, hammer } from './bench-submissions';

const LINK_SECRET = 'bench-postgres-link-secret-of-32-characters';
// The benchmarks reach the emails, which are Svelte components (scripts/svelte-register.mjs).
const svelteImport = ['--import', './scripts/svelte-register.mjs'];

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

async function startNode(url: string): Promise<{ origin: string; process: ChildProcess }> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	// A node on PostgreSQL stays up after SIGTERM while its pool and workers run, and V8 writes a
	// profile only at a normal exit: so a profiled node exits once adapter-node stopped serving.
	const profile = process.env.BENCH_PROFILE
		? [
				'--cpu-prof',
				`--cpu-prof-dir=${process.env.BENCH_PROFILE}`,
				'--import',
				"data:text/javascript,process.once('sveltekit:shutdown',()=>setTimeout(()=>process.exit(0),500))"
			]
		: [];
	const child = spawn(process.execPath, [...profile, 'scripts/serve.js'], {
		env: { ...process.env, DATABASE_URL: url, PORT: String(port), ORIGIN: origin, LINK_SECRET },
		stdio: 'ignore'
	});
	for (let tries = 0; tries < 300; tries++) {
		if ((await fetch(`${origin}/api/v1/health`).catch(() => null))?.ok)
			return { origin, process: child };
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	child.kill();
	throw new Error(`The node on ${origin} did not start`);
}

/** Stops a node and waits until it has exited (killed outright if it takes more than 10 s). */
function stopped(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill();
	});
}

type Run = {
	nodes: number;
	rate: number;
	statuses: string;
	cpuPerSubmission: string;
	latency: { p50: number; p99: number };
	stored: number;
};

/** Submissions each run makes before the timed ones, so that every node's code is compiled hot. */
const WARM_UP = 1000;

async function submissionsOn(adminUrl: string, template: string, nodes: number): Promise<Run> {
	const database = `satisfy_bench_${nodes}_nodes`;
	await onMaintenanceDatabase(adminUrl, `create database ${database} template ${template}`);
	const url = withDatabase(adminUrl, database);
	const timed = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
	const seeded = JSON.parse(
		execFileSync(
			'node_modules/.bin/tsx',
			[...svelteImport, 'scripts/bench-submissions.ts', '--seed', url],
			{
				encoding: 'utf8',
				env: { ...process.env, DATABASE_URL: url, BENCH_SUBMISSIONS: String(WARM_UP + timed) },
				maxBuffer: 64 * 1024 * 1024
			}
		)
	) as string[];
	const paths = seeded.map((token) => `/s/${token}`);
	const started = await Promise.all(Array.from({ length: nodes }, () => startNode(url)));
	const balancer = nodes > 1 ? await startLoadBalancer(started.map(({ origin }) => origin)) : null;
	try {
		const entry = balancer?.origin ?? started[0]!.origin;
		// Each node compiles its hot paths on its own first requests: two cold nodes would each pay
		// what one pays, and the timed submissions would charge it to two nodes per request.
		await hammer(entry, paths.slice(0, WARM_UP), 'POST');
		const cpu = () => started.reduce((sum, node) => sum + (cpuMs(node.process.pid) ?? NaN), 0);
		const cpuBefore = cpu();
		const { rate, statuses, latency } = await hammer(entry, paths.slice(WARM_UP), 'POST');
		const cpuPerSubmission = ((cpu() - cpuBefore) / timed).toFixed(2);
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		const stored = Number(
			(await client.query<{ n: string }>('select count(*) as n from responses')).rows[0]!.n
		);
		await client.end();
		return {
			nodes,
			rate,
			statuses,
			cpuPerSubmission: `${cpuPerSubmission} ms`,
			latency,
			stored
		};
	} finally {
		await balancer?.close();
		// Ended before the next run starts: a node's worker would otherwise go on using the CPU.
		await Promise.all(started.map(({ process }) => stopped(process)));
	}
}

/**
 * Runs a benchmark script in a process of its own whose DATABASE_URL is a fresh PostgreSQL
 * database: the tables an app process uses follow DATABASE_URL when it starts.
 */
async function onFreshDatabase(adminUrl: string, template: string, name: string, args: string[]) {
	const database = `satisfy_bench_${name}`;
	await onMaintenanceDatabase(adminUrl, `create database ${database} template ${template}`);
	const ran = spawnSync('node_modules/.bin/tsx', [...svelteImport, ...args], {
		stdio: 'inherit',
		env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, database), LINK_SECRET }
	});
	if (ran.status !== 0) throw new Error(`${args.join(' ')} failed on PostgreSQL`);
}

/**
 * `npm run bench -- postgres`: the submissions with one node and two, the 100,000-client import
 * with the client list, and the dashboard at 10,000 and 1,000,000 responses, each on a database
 * of its own on one PostgreSQL server. BENCH_POSTGRES (a comma-separated list of clients,
 * dashboard and submissions) runs only the parts it names.
 */
export async function postgresBenchmarks() {
	const parts = new Set(
		(process.env.BENCH_POSTGRES ?? 'clients,dashboard,submissions')
			.split(',')
			.map((part) => part.trim())
	);
	const server = await startTestPostgres();
	try {
		if (parts.has('clients'))
			await onFreshDatabase(server.adminUrl, server.template, 'clients', [
				'scripts/bench.ts',
				'clients'
			]);
		if (parts.has('dashboard'))
			await onFreshDatabase(server.adminUrl, server.template, 'dashboard', [
				'scripts/bench-dashboard.ts'
			]);
		if (!parts.has('submissions')) return;
		const runs: Run[] = [];
		for (const nodes of [1, 2])
			runs.push(await submissionsOn(server.adminUrl, server.template, nodes));
		console.log(
			`\nCompleted submissions per second on PostgreSQL (the same submissions, timed after ${WARM_UP} to warm up; Node ${process.versions.node})`
		);
		for (const run of runs)
			console.log(
				`  ${run.nodes} ${run.nodes === 1 ? 'node ' : 'nodes'}${run.nodes > 1 ? ' behind a balancer' : '                 '}   ${run.rate.toFixed(0)} /s   (${run.stored} responses stored; the timed ones answered ${run.statuses}); app CPU per submission ${run.cpuPerSubmission}; latency p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms`
			);
	} finally {
		await server.stop();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await postgresBenchmarks();
