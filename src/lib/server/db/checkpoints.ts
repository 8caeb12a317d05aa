import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './index';
import { sqliteConnectionsOf } from './sqlite-connections';
import { onPostgres } from './transaction';

/**
 * SQLite copies the WAL back into the database file in the commit that makes it 1,000 pages long,
 * on the writer's thread, and syncs the file: here that took 100–350 ms, during which the server
 * answered nobody (the segment-save bench's longest waits). The server's connection keeps none of
 * its own; a worker thread with a connection of its own checkpoints beside the writes, PASSIVE,
 * which never blocks them (a FULL or RESTART one holds the writers back while it syncs). When a
 * PASSIVE checkpoint has copied everything, the next commit starts the WAL over; only if readers
 * kept it from that for long (the WAL past `restartFrames`) is a RESTART worth its wait.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 2000');
let restart = false;
const checkpoint = () => {
	try {
		const mode = restart ? 'RESTART' : 'PASSIVE';
		const [result] = db.pragma('wal_checkpoint(' + mode + ')');
		restart = result.log > workerData.restartFrames && result.checkpointed < result.log;
		parentPort.postMessage({ mode, frames: result.log, copied: result.checkpointed });
	} catch (error) {
		parentPort.postMessage({ error: String(error) });
	}
};
setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { db.close(); process.exit(0); });
`;

export type Checkpointer = {
	/** Resolves after the worker's next checkpoint, with what it copied. */
	next(): Promise<{ frames: number; copied: number }>;
	stop(): Promise<void>;
};

// 16,384 pages of 4 KB: a WAL of 64 MB.
const RESTART_FRAMES = 16_384;

export function startCheckpoints(
	db: Db,
	everyMs = 1000,
	restartFrames = RESTART_FRAMES
): Checkpointer | null {
	// PostgreSQL's own checkpointer does this job there.
	if (onPostgres(db) || db.$client.memory) return null;
	const path = db.$client.name;
	const connections = sqliteConnectionsOf(db);
	for (const connection of connections) connection.pragma('wal_autocheckpoint = 0');
	const worker = new Worker(CHECKPOINTER, {
		eval: true,
		workerData: {
			driver: createRequire(import.meta.url).resolve('better-sqlite3'),
			path,
			everyMs,
			restartFrames
		}
	});
	let waiting: ((result: { frames: number; copied: number }) => void)[] = [];
	let stopped = false;
	const fallBack = (reason: string) => {
		if (stopped) return;
		stopped = true;
		// Without the worker the WAL would grow without end: SQLite's own checkpoints come back.
		for (const connection of connections) connection.pragma('wal_autocheckpoint = 1000');
		console.error(`WAL checkpoints are back on the server's thread: ${reason}`);
	};
	worker.on('message', (message: { error?: string; frames: number; copied: number }) => {
		if (message.error) console.error(`A WAL checkpoint failed: ${message.error}`);
		else for (const resolve of waiting.splice(0)) resolve(message);
	});
	worker.on('error', (error) => fallBack(String(error)));
	const exited = new Promise<void>((resolve) =>
		worker.once('exit', (code) => {
			fallBack(`the checkpoint worker exited with code ${code}`);
			resolve();
		})
	);
	// It must not keep a stopping server alive: closing the last connection checkpoints anyway.
	// (After the listeners: adding a 'message' listener refs the worker again.)
	worker.unref();
	return {
		next: () => new Promise((resolve) => waiting.push(resolve)),
		stop: async () => {
			stopped = true;
			waiting = [];
			// Awaited, the worker must keep the process up until it has closed its connection.
			worker.ref();
			worker.postMessage('stop');
			await exited;
		}
	};
}
