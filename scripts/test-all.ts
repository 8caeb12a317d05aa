/**
 * The whole test suite, as `npm test` and CI run it: type check, formatting and lint, unit tests,
 * build, end-to-end tests. Ends with one line totalling every suite from the runners' JSON reports:
 *   tests: N passed, M failed[, K skipped]
 * A step that fails without reporting tests (type errors, a broken build) counts as one failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

type Totals = { passed: number; failed: number; skipped: number };

const reports = 'test-results';
const vitestReport = `${reports}/vitest.json`;
const playwrightReport = `${reports}/playwright.json`;

function run(title: string, command: string, args: string[]): boolean {
	console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
	const result = spawnSync(command === 'npm' ? 'npm' : `node_modules/.bin/${command}`, args, {
		stdio: 'inherit',
		env: process.env
	});
	return result.status === 0;
}

/**
 * Starts a step whose output is held back and printed, under its title, by `finish`: it runs
 * beside the step that follows and their logs do not interleave.
 */
function runBeside(title: string, command: string, args: string[]): () => Promise<boolean> {
	const output: Buffer[] = [];
	const child = spawn(command === 'npm' ? 'npm' : `node_modules/.bin/${command}`, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: process.env
	});
	child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
	const exited = new Promise<boolean>((resolve) => {
		child.on('error', () => resolve(false));
		child.on('close', (code) => resolve(code === 0));
	});
	return async () => {
		const ok = await exited;
		console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
		process.stdout.write(Buffer.concat(output));
		return ok;
	};
}

function readJson(path: string): Record<string, unknown> | null {
	return existsSync(path)
		? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
		: null;
}

function vitestTotals(): Totals | null {
	const report = readJson(vitestReport) as {
		numPassedTests: number;
		numFailedTests: number;
		numPendingTests: number;
		numTodoTests: number;
		numFailedTestSuites: number;
	} | null;
	if (!report) return null;
	return {
		passed: report.numPassedTests,
		// A test file that fails to load has no failed tests but is a failure all the same.
		failed: report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0),
		skipped: report.numPendingTests + report.numTodoTests
	};
}

function playwrightTotals(): Totals | null {
	const report = readJson(playwrightReport) as {
		stats: { expected: number; unexpected: number; flaky: number; skipped: number };
		errors?: unknown[];
	} | null;
	if (!report) return null;
	const { expected, unexpected, flaky, skipped } = report.stats;
	// Errors outside any test (the server did not start, a file did not load) are failures too.
	const outsideTests = unexpected === 0 && (report.errors?.length ?? 0) > 0 ? 1 : 0;
	return { passed: expected + flaky, failed: unexpected + outsideTests, skipped };
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const add = (step: string, ok: boolean, counted: Totals | null) => {
	if (counted) {
		totals.passed += counted.passed;
		totals.failed += counted.failed;
		totals.skipped += counted.skipped;
	}
	if (!ok && (!counted || counted.failed === 0)) {
		console.error(`${step} failed without a failing test to show for it: counted as one failure.`);
		totals.failed += 1;
	}
};

const checked =
	run('Message library', 'npm', ['run', '--silent', 'messages']) &&
	run('Type check', 'svelte-kit', ['sync']) &&
	run('Type check', 'svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings']);
add('svelte-check', checked, null);

// The house rules (npm run lint): formatting, lint with the layers as import rules
// (eslint.config.js), and no import cycle among the TypeScript modules.
// It only reads files, so it runs beside the unit tests, which leave a core idle while they wait
// on PostgreSQL.
const linted = runBeside('Formatting, lint and import cycles', 'npm', ['run', '--silent', 'lint']);

const unit = run('Unit tests', 'vitest', [
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestReport}`
]);
add('lint', await linted(), null);
add('vitest', unit, vitestTotals());

const built = run('Build', 'vite', ['build', '--logLevel', 'warn']);
add('build', built, null);
if (built) {
	const e2e = run('End-to-end tests', 'playwright', [
		'test',
		'--config',
		'tests/playwright.config.ts'
	]);
	add('playwright', e2e, playwrightTotals());
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
