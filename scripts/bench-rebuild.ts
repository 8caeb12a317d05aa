/**
 * Requests answered while segments are saved one after another, each queueing a rebuild of the
 * dashboard cells, on the built app (`npm run build` first): 10,000 clients, `BENCH_REBUILD_RESPONSES`
 * (default 20,000) responses, 170 segments saved through the form action while another client
 * times `/api/v1/health` and `/dashboard` every 50 ms, for up to
 * `BENCH_REBUILD_WATCH_SECONDS` (60) from the first save (target: every request within 100 ms). Then a SIGTERM
 * during a rebuild, and how long the process takes to exit.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startRebuild } from '../src/lib/server/analytics/rebuild';
import { filterFromSearchParams } from '../src/lib/schemas/client-filter';
import { saveSegment } from '../src/lib/server/clients/segments';
import { closeSqlite, openSqlite } from '../src/lib/server/db/sqlite-connections';
import { startCheckpoints } from '../src/lib/server/db/checkpoints';
import { createUser } from '../src/lib/server/users/service';
import { seedWorkspace, writeResponses } from './bench-dashboard';

const SEGMENTS = 170;
const PORT = 3992;
// Requests are timed for at most this long from the first save.
const WATCH_MS = Number(process.env.BENCH_REBUILD_WATCH_SECONDS ?? 60) * 1000;
const base = `http://localhost:${PORT}`;
const owner = {
	email: 'olga@bench.test',
	name: 'Olga',
	role: 'owner' as const,
	password: 'bench password 1'
};

/** 170 different filters: tag × language, tags alone, languages alone, and some nobody matches. */
function segmentFilter(i: number): string {
	const tag = `tag-${(i % 20) + 1}`;
	const languages = ['de', 'nl', 'fi', 'ro', 'en'];
	if (i < 100) return `tag=${tag}&language=${languages[Math.floor(i / 20)]}`;
	if (i < 120) return `tag=${tag}`;
	if (i < 125) return `language=${languages[i - 120]}`;
	return `tag=${tag}&tag=tag-${((i + 1) % 20) + 1}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (times: number[]) => {
	const sorted = [...times].sort((a, b) => a - b);
	return `${sorted.length} requests: median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, worst ${sorted.at(-1)!.toFixed(1)} ms`;
};

/**
 * The longest the rebuilds keep the event loop to themselves, in one process without HTTP: the
 * gaps of a 5 ms timer while the same 170 segments are saved (one every 100 ms) and rebuilt.
 * Every gap is a wait a request arriving then would add.
 */
async function longestSlice(responses: number): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-slices-'));
	const db = openSqlite(join(dir, 'app.db'));
	// As the server does: WAL checkpoints on a thread of their own.
	const checkpoints = startCheckpoints(db);
	try {
		await writeResponses(db, await seedWorkspace(db), responses, 5);
		await (
			await startRebuild(db, { kind: 'all' }, { code: 'firstCellsComputation' })
		).done;
		const gaps: number[] = [];
		let last = performance.now();
		const timer = setInterval(() => {
			const now = performance.now();
			gaps.push(now - last);
			last = now;
		}, 5);
		let rebuilt: Promise<void> = Promise.resolve();
		for (let i = 0; i < SEGMENTS; i++) {
			const { id } = await saveSegment(db, {
				name: `Segment ${i}`,
				filter: filterFromSearchParams(new URLSearchParams(segmentFilter(i))).data!,
				userId: null
			});
			const reason = { code: 'segmentCreated', params: { name: `Segment ${i}` } } as const;
			rebuilt = (await startRebuild(db, { kind: 'segment', segmentId: id }, reason)).done;
			await sleep(100);
		}
		await rebuilt;
		clearInterval(timer);
		const sorted = [...gaps].sort((a, b) => a - b);
		console.log(
			`  event-loop gaps while ${SEGMENTS} segments are saved and rebuilt in-process (5 ms timer, ${sorted.length} ticks): median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, longest ${sorted.at(-1)!.toFixed(1)} ms`
		);
	} finally {
		await checkpoints?.stop();
		closeSqlite(db);
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function rebuildResponsiveness(
	responses = Number(process.env.BENCH_REBUILD_RESPONSES ?? 20_000)
): Promise<void> {
	if (!existsSync('build/index.js')) {
		console.log('\nRebuild under requests: run `npm run build` first.');
		return;
	}
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-rebuild-'));
	const url = join(dir, 'app.db');
	const db = openSqlite(url);
	await createUser(db, owner);
	await writeResponses(db, await seedWorkspace(db), responses, 5);
	let start = performance.now();
	await (
		await startRebuild(db, { kind: 'all' }, { code: 'firstCellsComputation' })
	).done;
	console.log(
		`\nRebuild under requests: ${responses.toLocaleString('en')} responses, 10,000 clients, ${SEGMENTS} segments saved one after another`
	);
	console.log(
		`  full rebuild before serving  ${((performance.now() - start) / 1000).toFixed(2)} s`
	);
	closeSqlite(db);
	await longestSlice(responses);

	const server = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), ORIGIN: base },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
	const watcher = new Database(url, { readonly: true });
	const running = () =>
		(
			watcher
				.prepare(
					"select count(*) as n from background_jobs where kind = 'cells' and status = 'running'"
				)
				.get() as { n: number }
		).n;
	try {
		while (
			!(await fetch(`${base}/api/v1/health`).then(
				(r) => r.ok,
				() => false
			))
		)
			await sleep(100);
		const headers = { origin: base, accept: 'text/html' };
		const login = await fetch(`${base}/login`, {
			method: 'POST',
			headers,
			body: new URLSearchParams({ email: owner.email, password: owner.password }),
			redirect: 'manual'
		});
		const cookie = login.headers
			.getSetCookie()
			.map((line) => line.split(';')[0])
			.join('; ');
		if (login.status !== 303 || !cookie) throw new Error(`Sign-in failed: ${login.status}`);

		// Probes are split by phase: while saves arrive (requests queue behind other requests), then while only the rebuilds run.
		const timings = {
			health: [] as number[],
			dashboard: [] as number[],
			save: [] as number[],
			rebuildOnlyHealth: [] as number[],
			rebuildOnlyDashboard: [] as number[]
		};
		let saving = true;
		const timed = async (
			into: number[],
			request: () => Promise<Response>,
			afterSaves?: number[]
		) => {
			const began = performance.now();
			const response = await request();
			await response.arrayBuffer();
			(saving || !afterSaves ? into : afterSaves).push(performance.now() - began);
			if (response.status >= 500) throw new Error(`${response.url} answered ${response.status}`);
		};
		let probing = true;
		const prober = (async () => {
			// A request every 50 ms or so: a visitor's pace, which leaves the server time to rebuild.
			for (let i = 0; probing; i++) {
				if (i % 4 === 3)
					await timed(
						timings.dashboard,
						() => fetch(`${base}/dashboard`, { headers: { cookie } }),
						timings.rebuildOnlyDashboard
					);
				else
					await timed(
						timings.health,
						() => fetch(`${base}/api/v1/health`),
						timings.rebuildOnlyHealth
					);
				await sleep(50);
			}
		})();
		const save = (i: number) =>
			timed(timings.save, () =>
				fetch(`${base}/clients?/saveSegment`, {
					method: 'POST',
					headers: { ...headers, cookie },
					body: new URLSearchParams({ name: `Segment ${i}`, filter: segmentFilter(i) }),
					redirect: 'manual'
				})
			);
		start = performance.now();
		for (let i = 0; i < SEGMENTS; i++) await save(i);
		const saved = performance.now() - start;
		saving = false;
		while (running() > 0 && performance.now() - start < WATCH_MS) await sleep(100);
		const settled = performance.now() - start;
		probing = false;
		await prober;
		const jobs =
			(
				watcher.prepare("select count(*) as n from background_jobs where kind = 'cells'").get() as {
					n: number;
				}
			).n - 1;
		const progress = running()
			? `still rebuilding after ${(settled / 1000).toFixed(0)} s`
			: `all rebuilds done after ${(settled / 1000).toFixed(2)} s`;
		console.log(
			`  ${SEGMENTS} saves took ${(saved / 1000).toFixed(2)} s, queued as ${jobs} jobs; ${progress}`
		);
		console.log('  while the saves arrive:');
		console.log(`    /api/v1/health   ${summary(timings.health)}`);
		console.log(`    /dashboard       ${summary(timings.dashboard)}`);
		console.log(`    segment save     ${summary(timings.save)}`);
		console.log('  after the last save, while the rebuilds run:');
		console.log(`    /api/v1/health   ${summary(timings.rebuildOnlyHealth)}`);
		console.log(`    /dashboard       ${summary(timings.rebuildOnlyDashboard)}`);

		for (let i = 0; i < 20; i++) await save(i + 1);
		await sleep(200);
		const rebuilding = running();
		start = performance.now();
		server.kill('SIGTERM');
		await exited;
		console.log(
			`  SIGTERM with ${rebuilding} rebuild job(s) pending: exited after ${(performance.now() - start).toFixed(0)} ms, ${running()} left to resume`
		);
	} finally {
		server.kill('SIGKILL');
		watcher.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
