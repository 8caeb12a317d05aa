import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { notOnPostgres } from './tests/postgres-files.ts';
import { messagesForTests } from './tests/messages-for-tests.ts';
import { ownProcess } from './tests/own-process-files.ts';

// Services, endpoints and scripts: on SQLite in `server`, again on PostgreSQL in `server-pg`.
const serverTests = [
	'src/lib/server/**/*.test.ts',
	'src/routes/**/*.test.ts',
	'scripts/**/*.test.ts'
];

type ServerProject = {
	name: string;
	include: string[];
	exclude: string[];
	env?: Record<string, string>;
	globalSetup?: string[];
	setupFiles: string[];
};

/**
 * A project of server tests as two: its files in one shared process, and those
 * tests/own-process-files.ts names (`<name>-own-process`) each in a process of its own.
 */
function sharingOneProcess(project: ServerProject): TestProjectInlineConfiguration[] {
	const ownProcessFiles = Object.keys(ownProcess);
	return [
		{
			extends: true,
			test: { ...project, isolate: false, exclude: [...project.exclude, ...ownProcessFiles] }
		},
		{
			extends: true,
			test: { ...project, name: `${project.name}-own-process`, include: ownProcessFiles }
		}
	];
}

export default defineConfig({
	plugins: [
		sveltekit(),
		// The message library (messages/*.json) compiled to typed functions in src/lib/paraglide.
		// Respondent pages and emails name the locale at each call (the respondent's language);
		// the strategy gives the base locale, English, to the rest.
		// Not in vitest, whose runs would each compile and then wait on its watcher: `npm run
		// messages` (npm's prepare, and npm test's first step) compiles it for the tests, a module
		// per language, which the tests load instead.
		...(process.env.VITEST
			? [messagesForTests()]
			: [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						strategy: ['baseLocale'],
						emitTsDeclarations: true
					})
				])
	],
	// The bundler's timing report is noise in `npm run demo` and CI logs.
	build: { rolldownOptions: { checks: { pluginTimings: false } } },
	test: {
		// better-sqlite3 and argon2 are native addons: worker threads share them badly.
		pool: 'forks',
		// One worker fewer than the cores (vitest's default): the test files of all workers share one
		// PostgreSQL server, and db/data-state.test.ts reads its server-wide snapshot, which another
		// worker's writes move.
		environment: 'node',
		projects: [
			...sharingOneProcess({
				name: 'server',
				include: serverTests,
				exclude: ['**/*.pg.test.ts'],
				// Each test process records responses through the same subscribers as the server.
				setupFiles: ['tests/unit-setup.ts']
			}),
			// The same tests on PostgreSQL, but for those tests/postgres-files.ts names and says why:
			// DATABASE_URL's scheme makes db/schema give the PostgreSQL tables, and openTestDatabase a
			// database on the run's server.
			...sharingOneProcess({
				name: 'server-pg',
				include: serverTests,
				exclude: ['**/*.pg.test.ts', ...Object.keys(notOnPostgres)],
				env: {
					DATABASE_URL: 'postgres://server-pg-tests/each-test-opens-its-own',
					// Required on PostgreSQL (mail/link-secret.ts): app nodes share no file to keep one in.
					LINK_SECRET: 'server-pg tests: a link secret of 32 characters or more'
				},
				globalSetup: ['tests/postgres-setup.ts'],
				setupFiles: ['tests/unit-setup.ts', 'tests/pg-unit-setup.ts']
			}),
			{
				extends: true,
				test: {
					// Files that need PostgreSQL: vitest runs a project's global setup only when the run
					// includes one of its files, so the SQLite tests start no server.
					name: 'postgres',
					include: ['src/lib/server/**/*.pg.test.ts'],
					globalSetup: ['tests/postgres-setup.ts']
				}
			},
			{
				extends: true,
				test: {
					// Pure modules need no subscribers, whose import (the sentiment engine) costs a second
					// per file; a test here that records a response fails loudly (the bus has none).
					// Plain functions hold no state a test could leave behind: the files share a process.
					name: 'pure',
					isolate: false,
					include: ['src/**/*.test.ts'],
					exclude: ['src/lib/server/**', 'src/routes/**']
				}
			}
		]
	}
});
