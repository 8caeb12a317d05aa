import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './db';
import { healthChecks } from './db/schema';
import { sqliteWriterOf } from './db/sqlite-connections';
import { inTransaction, onPostgres } from './db/transaction';
import { workerProblem, type WorkerName } from './worker/heartbeat';

export type HealthCheckName = 'database' | 'mailWorker' | 'webhookWorker';
export type HealthProblem = { check: HealthCheckName; message: string };

const workerChecks: { name: WorkerName; check: HealthCheckName; title: string }[] = [
	{ name: 'mail', check: 'mailWorker', title: 'The mail worker' },
	{ name: 'webhooks', check: 'webhookWorker', title: 'The webhook worker' }
];

// What the log grows by between the checkpoint worker's rounds (`db/checkpoints.ts`, every
// second) is kept under SQLite's own checkpoint size.
const WORKER_LOG_PAGES = 1000;

/**
 * Whether the database takes a write as the app's own writes are taken (committed, so the
 * write-ahead log must grow or be rewritten), and whether its disk has room for the log to grow
 * until its next checkpoint: on a full disk a tiny write may still fit in the log's old frames
 * while every real one fails.
 */
async function databaseProblem(db: Db, now: Date): Promise<string | null> {
	try {
		await inTransaction(db, async (tx) => {
			await tx
				.insert(healthChecks)
				.values({ id: 1, checkedAt: now })
				.onConflictDoUpdate({ target: healthChecks.id, set: { checkedAt: now } });
		});
	} catch (error) {
		console.error(`Health check: the database refused a write: ${String(error)}`);
		const code = (error as { code?: unknown }).code;
		return `The database refuses writes${typeof code === 'string' ? ` (${code})` : ''}.`;
	}
	// PostgreSQL's disk is its server's: a full one makes the write above fail.
	if (onPostgres(db)) return null;
	// The log's growth is the writing connection's to checkpoint (openSqlite's writer).
	const sqlite = (sqliteWriterOf(db)?.writer ?? db).$client;
	if (sqlite.memory) return null;
	const { bavail, bsize } = statfsSync(dirname(sqlite.name));
	// 0 when the checkpoints are the worker's; else SQLite's own, after that many pages.
	const logPages =
		Number(sqlite.pragma('wal_autocheckpoint', { simple: true })) || WORKER_LOG_PAGES;
	const logBytes = Number(sqlite.pragma('page_size', { simple: true })) * logPages;
	return bavail * bsize < logBytes
		? 'The disk holding the database is full: it has less room than the write-ahead log needs until its next checkpoint.'
		: null;
}

/** What keeps this process from doing its job: the database refusing writes, or a background worker stopped or stuck. Empty when healthy. */
export async function healthProblems(db: Db, now = new Date()): Promise<HealthProblem[]> {
	const problems: HealthProblem[] = [];
	const database = await databaseProblem(db, now);
	if (database) problems.push({ check: 'database', message: database });
	for (const { name, check, title } of workerChecks) {
		const problem = workerProblem(name, now.getTime());
		if (problem) problems.push({ check, message: `${title} ${problem}.` });
	}
	return problems;
}
