import { and, eq, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { clientFilterSchema, type ClientFilter } from '../../schemas/client-filter';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import {
	campaigns,
	clients,
	followupCases,
	responses,
	responseSegments,
	segments
} from '../db/schema';
import { filterConditions } from '../clients/filter';
import type { SessionUser } from './session';

/**
 * What a scoped user may read: one saved segment. Responses count when their client was in it
 * when answering (as the dashboard's segment filter counts them); clients when they are in it
 * now. docs/security.md explains it.
 */
export type Scope = { segmentId: number; name: string; filter: ClientFilter };

/** The user's scope, or null for every client (owners are never limited). */
export async function scopeOf(
	db: Queryable,
	user: Pick<SessionUser, 'role' | 'scopeSegmentId'>
): Promise<Scope | null> {
	if (user.role === 'owner' || user.scopeSegmentId === null) return null;
	const row = await first(db.select().from(segments).where(eq(segments.id, user.scopeSegmentId)));
	return scopeFrom(user.scopeSegmentId, row);
}

function scopeFrom(segmentId: number, row: typeof segments.$inferSelect | undefined): Scope {
	// The foreign key keeps the segment; a stored filter that no longer parses must not widen anything.
	const filter = clientFilterSchema.safeParse(row?.filter);
	if (!row || !filter.success) throw new Error(`The scope segment ${segmentId} cannot be read.`);
	return { segmentId: row.id, name: row.name, filter: filter.data };
}

/** A dashboard query narrowed to the scope: `filterDimensions` then requires its segment. */
export const scopedQuery = <Q extends object>(
	query: Q,
	scope: Scope | null
): Q & { scopeSegment?: number } => (scope ? { ...query, scopeSegment: scope.segmentId } : query);

/** A client filter narrowed to the scope's clients. */
export const withinScope = (filter: ClientFilter, scope: Scope | null): ClientFilter =>
	scope ? { ...filter, within: scope.filter } : filter;

/** Clients in the scope now; `undefined` (no condition) without a scope. */
export function scopedClients(scope: Scope | null, now = new Date()): SQL | undefined {
	return scope ? (filterConditions(scope.filter, now) ?? sql`1`) : undefined;
}

/** Responses whose client was in the scope's segment when answering. */
export function scopedResponses(scope: Scope | null, responseId: SQLWrapper): SQL | undefined {
	return scope
		? sql`${responseId} in (select ${responseSegments.responseId} from ${responseSegments} where ${responseSegments.segmentId} = ${scope.segmentId})`
		: undefined;
}

/** A case follows its response; a case without one (a review's, an erased response's) its client as now. */
export function scopedCases(scope: Scope | null, now = new Date()): SQL | undefined {
	if (!scope) return undefined;
	return or(
		scopedResponses(scope, followupCases.responseId),
		and(
			isNull(followupCases.responseId),
			sql`${followupCases.clientId} in (select ${clients.id} from ${clients} where ${scopedClients(scope, now)})`
		)
	);
}

/** Campaigns a scoped user may see and run: those sent to their segment, and so only to their clients. */
export const scopedCampaigns = (scope: Scope | null): SQL | undefined =>
	scope ? eq(campaigns.segmentId, scope.segmentId) : undefined;

const exists = async (
	db: Queryable,
	table: typeof clients | typeof followupCases | typeof responses,
	where: SQL | undefined
) => (await first(db.select({ id: table.id }).from(table).where(where).limit(1))) !== undefined;

export const clientInScope = async (
	db: Queryable,
	clientId: number,
	scope: Scope | null,
	now = new Date()
) => !scope || exists(db, clients, and(eq(clients.id, clientId), scopedClients(scope, now)));

export const responseInScope = async (db: Queryable, responseId: number, scope: Scope | null) =>
	!scope ||
	exists(db, responses, and(eq(responses.id, responseId), scopedResponses(scope, responses.id)));

export const caseInScope = async (
	db: Queryable,
	caseId: number,
	scope: Scope | null,
	now = new Date()
) =>
	!scope || exists(db, followupCases, and(eq(followupCases.id, caseId), scopedCases(scope, now)));
