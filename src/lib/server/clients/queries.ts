import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ClientFilter, ClientSort } from '../../schemas/client-filter';
import type { Queryable } from '../db';
import { caseless } from '../db/dialect';
import { first } from '../db/queries';
import {
	attributeDefinitions,
	clientAttributes,
	clients,
	clientTags,
	tags,
	users
} from '../db/schema';
import { filterConditions } from './filter';

/** Ids per statement, under SQLite's cap on bound parameters. */
const ID_SLICE = 500;

const sortColumns = {
	name: caseless(clients.name),
	email: sql`${clients.email}`,
	company: caseless(clients.company),
	language: sql`${clients.language}`,
	renewalOn: sql`${clients.renewalOn}`,
	lastPurchaseOn: sql`${clients.lastPurchaseOn}`,
	annualValue: sql`${clients.annualValue}`,
	createdAt: sql`${clients.createdAt}`
} satisfies Record<ClientSort['key'], SQL>;

export type ClientListItem = Awaited<ReturnType<typeof listClients>>['items'][number];

type Page = { sort: ClientSort; limit: number; offset: number };

/** The query behind one page of the list; kept separate so tests can EXPLAIN the real thing. */
export function clientPageQuery(db: Queryable, filter: ClientFilter, page: Page, now = new Date()) {
	const order = page.sort.direction === 'asc' ? asc : desc;
	return db
		.select({
			id: clients.id,
			name: clients.name,
			email: clients.email,
			company: clients.company,
			language: clients.language,
			renewalOn: clients.renewalOn,
			lastPurchaseOn: clients.lastPurchaseOn,
			annualValue: clients.annualValue,
			consentAt: clients.consentAt,
			unsubscribedAt: clients.unsubscribedAt,
			accountManagerId: clients.accountManagerId,
			accountManagerName: users.name
		})
		.from(clients)
		.leftJoin(users, eq(users.id, clients.accountManagerId))
		.where(filterConditions(filter, now))
		.orderBy(order(sortColumns[page.sort.key]), order(clients.id))
		.limit(page.limit)
		.offset(page.offset);
}

/** One page of clients matching a filter, with the total for the pager. */
export async function listClients(
	db: Queryable,
	filter: ClientFilter,
	page: Page,
	now = new Date()
) {
	const rows = await clientPageQuery(db, filter, page, now);
	const tagsByClient = await tagNamesFor(
		db,
		rows.map((row) => row.id)
	);
	return {
		items: rows.map((row) => ({ ...row, tags: tagsByClient.get(row.id) ?? [] })),
		total: await countClients(db, filter, now)
	};
}

export async function countClients(
	db: Queryable,
	filter: ClientFilter,
	now = new Date()
): Promise<number> {
	return (
		(await first(db.select({ n: count() }).from(clients).where(filterConditions(filter, now))))
			?.n ?? 0
	);
}

/** Ids of every client a filter matches: for bulk actions on "all results", not just one page. */
export async function clientIdsMatching(
	db: Queryable,
	filter: ClientFilter,
	now = new Date()
): Promise<number[]> {
	const rows = await db
		.select({ id: clients.id })
		.from(clients)
		.where(filterConditions(filter, now));
	return rows.map((row) => row.id);
}

async function tagNamesFor(db: Queryable, clientIds: number[]): Promise<Map<number, string[]>> {
	const byClient = new Map<number, string[]>();
	if (!clientIds.length) return byClient;
	const rows = await db
		.select({ clientId: clientTags.clientId, name: tags.name })
		.from(clientTags)
		.innerJoin(tags, eq(tags.id, clientTags.tagId))
		.where(inArray(clientTags.clientId, clientIds))
		.orderBy(caseless(tags.name));
	for (const row of rows)
		byClient.set(row.clientId, [...(byClient.get(row.clientId) ?? []), row.name]);
	return byClient;
}

/** Every tag with the number of clients carrying it, for filters and pickers. */
export async function listTags(db: Queryable) {
	return db
		.select({ id: tags.id, name: tags.name, clients: count(clientTags.clientId) })
		.from(tags)
		.leftJoin(clientTags, eq(clientTags.tagId, tags.id))
		.groupBy(tags.id)
		.orderBy(caseless(tags.name));
}

/** One client with everything the client card shows. */
export async function getClient(db: Queryable, id: number) {
	const client = await first(
		db
			.select({
				client: clients,
				accountManager: {
					id: users.id,
					name: users.name,
					email: users.email,
					deactivatedAt: users.deactivatedAt
				}
			})
			.from(clients)
			.leftJoin(users, eq(users.id, clients.accountManagerId))
			.where(eq(clients.id, id))
	);
	if (!client) return null;
	const attributes = await db
		.select({
			key: attributeDefinitions.key,
			label: attributeDefinitions.label,
			type: attributeDefinitions.type,
			value: clientAttributes.value
		})
		.from(clientAttributes)
		.innerJoin(attributeDefinitions, eq(attributeDefinitions.id, clientAttributes.attributeId))
		.where(eq(clientAttributes.clientId, id))
		.orderBy(asc(attributeDefinitions.label));
	return {
		...client.client,
		accountManager: client.accountManager,
		tags: (await tagNamesFor(db, [id])).get(id) ?? [],
		attributes
	};
}

export type ClientCard = NonNullable<Awaited<ReturnType<typeof getClient>>>;

/** Active staff who can be account managers, with how many clients each has. */
export async function accountManagerLoad(db: Queryable) {
	return db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			deactivatedAt: users.deactivatedAt,
			clients: count(clients.id)
		})
		.from(users)
		.leftJoin(clients, eq(clients.accountManagerId, users.id))
		.groupBy(users.id)
		.orderBy(asc(users.name));
}

/** A staff member's name, to word a question about them; their id when there is none. */
export async function staffName(db: Queryable, id: string): Promise<string> {
	const user = await first(db.select({ name: users.name }).from(users).where(eq(users.id, id)));
	return user?.name ?? id;
}

export async function clientExists(db: Queryable, id: number): Promise<boolean> {
	return (
		(await first(db.select({ id: clients.id }).from(clients).where(eq(clients.id, id)))) !==
		undefined
	);
}

/** The ids in a selection that are no client (never were, or erased meanwhile), each once, in order. */
/** The ids that name no client — or none the filter matches (a scoped user's reach, say). */
export async function unknownClientIds(
	db: Queryable,
	ids: number[],
	among: ClientFilter = {}
): Promise<number[]> {
	const known = filterConditions(among);
	const wanted = [...new Set(ids)];
	const found = new Set<number>();
	// In slices: a selection may be larger than SQLite's parameter cap.
	for (let start = 0; start < wanted.length; start += ID_SLICE) {
		const rows = await db
			.select({ id: clients.id })
			.from(clients)
			.where(and(inArray(clients.id, wanted.slice(start, start + ID_SLICE)), known));
		for (const row of rows) found.add(row.id);
	}
	return wanted.filter((id) => !found.has(id));
}

/** Languages clients have, most common first, for the language filter. */
export async function usedLanguages(db: Queryable) {
	return db
		.select({ language: clients.language, clients: count() })
		.from(clients)
		.groupBy(clients.language)
		.orderBy(desc(count()));
}
