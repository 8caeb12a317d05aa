import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { outboxMessages, workerLeases } from '../db/schema';
import { openTestDatabase, type TestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { recoverInterruptedSends } from '../mail/delivery';
import { enqueueNotification } from '../mail/queue';
import { createJob, failInterruptedJobs } from './jobs';
import { holdLease, thisNode } from './lease';
import { forgetDeadNodes, NODE_LEASE_MS, startNodeHeartbeat } from './nodes';

let database: TestDatabase;
let db: Db;
beforeEach(async () => {
	database = await openTestDatabase();
	db = database.db;
});
afterEach(() => database.remove());

const later = (ms: number) => new Date(Date.now() + ms);

/** A message `node` took from the outbox and was sending. */
async function sendingOn(node: string | null): Promise<number> {
	return inTransaction(db, async (tx) => {
		const id = await enqueueNotification(tx, 'owner@example.com', {
			subject: 'A new case',
			text: 'A client is unhappy.',
			html: '',
			language: 'en'
		});
		await tx
			.update(outboxMessages)
			.set({ status: 'sending', claimedBy: node })
			.where(eq(outboxMessages.id, id));
		return id;
	});
}

const statusOf = async (id: number) =>
	(await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0]!.status;

describe('the work a node claims', () => {
	it('stays its own while it lives, and goes to the others as soon as it stops cleanly', async () => {
		const stop = await startNodeHeartbeat(db);
		const job = await createJob(db, 'scores', { code: 'scoresStale' }, 10);
		const message = await sendingOn(thisNode);
		expect(await failInterruptedJobs(db, 'scores')).toEqual([]);
		expect(await recoverInterruptedSends(db)).toBe(0);
		expect(await statusOf(message)).toBe('sending');

		await stop();
		expect(await failInterruptedJobs(db, 'scores')).toEqual([{ id: job.id, plan: null }]);
		expect(await recoverInterruptedSends(db)).toBe(1);
		expect(await statusOf(message)).toBe('uncertain');
	});

	it('goes to the others once its node has been silent for its lease: it died', async () => {
		await holdLease(db, `node node-b`, NODE_LEASE_MS, { holder: 'node-b' });
		const message = await sendingOn('node-b');
		expect(await recoverInterruptedSends(db, later(NODE_LEASE_MS - 1_000))).toBe(0);
		expect(await recoverInterruptedSends(db, later(NODE_LEASE_MS + 1_000))).toBe(1);
		expect(await statusOf(message)).toBe('uncertain');
	});

	it('of a node never recorded (from before nodes were) counts as interrupted', async () => {
		const message = await sendingOn(null);
		expect(await recoverInterruptedSends(db)).toBe(1);
		expect(await statusOf(message)).toBe('uncertain');
	});

	it('is taken over by exactly one of several nodes looking at the same moment', async () => {
		await createJob(db, 'sentiment', { code: 'scorerChanged' }, 5);
		await createJob(db, 'sentiment', { code: 'scorerChanged' }, 5);
		const takers = await Promise.all(
			Array.from({ length: 4 }, () => failInterruptedJobs(db, 'sentiment'))
		);
		expect(takers.map((taken) => taken.length).sort()).toEqual([0, 0, 0, 2]);
	});
});

describe('the leases of nodes', () => {
	it('are renewed while the node runs, and forgotten a day after it went silent', async () => {
		const stop = await startNodeHeartbeat(db, { node: 'node-c', leaseMs: 2_000 });
		await new Promise((resolve) => setTimeout(resolve, 3_500));
		const [lease] = await db
			.select()
			.from(workerLeases)
			.where(eq(workerLeases.name, 'node node-c'));
		// Renewed every 500 ms: without it the lease would have run out 1.5 s ago.
		expect(lease!.until.getTime()).toBeGreaterThan(Date.now());
		await stop();

		await holdLease(db, 'node node-d', 1_000, { holder: 'node-d', now: later(-25 * 3600_000) });
		await holdLease(db, 'node node-e', 1_000, { holder: 'node-e', now: later(-23 * 3600_000) });
		await holdLease(db, 'campaigns', 1_000, { holder: 'node-d', now: later(-25 * 3600_000) });
		await forgetDeadNodes(db);
		const names = (await db.select({ name: workerLeases.name }).from(workerLeases)).map(
			({ name }) => name
		);
		expect(names.sort()).toEqual(['campaigns', 'node node-e']);
	});
});
