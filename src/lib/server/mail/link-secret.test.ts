import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../db';
import { openTestDatabase } from '../db/test-database';
import { linkSecret } from './link-secret';
import { sqliteWriterOf } from '../db/sqlite-connections';
import { engine } from '../db/engine';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function database() {
	const test = await openTestDatabase();
	cleanups.push(test.remove);
	return test;
}

describe('the link secret', () => {
	// PostgreSQL has no database file to keep it next to.
	it.skipIf(engine === 'postgres')(
		'is generated once and kept next to the database file, readable by its owner only, never inside it',
		async () => {
			const { db, url } = await database();
			const secret = await linkSecret(db, undefined);
			const file = join(dirname(url), 'link-secret');

			expect(secret.length).toBeGreaterThanOrEqual(32);
			expect(await linkSecret(db, undefined)).toEqual(secret);
			// A restarted server reads the same secret back from the file.
			expect(new TextEncoder().encode(readFileSync(file, 'utf8').trim())).toEqual(secret);
			expect(statSync(file).mode & 0o777).toBe(0o600);
			// The writer checkpoints: the reader may not.
			sqliteWriterOf(db)!.writer.$client.pragma('wal_checkpoint(TRUNCATE)');
			expect(readFileSync(url).includes(Buffer.from(secret))).toBe(false);
		}
	);

	// Generated secrets are SQLite's only: PostgreSQL needs LINK_SECRET.
	it.skipIf(engine === 'postgres')(
		'differs between two databases, so one installation’s links say nothing about another’s',
		async () => {
			expect(await linkSecret((await database()).db, undefined)).not.toEqual(
				await linkSecret((await database()).db, undefined)
			);
		}
	);

	it('is LINK_SECRET when set, the same on every app node, and then no file is written', async () => {
		const { db, url } = await database();
		const configured = 'a shared secret of at least 32 characters';
		expect(await linkSecret(db, configured)).toEqual(new TextEncoder().encode(configured));
		expect(existsSync(join(dirname(url), 'link-secret'))).toBe(false);
	});

	it.runIf(engine === 'postgres')(
		'is required on PostgreSQL, where app nodes share no file',
		async () => {
			const { db } = await database();
			// An empty LINK_SECRET is none: this run sets one for the other tests.
			await expect(linkSecret(db, '')).rejects.toThrow(/Set LINK_SECRET/);
		}
	);

	it('stays the same for the life of the process with an in-memory database', async () => {
		const db = createDb(':memory:');
		cleanups.push(async () => {
			db.$client.close();
		});
		expect(await linkSecret(db, undefined)).toEqual(await linkSecret(db, undefined));
	});
});
