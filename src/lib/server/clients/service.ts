import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAuditSync, type Actor } from '../audit';
import type { Db } from '../db';
import { clients, clientTags, tags, users } from '../db/schema';
import type { ClientCard } from './queries';
import { refuse, type Result } from '../../result';

// SQLite caps bound parameters per statement; bulk actions on "all 100,000 results" go in slices.
const SLICE = 500;

function inSlices(ids: number[], act: (slice: number[]) => void): void {
	for (let start = 0; start < ids.length; start += SLICE) act(ids.slice(start, start + SLICE));
}

function activeStaffId(db: Db, userId: string): string | null {
	return (
		db
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
			.get()?.id ?? null
	);
}

export function tagClients(db: Db, ids: number[], tagName: string, actor: Actor): number {
	return db.transaction((tx) => {
		const tag =
			tx
				.select()
				.from(tags)
				.where(sql`${tags.name} = ${tagName} collate nocase`)
				.get() ?? tx.insert(tags).values({ name: tagName }).returning().get();
		inSlices(ids, (slice) => {
			tx.insert(clientTags)
				.values(slice.map((clientId) => ({ clientId, tagId: tag.id })))
				.onConflictDoNothing()
				.run();
		});
		recordAuditSync(tx, actor, 'clients.tag', `clients:${ids.length}`, { tag: tag.name });
		return ids.length;
	});
}

export function untagClients(db: Db, ids: number[], tagName: string, actor: Actor): number {
	return db.transaction((tx) => {
		const tag = tx
			.select()
			.from(tags)
			.where(sql`${tags.name} = ${tagName} collate nocase`)
			.get();
		if (!tag) return 0;
		inSlices(ids, (slice) => {
			tx.delete(clientTags)
				.where(and(eq(clientTags.tagId, tag.id), inArray(clientTags.clientId, slice)))
				.run();
		});
		recordAuditSync(tx, actor, 'clients.untag', `clients:${ids.length}`, { tag: tag.name });
		return ids.length;
	});
}

/** Assigns an active staff user (or nobody, with null) as the clients' account manager. */
export function assignAccountManager(
	db: Db,
	ids: number[],
	userId: string | null,
	actor: Actor
): Result {
	if (userId !== null && !activeStaffId(db, userId))
		return refuse(400, 'Choose an active staff user as account manager.');
	db.transaction((tx) => {
		inSlices(ids, (slice) => {
			tx.update(clients)
				.set({ accountManagerId: userId, updatedAt: new Date() })
				.where(inArray(clients.id, slice))
				.run();
		});
		recordAuditSync(tx, actor, 'clients.assign', `clients:${ids.length}`, {
			accountManagerId: userId
		});
	});
	return { ok: true };
}

/** When someone leaves: all of one manager's clients move to another in one step. */
export function reassignAccountManager(
	db: Db,
	fromUserId: string,
	toUserId: string,
	actor: Actor
): Result<{ moved: number }> {
	if (fromUserId === toUserId) return refuse(400, 'Choose two different people.');
	if (!activeStaffId(db, toUserId))
		return refuse(400, 'The new account manager must be an active staff user.');
	return db.transaction((tx) => {
		const moved = tx
			.update(clients)
			.set({ accountManagerId: toUserId, updatedAt: new Date() })
			.where(eq(clients.accountManagerId, fromUserId))
			.returning({ id: clients.id })
			.all().length;
		recordAuditSync(tx, actor, 'clients.reassign', `clients:${moved}`, { fromUserId, toUserId });
		return { ok: true as const, moved };
	});
}

/** A client as the API and the data export present it. */
export function clientJson(client: ClientCard) {
	return {
		id: client.id,
		email: client.email,
		name: client.name,
		phone: client.phone,
		company: client.company,
		language: client.language,
		tags: client.tags,
		attributes: Object.fromEntries(
			client.attributes.map((attribute) => [attribute.key, attribute.value])
		),
		accountManager: client.accountManager?.id
			? { name: client.accountManager.name!, email: client.accountManager.email! }
			: null,
		clientSince: client.clientSince,
		lastPurchaseOn: client.lastPurchaseOn,
		renewalOn: client.renewalOn,
		annualValue: client.annualValue,
		consent: client.consentAt
			? { at: client.consentAt.toISOString(), source: client.consentSource }
			: null,
		unsubscribedAt: client.unsubscribedAt?.toISOString() ?? null,
		lastAnsweredAt: client.lastAnsweredAt?.toISOString() ?? null,
		createdAt: client.createdAt.toISOString(),
		updatedAt: client.updatedAt.toISOString()
	};
}
