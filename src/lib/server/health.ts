import { DrizzleQueryError } from 'drizzle-orm';
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './db';
import { healthChecks } from './db/schema';
import { sqliteWriterOf } from './db/sqlite-connections';
import { inTransaction, onPostgres } from './db/transaction';
import { workerProblem, type WorkerName } from './worker/heartbeat';
import * as m from '../paraglide/messages';

export type HealthCheckName = 'database' | 'mailWorker' | 'webhookWorker';
export type HealthProblem = { check: HealthCheckName; message: string };

type WorkerCheck = {
	name: WorkerName;
	check: HealthCheckName;
	notRunning: () => string;
	stalled: (inputs: { silent: number; every: number }) => string;
};

const workerChecks: WorkerCheck[] = [
	{
		name: 'mail',
		check: 'mailWorker',
		notRunning: m.health_mail_worker_not_running,
		stalled: m.health_mail_worker_stalled
	},
	{
		name: 'webhooks',
		check: 'webhookWorker',
		notRunning: m.health_webhook_worker_not_running,
		stalled: m.health_webhook_worker_stalled
	}
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
	} catch (thrown) {
		// Drizzle wraps PostgreSQL's error (whose code is a SQLSTATE such as 25006) in one of its own.
		const error = thrown instanceof DrizzleQueryError && thrown.cause ? thrown.cause : thrown;
		console.error(`Health check: the database refused a write: ${String(error)}`);
		const code = (error as { code?: unknown }).code;
		return typeof code === 'string'
			? m.health_database_refuses_writes_code({ code })
			: m.health_database_refuses_writes();
	}
	// PostgreSQL's disk is its server's, out of this process's sight: a full one refuses the write.
	if (onPostgres(db)) return null;
	// The log's growth is the writing connection's to checkpoint (openSqlite's writer).
	const sqlite = (sqliteWriterOf(db)?.writer ?? db).$client;
	if (sqlite.memory) return null;
	const { bavail, bsize } = statfsSync(dirname(sqlite.name));
	// 0 when the checkpoints are the worker's; else SQLite's own, after that many pages.
	const logPages =
		Number(sqlite.pragma('wal_autocheckpoint', { simple: true })) || WORKER_LOG_PAGES;
	const logBytes = Number(sqlite.pragma('page_size', { simple: true })) * logPages;
	return bavail * bsize < logBytes ? m.health_disk_full() : null;
}

/** What keeps this process from doing its job: the database refusing writes, or a background worker stopped or stuck. Empty when healthy. */
export async function healthProblems(db: Db, now = new Date()): Promise<HealthProblem[]> {
	const problems: HealthProblem[] = [];
	const database = await databaseProblem(db, now);
	if (database) problems.push({ check: 'database', message: database });
	for (const { name, check, notRunning, stalled } of workerChecks) {
		const problem = workerProblem(name, now.getTime());
		if (problem?.kind === 'notRunning') problems.push({ check, message: notRunning() });
		if (problem?.kind === 'stalled')
			problems.push({
				check,
				message: stalled({ silent: problem.silentSeconds, every: problem.everySeconds })
			});
	}
	return problems;
}
