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

/** npm itself, or a tool the project installed. */
const executable = (command: string) =>
	command === 'npm' ? 'npm' : `node_modules/.bin/${command}`;

function run(title: string, command: string, args: string[]): boolean {
	console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
	const result = spawnSync(executable(command), args, {
		stdio: 'inherit',
		env: process.env
	});
	return result.status === 0;
}

type Step = { title: string; command: string; args: string[] };

function spawnStep({ command, args }: Step) {
	return spawn(executable(command), args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: process.env
	});
}

/**
 * Starts steps that run one after another beside what follows, each to its end whatever the one
 * before it did. Their output is held back and printed, under each step's title, by the function
 * returned, which answers whether each passed: their logs and the next step's do not interleave.
 */
function runBeside(steps: Step[]): () => Promise<boolean[]> {
	const held: { step: Step; output: Buffer[]; ok: boolean }[] = [];
	const done = (async () => {
		for (const step of steps) {
			const output: Buffer[] = [];
			const child = spawnStep(step);
			child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
			child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
			const ok = await new Promise<boolean>((resolve) => {
				child.on('error', () => resolve(false));
				child.on('close', (code) => resolve(code === 0));
			});
			held.push({ step, output, ok });
		}
	})();
	return async () => {
		await done;
		for (const { step, output } of held) {
			console.log(`\n=== ${step.title}: ${step.command} ${step.args.join(' ')}`);
			process.stdout.write(Buffer.concat(output));
		}
		return held.map(({ ok }) => ok);
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

const prepared =
	run('Message library', 'npm', ['run', '--silent', 'messages']) &&
	run('Type check', 'svelte-kit', ['sync']);
add('messages', prepared, null);

// Beside the unit tests, which leave a core idle while they wait on PostgreSQL: the type check;
// the house rules (npm run lint): formatting, lint with the layers as import rules
// (eslint.config.js), and no import cycle among the TypeScript modules; then the build the
// end-to-end tests run. They read the sources and write only build output, which no unit test
// reads.
const besideUnitTests = runBeside([
	{
		title: 'Type check',
		command: 'svelte-check',
		args: ['--tsconfig', './tsconfig.json', '--fail-on-warnings']
	},
	{
		title: 'Formatting, lint and import cycles',
		command: 'npm',
		args: ['run', '--silent', 'lint']
	},
	{ title: 'Build', command: 'vite', args: ['build', '--logLevel', 'warn'] }
]);

const unit = run('Unit tests', 'vitest', [
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestReport}`
]);
const [checked, linted, built] = (await besideUnitTests()) as [boolean, boolean, boolean];
add('svelte-check', checked, null);
add('lint', linted, null);
add('vitest', unit, vitestTotals());
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
