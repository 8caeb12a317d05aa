import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root } from './support';

test('a server rebuilding the dashboard cells stops within seconds of SIGTERM and leaves the rebuild to its next start', async () => {
	test.setTimeout(120_000);
	const folder = mkdtempSync(join(tmpdir(), 'satisfy-shutdown-'));
	const url = join(folder, 'app.db');
	// Thirty segments whose members must be re-read from 20,000 responses: a long rebuild, resumed at start.
	execFileSync(`${root}node_modules/.bin/tsx`, ['tests/e2e/shutdown-seed.ts', url], { cwd: root });

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
