import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Ports and databases of their own per run (set once here, inherited by the workers, which load
// this file again), so runs never collide.
process.env.E2E_PORT ??= String(4200 + Math.floor(Math.random() * 700));
process.env.E2E_RUN ??= String(Date.now());
const port = Number(process.env.E2E_PORT);

/**
 * The two shared servers, each on a fresh database with its own owner (set up by the first-run
 * suite), each with a mail server port the email tests listen on themselves. The suites that
 * share a server are split between the two so that they run side by side; a test reads its own
 * server's database and mail port from its project's metadata (tests/e2e/support.ts).
 */
const sharedServers = [0, 1].map((index) => ({
	origin: `http://localhost:${port + index}`,
	database: resolve(`test-results/e2e/app-${process.env.E2E_RUN}-${index}.db`),
	smtpPort: port + 1000 + index
}));
const [first, second] = sharedServers as [SharedServer, SharedServer];
export type SharedServer = (typeof sharedServers)[number];

/**
 * The suites that run on the second shared server. Those that start servers of their own run in
 * its lane too, and these make up the rest of its half of the time.
 */
const onSecondServer = [
	'email.spec.ts',
	'followups.spec.ts',
	'role-matrix.spec.ts',
	'roles.spec.ts',
	'webhooks.spec.ts'
];

/** Debian's Chromium where present: Playwright cannot download its own browser on our machines. */
const executablePath =
	process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ??
	(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Suites that start servers of their own, on databases of their own. */
const ownServers = [
	'branding.spec.ts',
	'dashboard-truth.spec.ts',
	'postgres-nodes.spec.ts',
	'scoped-access.spec.ts',
	'staff-pages.spec.ts',
	'shutdown.spec.ts',
	'sso.spec.ts',
	'two-processes.spec.ts'
];

const onShared = (server: SharedServer) => ({ baseURL: server.origin });

export default defineConfig({
	testDir: 'e2e',
	outputDir: '../test-results/playwright',
	globalSetup: './e2e/admin-bundle.ts',
	// Two workers, one per lane, each lane one suite at a time: the suites that share the first
	// server (its first-run suite first, the fuzz last); and those that share the second beside
	// those that start servers of their own. (Three lanes on two cores made tests time out.)
	workers: 2,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
	use: {
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
		{ name: 'first-run', testMatch: 'first-run.spec.ts', use: onShared(first), metadata: first },
		{
			name: 'first-run-2',
			testMatch: 'first-run.spec.ts',
			use: onShared(second),
			metadata: second
		},
		{
			name: 'app',
			testIgnore: ['first-run.spec.ts', 'fuzz.spec.ts', ...ownServers, ...onSecondServer],
			dependencies: ['first-run'],
			use: onShared(first),
			metadata: first,
			workers: 1
		},
		{
			name: 'app-2',
			testMatch: [...onSecondServer, ...ownServers],
			dependencies: ['first-run-2'],
			use: onShared(second),
			metadata: second,
			workers: 1
		},
		// Last: it posts bad input to every form as an owner, and what it does get through stays.
		{
			name: 'fuzz',
			testMatch: 'fuzz.spec.ts',
			dependencies: ['app'],
			use: onShared(first),
			metadata: first
		}
	],
	webServer: sharedServers.map((server) => ({
		command: 'node scripts/serve.js',
		cwd: '..',
		url: `${server.origin}/api/v1/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: new URL(server.origin).port,
			DATABASE_URL: server.database,
			ORIGIN: server.origin,
			SMTP_URL: `smtp://127.0.0.1:${server.smtpPort}`,
			MAIL_FROM: 'Satisfy <surveys@e2e.test>',
			// Seconds instead of minutes, so the email tests see a retry happen.
			MAIL_RETRY_BASE_SECONDS: '1',
			OUTBOX_POLL_SECONDS: '1',
			WEBHOOK_RETRY_BASE_SECONDS: '1',
			// The webhook tests' receiver listens on this machine, which webhooks may not reach unless allowed.
			WEBHOOK_ALLOWED_HOSTS: '127.0.0.1'
		}
	}))
});
