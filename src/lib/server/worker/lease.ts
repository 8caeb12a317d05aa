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
