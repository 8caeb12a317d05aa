import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { workerLeases } from '../db/schema';
import { openTestDatabase, type TestDatabase } from '../db/test-database';
import { holdLease, onOneNode, releaseLease, thisNode } from './lease';

let database: TestDatabase;
let db: Db;
beforeEach(async () => {
	database = await openTestDatabase();
	db = database.db;
});
afterEach(() => database.remove());

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 12, 0, seconds));
const first = { holder: 'node-a' };
const second = { holder: 'node-b' };

describe('a lease on a periodic task', () => {
	it('is held by one node at a time until it runs out', async () => {
		expect(await holdLease(db, 'campaigns', 10_000, { ...first, now: at(0) })).toBe(true);
		expect(await holdLease(db, 'campaigns', 10_000, { ...second, now: at(5) })).toBe(false);
		expect(await holdLease(db, 'campaigns', 10_000, { ...second, now: at(10) })).toBe(false);
		// Run out: the holder stopped renewing it.
		expect(await holdLease(db, 'campaigns', 10_000, { ...second, now: at(11) })).toBe(true);
		expect(await holdLease(db, 'campaigns', 10_000, { ...first, now: at(12) })).toBe(false);
		expect(await db.select().from(workerLeases)).toEqual([
			{ name: 'campaigns', holder: 'node-b', until: at(21) }
		]);
	});

	it('is renewed by its holder before it runs out', async () => {
		await holdLease(db, 'reminders', 10_000, { ...first, now: at(0) });
		expect(await holdLease(db, 'reminders', 10_000, { ...first, now: at(8) })).toBe(true);
		// Without the renewal it would have run out at 10 s.
		expect(await holdLease(db, 'reminders', 10_000, { ...second, now: at(15) })).toBe(false);
		expect(await holdLease(db, 'reminders', 10_000, { ...second, now: at(19) })).toBe(true);
	});

	it('is one per task: holding one does not hold another', async () => {
		expect(await holdLease(db, 'digest', 10_000, { ...first, now: at(0) })).toBe(true);
		expect(await holdLease(db, 'reports', 10_000, { ...second, now: at(0) })).toBe(true);
	});

	it('goes to exactly one of many nodes asking at the same moment', async () => {
		const nodes = Array.from({ length: 8 }, (_, i) => `node-${i}`);
		const held = await Promise.all(
			nodes.map((holder) => holdLease(db, 'campaigns', 10_000, { holder, now: at(0) }))
		);
		expect(held.filter(Boolean)).toHaveLength(1);
	});

	it('is free for another node as soon as its holder releases it', async () => {
		await holdLease(db, 'campaigns', 60_000, { ...first, now: at(0) });
		await releaseLease(db, 'campaigns', 'node-b');
		expect(await holdLease(db, 'campaigns', 60_000, { ...second, now: at(1) })).toBe(false);
		await releaseLease(db, 'campaigns', 'node-a');
		expect(await holdLease(db, 'campaigns', 60_000, { ...second, now: at(1) })).toBe(true);
	});

	it('names this process by host, process and a random part', () => {
		expect(thisNode).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{8}$`));
	});
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a periodic task run on one node at a time', () => {
	it('runs on one of two nodes whose rounds start together, and is skipped on the other', async () => {
		let running = 0;
		let most = 0;
		const ran: string[] = [];
		const task = (holder: string) =>
			onOneNode(
				db,
				'campaigns',
				async () => {
					most = Math.max(most, ++running);
					ran.push(holder);
					await pause(50);
					running -= 1;
				},
				{ holder, leaseMs: 600 }
			);
		await Promise.all([task('node-a')(), task('node-b')()]);
		expect(most).toBe(1);
		expect(ran).toHaveLength(1);
	});

	it('keeps its lease through a round longer than the lease, so no other node starts it meanwhile', async () => {
		let secondRan = false;
		const long = onOneNode(db, 'reminders', () => pause(700), { holder: 'node-a', leaseMs: 300 });
		const other = onOneNode(
			db,
			'reminders',
			async () => {
				secondRan = true;
			},
			{ holder: 'node-b', leaseMs: 300 }
		);
		const first = long();
		for (let i = 0; i < 5; i++) {
			await pause(120);
			await other();
		}
		await first;
		expect(secondRan).toBe(false);
	});

	it('is taken over by another node once the holder stopped renewing, as a dead node does', async () => {
		await onOneNode(db, 'digest', async () => undefined, { holder: 'node-a', leaseMs: 200 })();
		const ranOnB: boolean[] = [];
		const onB = onOneNode(
			db,
			'digest',
			async () => {
				ranOnB.push(true);
			},
			{ holder: 'node-b', leaseMs: 200 }
		);
		await onB();
		expect(ranOnB).toHaveLength(0);
		await pause(250);
		await onB();
		expect(ranOnB).toHaveLength(1);
	});
});
