import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// A port of its own per run (set once here, inherited by the workers), so runs never collide.
process.env.E2E_PORT ??= String(4200 + Math.floor(Math.random() * 700));
const port = Number(process.env.E2E_PORT);
// The mail server the email tests start themselves (tests/e2e/email.spec.ts).
process.env.E2E_SMTP_PORT ??= String(port + 1000);
export const baseURL = `http://localhost:${port}`;

// Set once in the main process; workers inherit it, so all share one fresh database per run.
process.env.E2E_DATABASE_URL ??= resolve(`test-results/e2e/app-${Date.now()}.db`);

/** Debian's Chromium where present: Playwright cannot download its own browser on our machines. */
const executablePath =
	process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ??
	(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Suites that start servers of their own, on databases of their own. */
const ownServers = [
	'dashboard-truth.spec.ts',
	'fit.spec.ts',
	'postgres-nodes.spec.ts',
	'scoped-access.spec.ts',
	'shutdown.spec.ts',
	'two-processes.spec.ts'
];

export default defineConfig({
	testDir: 'e2e',
	outputDir: '../test-results/playwright',
	// Two workers: one takes the suites that share a server and a database, one at a time (the
	// first-run suite first, the fuzz last); the other, beside it, those that start their own.
	workers: 2,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath,
			// A closed network: keep Chromium from reaching for Google's services at every start.
			args: [
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [
		{ name: 'first-run', testMatch: 'first-run.spec.ts' },
		{
			name: 'app',
			testIgnore: ['first-run.spec.ts', 'fuzz.spec.ts', ...ownServers],
			dependencies: ['first-run'],
			workers: 1
		},
		// After first-run too, though it needs nothing from it: Playwright runs each level of
		// dependencies to its end before the next, and this one is to run beside `app`.
		{ name: 'own-server', testMatch: ownServers, dependencies: ['first-run'], workers: 1 },
		// Last: it posts bad input to every form as an owner, and what it does get through stays.
		{ name: 'fuzz', testMatch: 'fuzz.spec.ts', dependencies: ['app'] }
	],
	webServer: {
		command: 'node scripts/serve.js',
		cwd: '..',
		url: `${baseURL}/api/v1/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			DATABASE_URL: process.env.E2E_DATABASE_URL,
			ORIGIN: baseURL,
			SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
			MAIL_FROM: 'Satisfy <surveys@e2e.test>',
			// Seconds instead of minutes, so the email tests see a retry happen.
			MAIL_RETRY_BASE_SECONDS: '1',
			OUTBOX_POLL_SECONDS: '1',
			WEBHOOK_RETRY_BASE_SECONDS: '1',
			// The webhook tests' receiver listens on this machine, which webhooks may not reach unless allowed.
			WEBHOOK_ALLOWED_HOSTS: '127.0.0.1'
		}
	}
});
