import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { workerLeases } from '../db/schema';
import { openTestDatabase, type TestDatabase } from '../db/test-database';
import { holdLease, releaseLease, thisNode } from './lease';

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
