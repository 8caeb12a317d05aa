import { and, desc, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { AuditActor } from '../../audit-log';
import type { AuditFilter } from '../../schemas/audit-filter';
import type { Queryable } from '../db';
import { apiKeys, auditLog, clients, csiModels, surveys, users, webhooks } from '../db/schema';
import { DAY_MS } from '../../dates';

export type AuditEntry = {
	id: number;
	at: Date;
	actor: AuditActor;
	action: string;
	subject: string;
	details: unknown;
};

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

function conditions(filter: AuditFilter): (SQL | undefined)[] {
	const [kind, id = ''] = filter.actor?.split(':') ?? [];
	return [
		kind === 'user' ? eq(auditLog.actorUserId, id) : undefined,
		kind === 'key' ? eq(auditLog.actorApiKeyId, id) : undefined,
		kind === 'none' ? and(isNull(auditLog.actorUserId), isNull(auditLog.actorApiKeyId)) : undefined,
		filter.action ? eq(auditLog.action, filter.action) : undefined,
		filter.subject ? eq(auditLog.subject, filter.subject) : undefined,
		filter.from ? gte(auditLog.at, dayStart(filter.from)) : undefined,
		filter.to ? lt(auditLog.at, new Date(dayStart(filter.to).getTime() + DAY_MS)) : undefined
	];
}

/** Up to `limit` entries older than `cursor` (an id), newest first: ids grow as entries are written. */
async function entriesBefore(
	db: Queryable,
	filter: AuditFilter,
	cursor: number | undefined,
	limit: number
): Promise<AuditEntry[]> {
	const rows = await db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			subject: auditLog.subject,
			details: auditLog.details,
			userId: users.id,
			userName: users.name,
			userEmail: users.email,
			keyId: apiKeys.id,
			keyName: apiKeys.name
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorUserId))
		.leftJoin(apiKeys, eq(apiKeys.id, auditLog.actorApiKeyId))
		.where(and(...conditions(filter), cursor ? lt(auditLog.id, cursor) : undefined))
		.orderBy(desc(auditLog.id))
		.limit(limit);
	return rows.map(({ userId, userName, userEmail, keyId, keyName, ...entry }) => ({
		...entry,
		actor: userId
			? { kind: 'user', id: userId, name: userName!, email: userEmail! }
			: keyId
				? { kind: 'key', id: keyId, name: keyName! }
				: null
	}));
}

/**
 * One page of the filtered log, newest first, and the cursor of the next page (null on the last).
 * Keyset paging along the id: each page is an index range, however deep.
 */
export async function auditPage(
	db: Queryable,
	filter: AuditFilter
): Promise<{ entries: AuditEntry[]; nextCursor: number | null }> {
	const entries = await entriesBefore(db, filter, filter.cursor, filter.limit + 1);
	const more = entries.length > filter.limit;
	if (more) entries.pop();
	return { entries, nextCursor: more ? entries.at(-1)!.id : null };
}

/** Every entry the filter matches from its cursor on, a batch at a time, so a CSV of 100,000 never sits in memory. */
export async function* auditBatches(
	db: Queryable,
	filter: AuditFilter,
	batchSize = 1000
): AsyncGenerator<AuditEntry[]> {
	let cursor = filter.cursor;
	for (;;) {
		const batch = await entriesBefore(db, filter, cursor, batchSize);
		if (batch.length) yield batch;
		if (batch.length < batchSize) return;
		cursor = batch.at(-1)!.id;
	}
}

// Records with a page of their own, by the kind a subject names (`client:42`).
const recordPages = {
	client: { table: clients, page: '/clients/' },
	survey: { table: surveys, page: '/surveys/' },
	model: { table: csiModels, page: '/factors/' },
	webhook: { table: webhooks, page: '/settings/webhooks/' }
} as const;

function subjectRecord(subject: string): { kind: keyof typeof recordPages; id: number } | null {
	const [, kind = '', id] = /^(\w+):(\d{1,15})$/.exec(subject) ?? [];
	if (!Object.hasOwn(recordPages, kind)) return null;
	return { kind: kind as keyof typeof recordPages, id: Number(id) };
}

/** The page of each subject whose record still exists; an erased client's entries link nowhere. */
export async function subjectLinks(
	db: Queryable,
	subjects: string[]
): Promise<Map<string, string>> {
	const links = new Map<string, string>();
	const records = subjects.map(subjectRecord).filter((record) => record !== null);
	for (const [kind, { table, page }] of Object.entries(recordPages)) {
		const ids = [...new Set(records.filter((record) => record.kind === kind).map(({ id }) => id))];
		if (!ids.length) continue;
		for (const { id } of await db
			.select({ id: table.id })
			.from(table)
			.where(inArray(table.id, ids)))
			links.set(`${kind}:${id}`, `${page}${id}`);
	}
	return links;
}

/** The log's distinct actions, for the filter's choices (read along the action index). */
export async function auditActions(db: Queryable): Promise<string[]> {
	const rows = await db
		.selectDistinct({ action: auditLog.action })
		.from(auditLog)
		.orderBy(auditLog.action);
	return rows.map(({ action }) => action);
}

/** A page as `GET /api/v1/audit` answers it. */
export const auditPageJson = ({ entries, nextCursor }: Awaited<ReturnType<typeof auditPage>>) => ({
	items: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
	nextCursor
});
