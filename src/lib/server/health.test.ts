import type { RequestEvent } from '@sveltejs/kit';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from '../../routes/api/v1/health/+server';
import pg from 'pg';
import { appDb, openAppDb } from './db/app-db';
import { engine } from './db/engine';
import { closeDatabase } from './db/open';
import { sqliteWriterOf } from './db/sqlite-connections';
import { openTestDatabase, type TestDatabase } from './db/test-database';
import { inTransaction } from './db/transaction';
import { startOutboxWorker } from './mail/delivery';
import { enqueueNotification } from './mail/queue';
import type { Mailer } from './mail/transport';
import { startWebhookWorker } from './webhooks/delivery';

let test: TestDatabase;
let stopWorkers = () => {};
/** The app's connection that writes (openSqlite's writer): the one health's write goes through. */
const writer = () => sqliteWriterOf(appDb())!.writer.$client;

async function health() {
	const response = await GET({} as RequestEvent);
	return { status: response.status, body: await response.json() };
}

/** Health's answer while `refuse` holds; `refuse` returns what undoes it. */
async function healthWhile(refuse: () => () => void) {
	const undo = refuse();
	try {
		return await health();
	} finally {
		undo();
	}
}

/** The health checks' rows counted through a connection of its own, not the app's. */
async function healthChecksSeenByAnother(): Promise<{ n: number }> {
	if (engine === 'postgres') {
		const other = new pg.Client(test.url);
		await other.connect();
		try {
			const { rows } = await other.query('select count(*)::int as n from health_checks');
			return rows[0];
		} finally {
			await other.end();
		}
	}
	const other = new Database(test.url, { readonly: true });
	try {
		return other.prepare('select count(*) as n from health_checks').get() as { n: number };
	} finally {
		other.close();
	}
}

/** Waits until every worker has had time for a few rounds (they run every 20 ms). */
const fewRounds = () => new Promise((resolve) => setTimeout(resolve, 100));

function startWorkers(mailer: Mailer | null = null) {
	const stopMail = startOutboxWorker(
		appDb(),
		{ mailer, origin: 'http://localhost', ratePerMinute: 60 },
		20
	);
	const stopWebhooks = startWebhookWorker(appDb(), {}, 20);
	stopWorkers = () => {
		stopMail();
		stopWebhooks();
	};
}

beforeAll(async () => {
	test = await openTestDatabase();
	// The app's own connection (appDb) opens this file, as the server's does.
	process.env.DATABASE_URL = test.url;
	await openAppDb();
});
afterAll(async () => {
	await closeDatabase(appDb());
	await test.remove();
});
afterEach(() => {
	stopWorkers();
	vi.useRealTimers();
});

describe('GET /api/v1/health', () => {
	it('answers 503 naming both workers before they run', async () => {
		const { status, body } = await health();
		expect(status).toBe(503);
		expect(body.error.issues.map((issue: { path: string[] }) => issue.path[0])).toEqual([
			'mailWorker',
			'webhookWorker'
		]);
		expect(body.error.message).toContain('The mail worker is not running.');
	});

	describe('with both workers running', () => {
		beforeEach(async () => {
			startWorkers();
			await fewRounds();
		});

		it('answers 200 with every check ok when the database takes a write and the workers finish their rounds', async () => {
			expect(await health()).toEqual({
				status: 200,
				body: { status: 'ok', checks: { database: 'ok', mailWorker: 'ok', webhookWorker: 'ok' } }
			});
			// The write is real: it reached the database, where another connection reads it.
			expect(await healthChecksSeenByAnother()).toEqual({ n: 1 });
		});

		// The refusals below are SQLite's own (a read-only connection, the file's write lock, the disk
		// its write-ahead log grows on): PostgreSQL's server decides them, out of the app's hands.
		it.skipIf(engine === 'postgres')(
			'answers 503 naming the database when its connection refuses writes',
			async () => {
				const { status, body } = await healthWhile(() => {
					writer().pragma('query_only = ON');
					return () => writer().pragma('query_only = OFF');
				});
				expect(status).toBe(503);
				expect(body.error.code).toBe('unavailable');
				expect(body.error.issues).toEqual([
					{
						path: ['database'],
						code: 'unavailable',
						message: 'The database refuses writes (SQLITE_READONLY).'
					}
				]);
				expect((await health()).status).toBe(200);
			}
		);

		it.skipIf(engine === 'postgres')(
			'answers 503 naming the database while another process holds the write lock past the busy timeout',
			async () => {
				const { status, body } = await healthWhile(() => {
					const other = new Database(test.url);
					other.exec('begin immediate');
					writer().pragma('busy_timeout = 50');
					return () => {
						writer().pragma('busy_timeout = 5000');
						other.close();
					};
				});
				expect(status).toBe(503);
				expect(body.error.issues).toEqual([
					{
						path: ['database'],
						code: 'unavailable',
						message: 'The database refuses writes (SQLITE_BUSY).'
					}
				]);
			}
		);

		it.skipIf(engine === 'postgres')(
			'answers 503 naming the database when its disk has no room for the write-ahead log to grow',
			async () => {
				// A log that checkpoints only after 2³¹ pages needs terabytes: more than this disk has free.
				const { status, body } = await healthWhile(() => {
					writer().pragma('wal_autocheckpoint = 2147483647');
					return () => writer().pragma('wal_autocheckpoint = 1000');
				});
				expect(status).toBe(503);
				expect(body.error.issues).toEqual([
					{
						path: ['database'],
						code: 'unavailable',
						message: expect.stringContaining('The disk holding the database is full')
					}
				]);
			}
		);
	});

	it('answers 503 naming the mail worker when its rounds stop finishing, while the webhook worker is fine', async () => {
		// A mail server that never answers: the round sending this message never ends.
		await inTransaction(appDb(), async (tx) =>
			enqueueNotification(tx, 'someone@example.com', {
				subject: 'Hello',
				text: 'Hi',
				html: '',
				language: 'en'
			})
		);
		startWorkers({ send: () => new Promise(() => {}), close: () => {} });
		await fewRounds();
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 5 * 60_000);
		await fewRounds();
		const { status, body } = await health();
		expect(status).toBe(503);
		expect(body.error.issues).toEqual([
			{
				path: ['mailWorker'],
				code: 'unavailable',
				message: expect.stringMatching(
					/^The mail worker has finished no round for 30\d s \(it starts one every 0.02 s\)\.$/
				)
			}
		]);
	});
});
