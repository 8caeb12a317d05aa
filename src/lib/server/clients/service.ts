import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import type { Db } from '../db';
import { caseless, forUpdate, serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { clients, clientTags, tags, users } from '../db/schema';
import type { ClientCard } from './queries';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';
import { needsConfirmation } from '../../clients/bulk-confirmation';

// SQLite caps bound parameters per statement; bulk actions on "all 100,000 results" go in slices.
const SLICE = 500;

async function inSlices(ids: number[], act: (slice: number[]) => Promise<unknown>): Promise<void> {
	for (let start = 0; start < ids.length; start += SLICE)
		await act(ids.slice(start, start + SLICE));
}

async function activeStaffId(db: Db, userId: string): Promise<string | null> {
	const found = await first(
		db
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
	);
	return found?.id ?? null;
}

const tagNamed = (tx: Db, tagName: string) =>
	first(
		tx
			.select()
			.from(tags)
			.where(sql`${caseless(tags.name)} = ${caseless(sql`${tagName}`)}`)
			.limit(1)
	);

export async function tagClients(
	db: Db,
	ids: number[],
	tagName: string,
	actor: Actor
): Promise<number> {
	return inTransaction(db, async (tx) => {
		// A new tag has no row to lock yet: two requests could both find none and create it.
		await serializeOn(tx, `tags:${tagName.toLowerCase()}`);
		const tag =
			(await tagNamed(tx, tagName)) ??
			(await first(tx.insert(tags).values({ name: tagName }).returning()))!;
		await inSlices(ids, (slice) =>
			tx
				.insert(clientTags)
				.values(slice.map((clientId) => ({ clientId, tagId: tag.id })))
				.onConflictDoNothing()
		);
		await recordAudit(tx, actor, 'clients.tag', `clients:${ids.length}`, { tag: tag.name });
		return ids.length;
	});
}

export async function untagClients(
	db: Db,
	ids: number[],
	tagName: string,
	actor: Actor
): Promise<number> {
	return inTransaction(db, async (tx) => {
		const tag = await tagNamed(tx, tagName);
		if (!tag) return 0;
		await inSlices(ids, (slice) =>
			tx
				.delete(clientTags)
				.where(and(eq(clientTags.tagId, tag.id), inArray(clientTags.clientId, slice)))
		);
		await recordAudit(tx, actor, 'clients.untag', `clients:${ids.length}`, { tag: tag.name });
		return ids.length;
	});
}

/** Assigns an active staff user (or nobody, with null) as the clients' account manager. */
export async function assignAccountManager(
	db: Db,
	ids: number[],
	userId: string | null,
	actor: Actor
): Promise<Result> {
	return inTransaction(db, async (tx): Promise<Result> => {
		if (userId !== null && !(await activeStaffId(tx, userId)))
			return refuse(400, m.clients_manager_inactive_refused());
		await inSlices(ids, (slice) =>
			tx
				.update(clients)
				.set({ accountManagerId: userId, updatedAt: new Date() })
				.where(inArray(clients.id, slice))
		);
		await recordAudit(tx, actor, 'clients.assign', `clients:${ids.length}`, {
			accountManagerId: userId
		});
		return { ok: true };
	});
}

/** When someone leaves: all of one manager's clients move to another in one step. */
/**
 * Moves every client of one account manager to another. Moving more than a handful is first
 * confirmed for the number moved (`confirmedCount`): otherwise nothing moves, and `toConfirm` says
 * how many would, counted in the same transaction that moves them once confirmed.
 */
export async function reassignAccountManager(
	db: Db,
	fromUserId: string,
	toUserId: string,
	actor: Actor,
	confirmedCount?: number
): Promise<Result<{ moved: number } | { toConfirm: number }>> {
	if (fromUserId === toUserId) return refuse(400, m.clients_reassign_same_refused());
	return inTransaction(
		db,
		async (tx): Promise<Result<{ moved: number } | { toConfirm: number }>> => {
			if (!(await activeStaffId(tx, toUserId)))
				return refuse(400, m.clients_new_manager_inactive_refused());
			const ofFrom = eq(clients.accountManagerId, fromUserId);
			const count = (await forUpdate(tx.select({ id: clients.id }).from(clients).where(ofFrom)))
				.length;
			if (needsConfirmation(count, confirmedCount)) return { ok: true as const, toConfirm: count };
			const moved = (
				await tx
					.update(clients)
					.set({ accountManagerId: toUserId, updatedAt: new Date() })
					.where(ofFrom)
					.returning({ id: clients.id })
			).length;
			await recordAudit(tx, actor, 'clients.reassign', `clients:${moved}`, {
				fromUserId,
				toUserId
			});
			return { ok: true as const, moved };
		}
	);
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
