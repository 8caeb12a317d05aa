import { and, lt, like, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { workerLeases } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { holdLease, releaseLease, thisNode } from './lease';

/**
 * How long a node counts as alive after its last heartbeat. Work a node claimed (an email being
 * sent, a webhook being delivered, a job running) goes to the others once its node has been
 * silent this long: it died, or hangs.
 */
export const NODE_LEASE_MS = 20_000;

const NODE_PREFIX = 'node ';
const nodeLease = (node: string) => `${NODE_PREFIX}${node}`;

/**
 * Keeps this node's lease alive while the process runs: renewed four times per lease, so a slow
 * round or two never makes a living node look dead. Returns a clean stop, which gives the lease
 * up at once: what the node still held goes to the others without waiting for it to run out.
 */
export async function startNodeHeartbeat(
	db: Db,
	{ node = thisNode, leaseMs = NODE_LEASE_MS }: { node?: string; leaseMs?: number } = {}
): Promise<() => Promise<void>> {
	const beat = () => holdLease(db, nodeLease(node), leaseMs, { holder: node });
	await beat();
	const timer = setInterval(() => {
		beat().catch((error: unknown) => console.error('The node heartbeat failed:', error));
	}, leaseMs / 4);
	timer.unref();
	return async () => {
		clearInterval(timer);
		await releaseLease(db, nodeLease(node), node);
	};
}

/**
 * True in SQL when the node named in `claimedBy` is alive no more (or none is named: work claimed
 * before nodes were recorded): no lease of its own runs past `now`. Epoch milliseconds, as both
 * engines store timestamps.
 */
export const abandonedBy = (claimedBy: AnyColumn, now: Date): SQL =>
	sql`not exists (select 1 from ${workerLeases} where ${workerLeases.name} = ${NODE_PREFIX} || ${claimedBy} and ${workerLeases.until} > ${now.getTime()})`;

// Dead nodes' leases are kept a day, long enough for anything they held to be taken over.
const FORGOTTEN_AFTER_MS = 24 * 60 * 60 * 1000;

/** Deletes the leases of nodes silent for a day: every restart leaves one behind. */
export async function forgetDeadNodes(db: Db, now = new Date()): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx
			.delete(workerLeases)
			.where(
				and(
					like(workerLeases.name, `${NODE_PREFIX}%`),
					lt(workerLeases.until, new Date(now.getTime() - FORGOTTEN_AFTER_MS))
				)
			);
	});
}
