import { and, asc, count, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
	activeStatuses,
	isOverdue,
	type CaseStatus,
	type CaseTriggerKind
} from '../../followups/case-model';
import { searchQuery } from '../clients/filter';
import { scopedCases, type Scope } from '../auth/scope';
import type { Queryable } from '../db';
import { engine } from '../db/engine';
import { first } from '../db/queries';
import {
	clients,
	followupCases,
	followupEvents,
	responses,
	reviews,
	surveys,
	surveyVersions,
	users
} from '../db/schema';

/** Which cases to list; every field narrows the list, none lists them all. */
export type CaseQuery = {
	statuses?: readonly CaseStatus[];
	/** A user's id, or null for unassigned cases. */
	assigneeId?: string | null;
	trigger?: CaseTriggerKind;
	overdue?: boolean;
	/** Words of the client's name, email or company (the client search index). */
	search?: string;
	/** False for someone who may not see client emails: finding a case by one would confirm it. */
	searchEmails?: boolean;
	clientId?: number;
	/** The user's scope (src/lib/server/auth/scope.ts): cases outside it are not listed. */
	limit?: Scope | null;
};

function conditions(query: CaseQuery, now: Date): SQL | undefined {
	const parts: (SQL | undefined)[] = [];
	if (query.statuses) parts.push(inArray(followupCases.status, [...query.statuses]));
	if (query.assigneeId === null) parts.push(isNull(followupCases.assigneeId));
	else if (query.assigneeId) parts.push(eq(followupCases.assigneeId, query.assigneeId));
	if (query.trigger)
		parts.push(
			engine === 'postgres'
				? sql`exists (select 1 from json_array_elements_text(${followupCases.trigger} -> 'triggers') as fired(value) where value = ${query.trigger})`
				: sql`exists (select 1 from json_each(${followupCases.trigger}, '$.triggers') where value = ${query.trigger})`
		);
	if (query.overdue)
		parts.push(inArray(followupCases.status, [...activeStatuses]), lt(followupCases.dueAt, now));
	if (query.clientId !== undefined) parts.push(eq(followupCases.clientId, query.clientId));
	if (query.limit) parts.push(scopedCases(query.limit, now));
	if (query.search !== undefined)
		parts.push(clientSearched(query.search, query.searchEmails ?? true));
	return and(...parts);
}

/**
 * The cases whose client the search index finds for `typed`. Nothing searchable typed (only
 * punctuation): nothing matches, rather than everything — on PostgreSQL, search_prefix_query is
 * null then (drizzle-pg/0001).
 */
function clientSearched(typed: string, withEmails: boolean): SQL {
	if (engine === 'postgres')
		return sql`${followupCases.clientId} in (select client_id from clients_search where document @@ search_prefix_query(${typed}, ${withEmails}))`;
	const match = searchQuery(typed, withEmails);
	return match
		? sql`${followupCases.clientId} in (select rowid from clients_search where clients_search match ${match})`
		: sql`0`;
}

const assignees = alias(users, 'assignees');

/** Cases with their client and assignee, for a `where` to narrow. */
const casesWithPeople = (db: Queryable) =>
	db
		.select({
			kase: followupCases,
			client: { id: clients.id, name: clients.name, email: clients.email },
			assignee: { id: assignees.id, name: assignees.name, email: assignees.email }
		})
		.from(followupCases)
		.leftJoin(clients, eq(clients.id, followupCases.clientId))
		.leftJoin(assignees, eq(assignees.id, followupCases.assigneeId));

/** One page of cases, most urgent first (earliest due), with the total for the pager. */
export async function listCases(
	db: Queryable,
	query: CaseQuery,
	page: { limit: number; offset: number },
	now = new Date()
) {
	const where = conditions(query, now);
	const rows = await casesWithPeople(db)
		.where(where)
		.orderBy(asc(followupCases.dueAt), asc(followupCases.id))
		.limit(page.limit)
		.offset(page.offset);
	const total = (await first(db.select({ n: count() }).from(followupCases).where(where)))?.n ?? 0;
	return { items: rows.map((row) => caseView(row, now)), total };
}

type CaseRow = {
	kase: typeof followupCases.$inferSelect;
	client: { id: number | null; name: string | null; email: string | null } | null;
	assignee: { id: string | null; name: string | null; email: string | null } | null;
};

function caseView({ kase, client, assignee }: CaseRow, now: Date) {
	return {
		...kase,
		client: client?.id ? { id: client.id, name: client.name!, email: client.email! } : null,
		assignee: assignee?.id
			? { id: assignee.id, name: assignee.name!, email: assignee.email! }
			: null,
		overdue: isOverdue(kase, now)
	};
}

export type CaseView = ReturnType<typeof caseView>;

/** A case for someone who may not see client contact data: the client's name, not their email. */
export function withoutContactData<T extends CaseView>(
	kase: T
): Omit<T, 'client'> & { client: { id: number; name: string; email: null } | null } {
	return {
		...kase,
		client: kase.client && { id: kase.client.id, name: kase.client.name, email: null }
	};
}

/** A case with what opened it and its full history, oldest first. */
export async function getCase(db: Queryable, id: number, now = new Date()) {
	const row = await first(casesWithPeople(db).where(eq(followupCases.id, id)));
	if (!row) return null;
	const response = row.kase.responseId
		? ((await first(
				db
					.select({
						id: responses.id,
						submittedAt: responses.submittedAt,
						surveyId: surveys.id,
						surveyName: surveys.name,
						version: surveyVersions.version
					})
					.from(responses)
					.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
					.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
					.where(eq(responses.id, row.kase.responseId))
			)) ?? null)
		: null;
	const review = row.kase.reviewId
		? ((await first(
				db
					.select({
						id: reviews.id,
						source: reviews.source,
						author: reviews.author,
						reviewedAt: reviews.reviewedAt
					})
					.from(reviews)
					.where(eq(reviews.id, row.kase.reviewId))
			)) ?? null)
		: null;
	const history = await db
		.select({
			id: followupEvents.id,
			kind: followupEvents.kind,
			code: followupEvents.code,
			params: followupEvents.params,
			detail: followupEvents.detail,
			at: followupEvents.at,
			actor: users.name,
			actorId: followupEvents.actorId
		})
		.from(followupEvents)
		.leftJoin(users, eq(users.id, followupEvents.actorId))
		.where(eq(followupEvents.caseId, id))
		.orderBy(asc(followupEvents.at), asc(followupEvents.id));
	return { ...caseView(row, now), response, review, history };
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof getCase>>>;

/** A client's cases, newest first, for the client card. */
export async function casesOfClient(
	db: Queryable,
	clientId: number,
	limit: Scope | null,
	now = new Date()
) {
	const rows = await db
		.select({
			id: followupCases.id,
			status: followupCases.status,
			trigger: followupCases.trigger,
			dueAt: followupCases.dueAt,
			createdAt: followupCases.createdAt,
			assignee: users.name
		})
		.from(followupCases)
		.leftJoin(users, eq(users.id, followupCases.assigneeId))
		.where(and(eq(followupCases.clientId, clientId), scopedCases(limit, now)))
		.orderBy(desc(followupCases.createdAt), desc(followupCases.id));
	return rows.map((row) => ({ ...row, overdue: isOverdue(row, now) }));
}
