import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { engine } from '../db/engine';
import { closeDatabase, openDatabase } from '../db/open';
import { apiRateWindows } from '../db/schema';
import { openTestDatabase, type TestDatabase } from '../db/test-database';
import { createRateLimiter, takeApiRequest } from './rate-limit';

let database: TestDatabase;
let db: Db;
beforeEach(async () => {
	database = await openTestDatabase();
	db = database.db;
});
afterEach(() => database.remove());

const at = (ms: number) => new Date(Date.UTC(2026, 11, 3, 12, 0, 0) + ms);
const take = (on: Db, keyId: string, limit: number, ms: number) =>
	takeApiRequest(on, keyId, limit, { windowMs: 60_000, now: at(ms) });
const allowedOf = async (answers: Promise<{ allowed: boolean }>[]) =>
	(await Promise.all(answers)).map(({ allowed }) => allowed);

const nodeScript = fileURLToPath(new URL('./rate-limit-node.fixture.ts', import.meta.url));

/** An app node in a process of its own, ready to send `requests` requests of key-a at once. */
async function startNode(url: string, limit: number, requests: number) {
	const args = [url, 'key-a', String(limit), String(requests), String(at(0).getTime())];
	const child = spawn(process.execPath, ['--import', 'tsx', nodeScript, ...args], {
		env: { ...process.env, DATABASE_URL: url },
		stdio: ['pipe', 'pipe', 'inherit']
	});
	const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
	expect((await lines.next()).value).toBe('ready');
	return {
		go: () => child.stdin.write('go\n'),
		allowed: async () => Number((await lines.next()).value)
	};
}

describe('the API rate limit', () => {
	it('allows the limit per minute and per key, then says when to retry', async () => {
		const allowed = [];
		for (const ms of [1000, 1001, 1002]) allowed.push((await take(db, 'key-a', 3, ms)).allowed);
		expect(allowed).toEqual([true, true, true]);
		expect(await take(db, 'key-a', 3, 11_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
		expect((await take(db, 'key-b', 3, 11_000)).allowed).toBe(true);
		expect((await take(db, 'key-a', 3, 61_000)).allowed).toBe(true);
	});

	it('refuses every request past the limit until the window ends', async () => {
		const allowed = [];
		for (let i = 0; i < 8; i++) allowed.push((await take(db, 'key-a', 5, i * 1000)).allowed);
		expect(allowed).toEqual([true, true, true, true, true, false, false, false]);
		expect(await take(db, 'key-a', 5, 59_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
	});

	it('counts each key on its own', async () => {
		for (let i = 0; i < 4; i++) await take(db, 'key-a', 2, i);
		expect((await take(db, 'key-b', 2, 10)).allowed).toBe(true);
		expect((await take(db, 'key-b', 2, 11)).allowed).toBe(true);
		expect((await take(db, 'key-b', 2, 12)).allowed).toBe(false);
		expect((await take(db, 'key-c', 2, 13)).allowed).toBe(true);
	});

	it('starts a new window at the first request after the previous one ended', async () => {
		await take(db, 'key-a', 2, 0);
		await take(db, 'key-a', 2, 30_000);
		expect((await take(db, 'key-a', 2, 59_999)).allowed).toBe(false);
		// The new window begins at 70 s, not at 60 s: it ends at 130 s.
		expect(await take(db, 'key-a', 2, 70_000)).toEqual({ allowed: true, retryAfterSeconds: 60 });
		expect((await take(db, 'key-a', 2, 100_000)).allowed).toBe(true);
		expect(await take(db, 'key-a', 2, 129_000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
		expect((await take(db, 'key-a', 2, 130_000)).allowed).toBe(true);
		// One row per key, reused: ended windows leave nothing behind.
		expect(await db.select().from(apiRateWindows)).toEqual([
			{ keyId: 'key-a', startedAt: at(130_000), requests: 1 }
		]);
	});

	describe('on two app nodes sharing the database', () => {
		let nodes: [Db, Db];
		const node = (i: number) => nodes[i % 2 ? 1 : 0];
		beforeEach(async () => {
			nodes = [await openDatabase(database.url), await openDatabase(database.url)];
		});
		afterEach(async () => {
			for (const handle of nodes) await closeDatabase(handle);
		});

		it('holds for requests split over both nodes', async () => {
			const allowed = [];
			for (let i = 0; i < 10; i++) allowed.push((await take(node(i), 'key-a', 6, i)).allowed);
			expect(allowed).toEqual([true, true, true, true, true, true, false, false, false, false]);
		});

		// Two SQLite handles in one process cannot overlap their write transactions: the second
		// BEGIN IMMEDIATE waits for the lock on the thread the first needs to commit. The test
		// below runs the nodes in processes of their own, on either engine.
		it.runIf(engine === 'postgres')(
			'holds for many requests at the same moment on both nodes',
			async () => {
				const answers = Array.from({ length: 40 }, (_, i) => take(node(i), 'key-a', 15, 0));
				const allowed = await allowedOf(answers);
				expect(allowed.filter(Boolean)).toHaveLength(15);
				expect(await db.select().from(apiRateWindows)).toEqual([
					{ keyId: 'key-a', startedAt: at(0), requests: 40 }
				]);
			}
		);
	});

	it('holds for many requests at the same moment from two node processes', async () => {
		const nodes = await Promise.all([0, 1].map(() => startNode(database.url, 150, 200)));
		for (const node of nodes) node.go();
		const allowed = await Promise.all(nodes.map((node) => node.allowed()));
		expect(allowed.reduce((sum, n) => sum + n)).toBe(150);
		expect(await db.select().from(apiRateWindows)).toEqual([
			{ keyId: 'key-a', startedAt: at(0), requests: 400 }
		]);
	}, 60_000);
});

describe('the in-memory rate limit of public links', () => {
	it('allows the limit per minute and per caller, then says when to retry', () => {
		const take = createRateLimiter(3, 60_000);
		expect([0, 1, 2].map((i) => take('key-a', 1000 + i).allowed)).toEqual([true, true, true]);
		expect(take('key-a', 11_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
		expect(take('key-b', 11_000).allowed).toBe(true);
		expect(take('key-a', 61_000).allowed).toBe(true);
	});
});
