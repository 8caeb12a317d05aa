import { renameSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpoints, type Checkpointer } from './checkpoints';
import { sqliteWriterOf } from './sqlite-connections';
import { openTestDatabase, type TestDatabase } from './test-database';

let cleanUp: () => Promise<void> = async () => {};
afterEach(() => cleanUp());

/** Writes about 8 MB in 2,000 commits: far past the 1,000 pages at which SQLite checkpoints itself. */
function writeMuch(test: TestDatabase) {
	// On the writer connection, as the app's commits are made.
	const sqlite = sqliteWriterOf(test.db)!.writer.$client;
	sqlite.exec('create table filler (text text)');
	const insert = sqlite.prepare('insert into filler values (?)');
	for (let i = 0; i < 2000; i++) insert.run('x'.repeat(4000));
}

describe('WAL checkpoints off the server’s thread', () => {
	it('leave the writer’s commits alone and are made by the worker instead', async () => {
		const test = await openTestDatabase();
		// First a worker whose first checkpoint is a minute away, so that whatever reaches the file
		// during the writes came from the commits themselves, however slow the machine.
		const idle = startCheckpoints(test.db, 60_000, 1000) as Checkpointer;
		let checkpointer = idle;
		cleanUp = async () => {
			await checkpointer.stop();
			await test.remove();
		};
		expect(test.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		const before = statSync(test.url).size;
		writeMuch(test);
		// Only a checkpoint copies pages into the database file: none came from the commits.
		expect(statSync(test.url).size).toBe(before);
		await idle.stop();
		checkpointer = startCheckpoints(test.db, 50, 1000) as Checkpointer;
		let copied = 0;
		while (copied < 2000) copied = (await checkpointer.next()).copied;
		expect(statSync(test.url).size).toBeGreaterThan(before + 8_000_000);
	});

	it('hand the checkpoints back to SQLite if the worker cannot run them', async () => {
		const test = await openTestDatabase();
		// The file moved away under the running server: the worker cannot open it.
		renameSync(test.url, `${test.url}.moved`);
		const checkpointer = startCheckpoints(test.db, 50, 1000) as Checkpointer;
		cleanUp = async () => {
			await checkpointer.stop();
			renameSync(`${test.url}.moved`, test.url);
			await test.remove();
		};
		await expect
			.poll(() => test.db.$client.pragma('wal_autocheckpoint', { simple: true }))
			.toBe(1000);
	});
});
