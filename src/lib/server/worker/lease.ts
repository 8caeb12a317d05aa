import { and, eq, lt, or } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db';
import { workerLeases } from '../db/schema';
import { inTransaction } from '../db/transaction';

/** This process among the app's nodes: a restarted process is a new holder, whose leases are new. */
export const thisNode = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * Takes the lease on `name` for `ms`, or renews it: true when `holder` holds it now. A lease held
 * by another node is taken only once it has run out — its holder stopped renewing it, having died
 * or hung — so two nodes never both hold it while their clocks agree to within the lease.
 */
export function holdLease(
	db: Db,
	name: string,
	ms: number,
	{ holder = thisNode, now = new Date() }: { holder?: string; now?: Date } = {}
): Promise<boolean> {
	const until = new Date(now.getTime() + ms);
	return inTransaction(db, async (tx) => {
		// One statement either engine runs atomically: a node that loses the race updates nothing.
		const held = await tx
			.insert(workerLeases)
			.values({ name, holder, until })
			.onConflictDoUpdate({
				target: workerLeases.name,
				set: { holder, until },
				setWhere: or(eq(workerLeases.holder, holder), lt(workerLeases.until, now))
			})
			.returning({ holder: workerLeases.holder });
		return held.length > 0;
	});
}

/** Gives the lease up at once, for another node to take at its next round: a clean stop. */
export function releaseLease(db: Db, name: string, holder = thisNode): Promise<void> {
	return inTransaction(db, async (tx) => {
		await tx
			.delete(workerLeases)
			.where(and(eq(workerLeases.name, name), eq(workerLeases.holder, holder)));
	});
}

// Renewed every third of it while a round runs: a node that died hands its tasks on within this.
const ROUND_LEASE_MS = 15_000;

/**
 * `round` as a periodic task that one node runs at a time (campaigns, reminders, digests…): it
 * runs where the task's lease is held, taken or renewed as the round starts and renewed while it
 * runs, however long; elsewhere it is skipped. A node that dies stops renewing, and another takes
 * the task over once the lease has run out. Clocks of the nodes must agree to well within it.
 */
export function onOneNode(
	db: Db,
	name: string,
	round: () => Promise<unknown>,
	{ leaseMs = ROUND_LEASE_MS, holder = thisNode }: { leaseMs?: number; holder?: string } = {}
): () => Promise<void> {
	return async () => {
		if (!(await holdLease(db, name, leaseMs, { holder }))) return;
		const renewal = setInterval(() => {
			holdLease(db, name, leaseMs, { holder }).catch((error: unknown) =>
				console.error(`The lease on ${name} could not be renewed:`, error)
			);
		}, leaseMs / 3);
		try {
			await round();
		} finally {
			clearInterval(renewal);
		}
	};
}
