import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedWorkspace, writeResponses } from '../../scripts/bench-dashboard';
import { saveSegment } from '../../src/lib/server/clients/segments';
import { createDb } from '../../src/lib/server/db';
import { backgroundJobs } from '../../src/lib/server/db/schema';
import { freePort, root } from './support';

test('a server rebuilding the dashboard cells stops within seconds of SIGTERM and leaves the rebuild to its next start', async () => {
	test.setTimeout(120_000);
	const folder = mkdtempSync(join(tmpdir(), 'satisfy-shutdown-'));
	const url = join(folder, 'app.db');
	// Thirty segments whose members must be re-read from 20,000 responses: a long rebuild, resumed at start.
	const db = createDb(url);
	writeResponses(db, await seedWorkspace(db), 20_000, 3);
	const segments = Array.from(
		{ length: 30 },
		(_, i) =>
			saveSegment(db, {
				name: `Segment ${i}`,
				filter: { tags: [`tag-${(i % 20) + 1}`] },
				userId: null
			}).id
	);
	db.insert(backgroundJobs)
		.values({
			kind: 'cells',
			reason: 'test',
			status: 'running',
			total: 20_000,
			done: 0,
			plan: { all: true, segments },
			startedAt: new Date()
		})
		.run();
	db.$client.close();

	const port = await freePort();
	const server = spawn(process.execPath, ['scripts/serve.js'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: url }
	});
	const exited = new Promise<number | null>((resolve) =>
		server.once('exit', (code) => resolve(code))
	);
	const file = new Database(url, { readonly: true });
	const jobs = () =>
		file
			.prepare("select status from background_jobs where kind = 'cells' order by id")
			.all()
			.map((row) => (row as { status: string }).status);
	try {
		await expect
			.poll(
				() =>
					fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
						(r) => r.status,
						() => 0
					),
				{ timeout: 30_000 }
			)
			.toBe(200);
		expect(jobs()).toEqual(['failed', 'running']);
		const signalled = Date.now();
		server.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(Date.now() - signalled).toBeLessThan(5_000);
		// Still 'running': the next start redoes it.
		expect(jobs()).toEqual(['failed', 'running']);
	} finally {
		server.kill('SIGKILL');
		file.close();
		rmSync(folder, { recursive: true, force: true });
	}
});
