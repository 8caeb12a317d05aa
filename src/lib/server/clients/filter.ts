import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ClientFilter } from '../../schemas/client-filter';
import { caseless } from '../db/dialect';
import { engine } from '../db/engine';
import { clients, tags } from '../db/schema';
import { DAY_MS, utcDay } from '../../dates';
import { latestAnswerConditions } from './latest-answers';

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

/**
 * The ids of the clients whose name, company (and email, unless `withEmail` is false) have a word
 * starting with each typed word; null when nothing searchable was typed. SQLite asks FTS5,
 * PostgreSQL the tsvector index of drizzle-pg/0001_search_and_triggers.sql, which splits and folds
 * words the same way (db/pg-search.pg.test.ts compares the two).
 */
export function clientSearchIds(typed: string, withEmail = true): SQL | null {
	const query = searchQuery(typed, withEmail);
	if (query === null) return null;
	return engine === 'postgres'
		? sql`select client_id from clients_search where document @@ search_prefix_query(${typed}, ${withEmail})`
		: sql`select rowid from clients_search where clients_search match ${query}`;
}

/** A bound typed for a number field, as SQLite's `cast(text as real)` reads it: its leading number, or 0. */
function leadingNumber(text: string): number {
	const number = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text);
	return number ? Number(number[0]) : 0;
}

/** SQL conditions on `clients` for a filter; relative dates are resolved against `now`. */
export function filterConditions(filter: ClientFilter, now = new Date()): SQL | undefined {
	const conditions: (SQL | undefined)[] = [];

	const found = filter.search ? clientSearchIds(filter.search) : null;
	if (found) conditions.push(sql`${clients.id} in (${found})`);
	for (const tag of filter.tags ?? []) {
		conditions.push(sql`exists (
			select 1 from client_tags join tags on tags.id = client_tags.tag_id
			where client_tags.client_id = ${clients.id} and ${caseless(tags.name)} = ${caseless(sql`${tag}`)})`);
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
		// Numbers are stored as canonical text; compare them as numbers, not as strings. Each branch
		// compares within one type (PostgreSQL's CASE has one), and the bound is read as a number
		// here: PostgreSQL would cast a typed constant such as a date while planning, even in the
		// branch a date field never takes, and fail.
		const numeric = sql`(select type from attribute_definitions where key = ${attribute.key}) = 'number'`;
		const compared = (operator: '>=' | '<=', bound: string) =>
			sql`case when ${numeric} then cast(${value} as double precision) ${sql.raw(operator)} ${leadingNumber(bound)}
				else ${value} ${sql.raw(operator)} ${bound} end`;
		const parts = [
			attribute.equals !== undefined
				? sql`${caseless(value)} = ${caseless(sql`${attribute.equals}`)}`
				: undefined,
			attribute.min !== undefined ? compared('>=', attribute.min) : undefined,
			attribute.max !== undefined ? compared('<=', attribute.max) : undefined
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
	conditions.push(...latestAnswerConditions(filter, now));
	if (filter.within) conditions.push(filterConditions(filter.within, now));

	return and(...conditions);
}
