import {
	and,
	asc,
	count,
	desc,
	eq,
	gt,
	inArray,
	lt,
	sql,
	type SQL,
	type SQLWrapper
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { RecipientQuery } from '../../campaigns/recipient-filter';
import {
	furthestFirst,
	recipientState,
	recipientStates,
	type ReachedState,
	type RecipientState
} from '../../campaigns/recipient-status';
import { outboxResponseText } from '../../mail/outbox-note';
import type { Locale } from '../../paraglide/runtime';
import { scopedCampaigns, type Scope } from '../auth/scope';
import { csvLines } from '../csv-download';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { campaigns, clients, invitations, outboxMessages, segments, surveys } from '../db/schema';
import { inLocale } from '../i18n/in-locale';

/** The campaign, if the user may see it: a scoped user sees only campaigns sent to their segment. */
export async function reachableCampaign(db: Queryable, campaignId: number, limit: Scope | null) {
	return first(
		db
			.select({
				id: campaigns.id,
				name: campaigns.name,
				status: campaigns.status,
				survey: surveys.name,
				segment: segments.name
			})
			.from(campaigns)
			.innerJoin(surveys, eq(surveys.id, campaigns.surveyId))
			.leftJoin(segments, eq(segments.id, campaigns.segmentId))
			.where(and(eq(campaigns.id, campaignId), scopedCampaigns(limit)))
	);
}

/**
 * A page or batch: up to `limit` invitations after or before one invitation, by id, in the order
 * they were made (or backwards, from `before`).
 */
type Window = {
	after?: number | undefined;
	before?: number | undefined;
	backwards?: boolean;
	limit: number;
};
type Bound = Pick<Window, 'after' | 'before'>;

const ofCampaign = (campaignId: number, bound: Bound) =>
	and(
		eq(invitations.campaignId, campaignId),
		bound.after === undefined ? undefined : gt(invitations.id, bound.after),
		bound.before === undefined ? undefined : lt(invitations.id, bound.before)
	);

const reminderArrived = sql`${outboxMessages.kind} = 'reminder' and ${outboxMessages.status} in ('sent', 'stored')`;

/**
 * Per invitation of a set, its newest email and the reminders that reached the mail server: one
 * grouped pass over their emails, not a look-up per row.
 */
const emailsOf = (db: Queryable, ofInvitations: SQLWrapper) =>
	db
		.select({
			invitationId: outboxMessages.invitationId,
			newestId: sql<number>`max(${outboxMessages.id})`.as('newest_id'),
			reminders: sql<number>`sum(case when ${reminderArrived} then 1 else 0 end)`
				.mapWith(Number)
				.as('reminders'),
			lastRemindedAt:
				sql<Date | null>`max(case when ${reminderArrived} then ${outboxMessages.sentAt} end)`
					.mapWith(outboxMessages.sentAt)
					.as('last_reminded_at')
		})
		.from(outboxMessages)
		.where(inArray(outboxMessages.invitationId, ofInvitations))
		.groupBy(outboxMessages.invitationId)
		.as('emails');

const newest = alias(outboxMessages, 'newest');

/**
 * The state of recipient-status.ts in SQL, for filtering and counting: the same conditions per
 * state as `stateReached`, tried furthest first. The states are written as literals (they are
 * the fixed names above, never input): PostgreSQL cannot tell a bound `then` value's type.
 */
const reachedSql: Record<ReachedState, SQL> = {
	sent: sql`(${invitations.sentAt} is not null or ${newest.status} = 'uncertain')`,
	failed: sql`${newest.status} = 'failed'`,
	opened: sql`${invitations.openedAt} is not null`,
	started: sql`${invitations.startedAt} is not null`,
	completed: sql`${invitations.completedAt} is not null`
};
const stateSql = sql<RecipientState>`case ${sql.join(
	furthestFirst.map((state) => sql`when ${reachedSql[state]} then ${sql.raw(`'${state}'`)}`),
	sql` `
)} else 'queued' end`;

/**
 * The recipients of the campaign in the window, in one state if one is asked for. Without a
 * state, the window's invitations are known before their emails are read, so only theirs are;
 * with one, the emails of every invitation beyond the bound are, to find which are in it.
 */
function recipientRows(
	db: Queryable,
	campaignId: number,
	window: Window,
	status: RecipientState | undefined
) {
	const order = window.backwards ? desc(invitations.id) : asc(invitations.id);
	const inBound = db
		.select({ id: invitations.id })
		.from(invitations)
		.where(ofCampaign(campaignId, window));
	const emails = emailsOf(db, status ? inBound : inBound.orderBy(order).limit(window.limit));
	return db
		.select({
			invitationId: invitations.id,
			invitedAt: invitations.createdAt,
			sentAt: invitations.sentAt,
			openedAt: invitations.openedAt,
			startedAt: invitations.startedAt,
			completedAt: invitations.completedAt,
			client: { id: clients.id, name: clients.name, email: clients.email },
			newestEmail: newest.status,
			note: newest.note,
			serverResponse: newest.serverResponse,
			reminders: emails.reminders,
			lastRemindedAt: emails.lastRemindedAt
		})
		.from(invitations)
		.leftJoin(clients, eq(clients.id, invitations.clientId))
		.leftJoin(emails, eq(emails.invitationId, invitations.id))
		.leftJoin(newest, eq(newest.id, emails.newestId))
		.where(
			and(
				ofCampaign(campaignId, window),
				status ? sql`${stateSql} = ${sql.raw(`'${status}'`)}` : undefined
			)
		)
		.orderBy(order)
		.limit(window.limit);
}

type RecipientRow = Awaited<ReturnType<typeof recipientRows>>[number];

/** A recipient as the page and the CSV show them; `client` is null once the client was erased. */
function recipientOf(row: RecipientRow) {
	return {
		invitationId: row.invitationId,
		client: row.client?.id ? row.client : null,
		state: recipientState(row),
		/** The newest email's answer from the mail server, or Satisfy's note on it; null before any. */
		answer: row.newestEmail ? outboxResponseText(row) || null : null,
		reminders: row.reminders ?? 0,
		lastRemindedAt: row.lastRemindedAt ?? null,
		invitedAt: row.invitedAt,
		sentAt: row.sentAt,
		openedAt: row.openedAt,
		startedAt: row.startedAt,
		completedAt: row.completedAt
	};
}
export type Recipient = ReturnType<typeof recipientOf>;

/**
 * One page of a campaign's recipients, in the order they were invited, with the ids that name
 * the pages before and after it (keyset: every page is an index range of the campaign's
 * invitations, at 10,000 recipients as at 10).
 */
export async function recipientPage(
	db: Queryable,
	campaignId: number,
	query: RecipientQuery,
	size = 50
) {
	const backwards = query.before !== undefined;
	const rows = await recipientRows(
		db,
		campaignId,
		{ ...query, backwards, limit: size + 1 },
		query.status
	);
	const more = rows.length > size;
	const shown = rows.slice(0, size);
	if (backwards) shown.reverse();
	const firstId = shown[0]?.invitationId ?? null;
	const lastId = shown.at(-1)?.invitationId ?? null;
	return {
		recipients: shown.map(recipientOf),
		/** `before` for the previous page, null on the first. */
		previous: (backwards ? more : query.after !== undefined) ? firstId : null,
		/** `after` for the next page, null on the last. */
		next: (backwards ? true : more) ? lastId : null
	};
}

/** How many of the campaign's recipients are in each state. */
export async function recipientCounts(
	db: Queryable,
	campaignId: number
): Promise<Record<RecipientState, number>> {
	const emails = emailsOf(
		db,
		db.select({ id: invitations.id }).from(invitations).where(ofCampaign(campaignId, {}))
	);
	const rows = await db
		.select({ state: stateSql, n: count() })
		.from(invitations)
		.leftJoin(emails, eq(emails.invitationId, invitations.id))
		.leftJoin(newest, eq(newest.id, emails.newestId))
		.where(ofCampaign(campaignId, {}))
		.groupBy(stateSql);
	const counts = Object.fromEntries(recipientStates.map((state) => [state, 0])) as Record<
		RecipientState,
		number
	>;
	for (const { state, n } of rows) counts[state] = n;
	return counts;
}

const csvColumns = [
	'invitationId',
	'clientId',
	'name',
	'email',
	'status',
	'serverAnswer',
	'reminders',
	'lastRemindedAt',
	'invitedAt',
	'sentAt',
	'openedAt',
	'startedAt',
	'completedAt'
];
const isoOrEmpty = (date: Date | null) => date?.toISOString() ?? '';

/**
 * The campaign's recipients (in one state, or all) as CSV, a batch at a time in the order they
 * were invited (see `recipientRows` for which emails each batch reads).
 * Satisfy's notes on an email are worded in `locale`, the downloader's: the stream is read after
 * the request's own language context has ended. Erased clients have empty name and email.
 */
export async function* recipientsCsv(
	db: Queryable,
	campaignId: number,
	status: RecipientState | undefined,
	locale: Locale,
	batchSize = 1000
): AsyncGenerator<string> {
	yield csvLines([csvColumns]);
	let after: number | undefined;
	for (;;) {
		const rows = await recipientRows(db, campaignId, { after, limit: batchSize }, status);
		if (!rows.length) return;
		after = rows.at(-1)!.invitationId;
		yield inLocale(locale, () =>
			csvLines(
				rows
					.map(recipientOf)
					.map((recipient) => [
						String(recipient.invitationId),
						recipient.client ? String(recipient.client.id) : '',
						recipient.client?.name ?? '',
						recipient.client?.email ?? '',
						recipient.state,
						recipient.answer ?? '',
						String(recipient.reminders),
						isoOrEmpty(recipient.lastRemindedAt),
						isoOrEmpty(recipient.invitedAt),
						isoOrEmpty(recipient.sentAt),
						isoOrEmpty(recipient.openedAt),
						isoOrEmpty(recipient.startedAt),
						isoOrEmpty(recipient.completedAt)
					])
			)
		);
	}
}
