import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ClientFilter } from '../../schemas/client-filter';
import { clients } from '../db/schema';
import { DAY_MS, utcDay } from '../../dates';

/** `YYYY-MM-DD` of the UTC day `days` from `now`. */
export function dayOffset(now: Date, days: number): string {
	return utcDay(now.getTime() + days * DAY_MS);
}

/**
 * Turns what someone typed into an FTS5 query: every word must match the start of a word in the
 * name, email or company (or only in the name and company, `withEmail` false). Quoting each word
 * keeps FTS5 operators (OR, NEAR, *) from leaking in.
 */
export function searchQuery(text: string, withEmail = true): string | null {
	const words = text
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
	if (!words.length) return null;
	const query = words.map((word) => `"${word}"*`).join(' ');
	return withEmail ? query : `{name company} : (${query})`;
}

/** SQL conditions on `clients` for a filter; relative dates are resolved against `now`. */
export function filterConditions(filter: ClientFilter, now = new Date()): SQL | undefined {
	const conditions: (SQL | undefined)[] = [];

	const query = filter.search ? searchQuery(filter.search) : null;
	if (query) {
		conditions.push(
			sql`${clients.id} in (select rowid from clients_search where clients_search match ${query})`
		);
	}
	for (const tag of filter.tags ?? []) {
		conditions.push(sql`exists (
			select 1 from client_tags join tags on tags.id = client_tags.tag_id
			where client_tags.client_id = ${clients.id} and tags.name = ${tag} collate nocase)`);
	}
	if (filter.languages?.length) conditions.push(inArray(clients.language, filter.languages));
	if (filter.accountManager === 'none') {
		conditions.push(
			or(
				isNull(clients.accountManagerId),
				sql`${clients.accountManagerId} in (select id from users where deactivated_at is not null)`
			)
		);
	} else if (filter.accountManager) {
		conditions.push(eq(clients.accountManagerId, filter.accountManager));
	}
	for (const attribute of filter.attributes ?? []) {
		const value = sql`client_attributes.value`;
		// Numbers are stored as canonical text; compare them as numbers, not as strings.
		const numeric = sql`(select type from attribute_definitions where key = ${attribute.key}) = 'number'`;
		const comparable = sql`case when ${numeric} then cast(${value} as real) else ${value} end`;
		const bound = (text: string) =>
			sql`case when ${numeric} then cast(${text} as real) else ${text} end`;
		const parts = [
			attribute.equals !== undefined
				? sql`${value} = ${attribute.equals} collate nocase`
				: undefined,
			attribute.min !== undefined ? sql`${comparable} >= ${bound(attribute.min)}` : undefined,
			attribute.max !== undefined ? sql`${comparable} <= ${bound(attribute.max)}` : undefined
		].filter((part): part is SQL => part !== undefined);
		conditions.push(sql`exists (
			select 1 from client_attributes
			where client_attributes.client_id = ${clients.id}
			and client_attributes.attribute_id = (select id from attribute_definitions where key = ${attribute.key})
			${parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``})`);
	}
	if (filter.noAnswerInDays !== undefined) {
		const since = new Date(now.getTime() - filter.noAnswerInDays * DAY_MS);
		conditions.push(or(isNull(clients.lastAnsweredAt), lt(clients.lastAnsweredAt, since)));
	}
	if (filter.noPurchaseInDays !== undefined) {
		// Lapsing regulars: they did buy, but not lately. Clients who never bought are not lapsing.
		conditions.push(lt(clients.lastPurchaseOn, dayOffset(now, -filter.noPurchaseInDays)));
	}
	if (filter.renewalInDays) {
		conditions.push(
			gte(clients.renewalOn, dayOffset(now, filter.renewalInDays.from)),
			lte(clients.renewalOn, dayOffset(now, filter.renewalInDays.to))
		);
	}
	if (filter.reachability === 'reachable')
		conditions.push(isNotNull(clients.consentAt), isNull(clients.unsubscribedAt));
	if (filter.reachability === 'unsubscribed') conditions.push(isNotNull(clients.unsubscribedAt));
	if (filter.reachability === 'no-consent') conditions.push(isNull(clients.consentAt));
	if (filter.within) conditions.push(filterConditions(filter.within, now));

	return and(...conditions);
}
