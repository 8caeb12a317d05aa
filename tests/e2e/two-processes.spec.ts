import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { root, startServer, stopServer, type Server } from './support';

/*
 * Several processes on one database file, as during a rolling restart: two servers of the built
 * app share one SQLite file, and respondents answer a two-page survey with each page sent to a
 * different server. Every page must be answered (no 5xx), every response stored whole and no
 * respondent left half-way.
 */

const RESPONDENTS = 300;
const AT_ONCE = 20;

/** Five answers over two pages (see two-processes-seed.ts): the first page's are autosaved, the second's complete the response. */
const pageForms = [
	'page=0&language=en&go=forward&q-speed=4&q-staff=5&q-price=3',
	'page=1&language=en&go=forward&q-overall=4&q-why=Friendly+crew'
];
const ANSWERS = 5;

/** Seeds the database file through the app's own services (see two-processes-seed.ts): one personal link per respondent. */
function seed(path: string): string[] {
	const output = execFileSync(
		`${root}node_modules/.bin/tsx`,
		['tests/e2e/two-processes-seed.ts', path, String(RESPONDENTS)],
		{ cwd: root, encoding: 'utf8' }
	);
	return JSON.parse(output) as string[];
}

/** Sends one page as a browser without JavaScript does; the status it was answered with. */
async function sendPage(server: Server, token: string, form: string): Promise<number> {
	const response = await fetch(`${server.origin}/s/${token}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.origin,
			accept: 'text/html'
		},
		body: form
	});
	await response.arrayBuffer();
	return response.status;
}

test('two server processes on one database file answer every respondent and store every response whole', async () => {
	test.setTimeout(120_000);
	const dir = `${root}test-results/e2e/two-processes-${Date.now()}`;
	mkdirSync(dir, { recursive: true });
	const database = `${dir}/app.db`;
	const tokens = seed(database);
	const servers = await Promise.all([
		startServer(database, { OUTBOX_POLL_SECONDS: '1' }),
		startServer(database, { OUTBOX_POLL_SECONDS: '1' })
	]);
	try {
		const statuses: number[] = [];
		let next = 0;
		// Each respondent's two pages go to different processes, as when a restart moves them over.
		const respondent = async () => {
			for (let i = next++; i < tokens.length; i = next++) {
				for (const [page, form] of pageForms.entries()) {
					const status = await sendPage(servers[(i + page) % 2]!, tokens[i]!, form);
					statuses.push(status);
					// A respondent shown an error page gives up, leaving what was autosaved.
					if (status !== 303) break;
				}
			}
		};
		const started = performance.now();
		await Promise.all(Array.from({ length: AT_ONCE }, respondent));
		const seconds = (performance.now() - started) / 1000;

		const db = new Database(database, { readonly: true });
		const count = (query: string) => (db.prepare(query).get() as { n: number }).n;
		const stored = count('select count(*) as n from responses');
		const partial = count(
			`select count(*) as n from responses where (select count(*) from answers where response_id = responses.id) <> ${ANSWERS}`
		);
		const completed = count('select count(*) as n from invitations where completed_at is not null');
		const halfWay = count('select count(*) as n from response_drafts');
		db.close();
		const failed = statuses.filter((status) => status >= 500).length;
		console.log(
			`Two processes on one database file: ${RESPONDENTS} respondents (${AT_ONCE} at a time) sent ${statuses.length} pages in ${seconds.toFixed(1)} s; ` +
				`${failed} answered 5xx; ${stored} responses stored, ${partial} partial (of ${ANSWERS} answers each); ${completed} links completed, ${halfWay} respondents left half-way`
		);
		expect(
			failed,
			servers
				.flatMap((server) => server.log)
				.join('')
				.slice(0, 2000)
		).toBe(0);
		expect(partial).toBe(0);
		expect(halfWay).toBe(0);
		expect(stored).toBe(RESPONDENTS);
		expect(completed).toBe(RESPONDENTS);
		expect(statuses.every((status) => status === 303)).toBe(true);
	} finally {
		await Promise.all(servers.map(stopServer));
		rmSync(dir, { recursive: true, force: true });
	}
});
