import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { InboxCursor, InboxFilter } from '../../schemas/inbox-filter';
import type { SentimentChoice } from '../../schemas/review-filter';
import { searchQuery } from '../clients/filter';
import { listSegmentNames } from '../clients/segments';
import { listTopics, mentionsTopic } from '../sentiment/topics';
import type { Queryable } from '../db';
import { joinedTexts, jsonArrayOf } from '../db/dialect';
import { engine } from '../db/engine';
import { first } from '../db/queries';
import {
	answers,
	clients,
	followupCases,
	responses,
	responseSegments,
	responseTags,
	surveys,
	surveyVersions
} from '../db/schema';

export const INBOX_PAGE_SIZE = 50;

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/**
 * How SQLite is to find a filter's responses. `byFilter`: every condition with an index of its
 * own may drive the query, and SQLite picks one. `{ leading }`: that filter's index finds the
 * candidates and every other filter is checked on each — right when few responses match, with the
 * rarest filter leading. `byDate`: the responses are read newest first along the date index and
 * each is checked on its own, so a page stops after its 50 — right when many match, where sorting
 * every match would cost. SQLite has no statistics to choose by itself (no ANALYZE), so
 * `inboxPage` counts: the rarest filter leads, and beyond the cap the page is read by date.
 */
export type InboxPlan = 'byFilter' | 'byDate' | { leading: InboxLead };

/** The filters whose matches an index of their own finds ("without a case" has none: nearly every response). */
export type InboxLead =
	| 'survey'
	| 'period'
	| 'segment'
	| 'scope'
	| 'score'
	| 'sentiment'
	| 'search'
	| 'case'
	| 'tag'
	| 'client';

/**
 * One filter's condition in two forms: `index` lets its index find the candidates, `check` tests
 * one response at a time (the unary + hides an index of `responses` from SQLite's choice).
 * `candidates` selects what its index finds, counted to choose the filter that leads; `lead` names
 * the filter, null when it has no index to lead with.
 */
type Part = { lead: InboxLead | null; index: SQL; check: SQL; candidates: SQL | null };

/** A condition on a column of `responses`, with its index or without it. */
function onColumn(lead: InboxLead, condition: (column: SQL) => SQL, column: AnySQLiteColumn): Part {
	return {
		lead,
		index: condition(sql`${column}`),
		check: condition(sql`+${column}`),
		candidates: sql`select 1 from ${responses} where ${condition(sql`${column}`)}`
	};
}

/** Responses with a row in another table that meets `condition`: a set to start from, or a check per response. */
function linked(
	lead: InboxLead | null,
	table: SQLiteTable,
	responseId: AnySQLiteColumn,
	condition: SQL
): Part {
	return {
		lead,
		index: sql`${responses.id} in (select ${responseId} from ${table} where ${condition})`,
		check: sql`exists (select 1 from ${table} where ${responseId} = ${responses.id} and ${condition})`,
		candidates: sql`select 1 from ${table} where ${condition}`
	};
}

/**
 * The ids of the responses whose open answers have a word starting with each typed word; null
 * when nothing searchable was typed. SQLite asks FTS5, PostgreSQL the tsvector index of
 * drizzle-pg/0001_search_and_triggers.sql, which splits and folds words the same way.
 */
function responseSearchIds(typed: string): SQL | null {
	const query = searchQuery(typed);
	if (query === null) return null;
	return engine === 'postgres'
		? sql`select response_id from response_texts where document @@ search_prefix_query(${typed})`
		: sql`select rowid from response_texts where response_texts match ${query}`;
}

/** Each filter of `filter` as a `Part`, in the order their checks are best tried (cheapest first). */
function filterParts(filter: InboxFilter): Part[] {
	const search = filter.search ? responseSearchIds(filter.search) : null;
	const survey = sql`(select ${surveyVersions.id} from ${surveyVersions} where ${surveyVersions.surveyId} = ${filter.survey ?? null})`;
	const from = filter.from === undefined ? null : dayStart(filter.from).getTime();
	const to = filter.to === undefined ? null : dayAfter(filter.to).getTime();
	const period = (at: SQL) =>
		sql.join(
			[
				from === null ? [] : [sql`${at} >= ${from}`],
				to === null ? [] : [sql`${at} < ${to}`]
			].flat(),
			sql` and `
		);
	const hasCase = linked(
		'case',
		followupCases,
		followupCases.responseId,
		sql`${followupCases.responseId} is not null`
	);
	const parts: (Part | null)[] = [
		filter.client === undefined
			? null
			: onColumn('client', (column) => sql`${column} = ${filter.client}`, responses.clientId),
		from === null && to === null ? null : onColumn('period', period, responses.submittedAt),
		// The survey's index holds the date too: leading, it narrows by both.
		filter.survey === undefined
			? null
			: {
					...onColumn('survey', (column) => sql`${column} in ${survey}`, responses.surveyVersionId),
					candidates: sql`select 1 from ${responses} where ${responses.surveyVersionId} in ${survey}${
						from === null && to === null
							? sql``
							: sql` and ${period(sql`${responses.submittedAt}`)}`
					}`
				},
		filter.minScore === undefined && filter.maxScore === undefined
			? null
			: onColumn(
					'score',
					(column) =>
						sql.join(
							[
								filter.minScore === undefined ? [] : [sql`${column} >= ${filter.minScore}`],
								filter.maxScore === undefined ? [] : [sql`${column} <= ${filter.maxScore}`]
							].flat(),
							sql` and `
						),
					responses.score
				),
		filter.tag === undefined
			? null
			: linked(
					'tag',
					responseTags,
					responseTags.responseId,
					sql`${responseTags.tag} = ${filter.tag}`
				),
		filter.case === undefined
			? null
			: filter.case === 'with'
				? hasCase
				: {
						lead: null,
						index: sql`not ${hasCase.check}`,
						check: sql`not ${hasCase.check}`,
						candidates: null
					},
		// The segments the client was in when answering, as the dashboard counts them; the
		// user's scope is one more such segment, which every response must also be in.
		...(
			[
				['segment', filter.segment],
				['scope', filter.scopeSegment]
			] as const
		).map(([lead, segment]) =>
			segment === undefined
				? null
				: linked(
						lead,
						responseSegments,
						responseSegments.responseId,
						sql`${responseSegments.segmentId} = ${segment}`
					)
		),
		// A response "is" negative when one of its open answers is: the inbox finds every text of that tone.
		filter.sentiment === undefined
			? null
			: linked(
					'sentiment',
					answers,
					answers.responseId,
					sql`${answers.text} is not null and ${
						filter.sentiment === 'not-scored'
							? sql`${answers.sentimentLabel} is null`
							: sql`${answers.sentimentLabel} = ${filter.sentiment}`
					}`
				),
		// No index knows the topics inside a detail: each response is checked, never a start.
		filter.topic === undefined
			? null
			: linked(
					null,
					answers,
					answers.responseId,
					mentionsTopic(answers.sentimentDetail, filter.topic)
				),
		// The index answers a search with all its matches at once: a set to start from, or to check each response against.
		search === null
			? null
			: {
					lead: 'search',
					index: sql`${responses.id} in (${search})`,
					check: sql`+${responses.id} in (${search})`,
					candidates: search
				}
	];
	return parts.filter((part) => part !== null);
}

/**
 * The conditions on `responses` of one inbox filter: the one place that decides which responses
 * an inbox query sees (the list, its count, a client card's responses), so a rule about who may
 * see what belongs here too. Each condition is an index lookup or a check on one row.
 */
export function inboxConditions(
	filter: InboxFilter,
	plan: InboxPlan = 'byFilter'
): SQL | undefined {
	// Reading by date, the period narrows the date index's range.
	const leads = (lead: InboxLead | null) =>
		plan === 'byFilter' ||
		(plan === 'byDate' ? lead === 'period' : lead === plan.leading) ||
		(lead === 'period' && typeof plan === 'object' && plan.leading === 'survey');
	return and(...filterParts(filter).map((part) => (leads(part.lead) ? part.index : part.check)));
}

/**
 * Past this many candidates a filter does not lead: SQLite would first collect them all, while
 * reading the responses in turn and checking each finds 10,001 matches sooner when every filter
 * is met by this many or more. Counting up to it costs a few milliseconds a filter.
 */
const LEADS_BELOW = 100_000;

/**
 * The filter whose own index finds the fewest candidates, to lead the query; null when no filter
 * has such an index or every one finds `LEADS_BELOW` or more, and the responses are read in turn.
 */
export async function leadingFilter(db: Queryable, filter: InboxFilter): Promise<InboxLead | null> {
	let best: { lead: InboxLead; count: number } | null = null;
	for (const { lead, candidates } of filterParts(filter)) {
		if (lead === null || candidates === null) continue;
		const counted = await first(
			db.select({ count: count() }).from(sql`(${candidates} limit ${LEADS_BELOW}) as candidates`)
		);
		const found = counted?.count ?? 0;
		if (found < LEADS_BELOW && (best === null || found < best.count)) best = { lead, count: found };
	}
	return best?.lead ?? null;
}

// Newest first; ties (an import gives many responses one time) broken by id, so pages never overlap.
const position = sql`(${responses.submittedAt}, ${responses.id})`;
const at = (cursor: Pick<InboxCursor, 'submittedAt' | 'id'>) =>
	sql`(${cursor.submittedAt}, ${cursor.id})`;

type Boundary = { id: number; submittedAt: Date };

/** A page and whether more lie beyond it, older and newer. */
type Slice = { page: Boundary[]; olderExists: boolean; newerExists: boolean };

/** Many matches: a page read along the date index from the cursor, each response checked as it comes. */
async function pageByDate(
	db: Queryable,
	where: SQL | undefined,
	cursor: InboxCursor | null,
	limit: number
): Promise<Slice> {
	const newer = cursor?.direction === 'newer';
	const beyond = (direction: 'older' | 'newer', from: Pick<InboxCursor, 'submittedAt' | 'id'>) =>
		direction === 'older' ? sql`${position} < ${at(from)}` : sql`${position} > ${at(from)}`;
	const found = await db
		.select({ id: responses.id, submittedAt: responses.submittedAt })
		.from(responses)
		.where(and(where, cursor ? beyond(cursor.direction, cursor) : undefined))
		.orderBy(
			...(newer
				? [asc(responses.submittedAt), asc(responses.id)]
				: [desc(responses.submittedAt), desc(responses.id)])
		)
		.limit(limit + 1);
	// The extra row says whether the page's direction goes on; the other goes on if rows lie beyond the page's far end.
	const more = found.length > limit;
	const page = found.slice(0, limit);
	if (newer) page.reverse();
	const anyBeyond = async (direction: 'older' | 'newer', edge: Boundary | undefined) =>
		edge !== undefined &&
		(await first(
			db
				.select({ id: responses.id })
				.from(responses)
				.where(and(where, beyond(direction, toCursor(edge))))
				.limit(1)
		)) !== undefined;
	return newer
		? { page, newerExists: more, olderExists: await anyBeyond('older', page.at(-1)) }
		: {
				page,
				olderExists: more,
				newerExists: cursor !== null && (await anyBeyond('newer', page[0]))
			};
}

/** Few matches, all at hand as [id, ms] pairs: the page is cut from them, newest first. */
function pageOf(matches: [number, number][], cursor: InboxCursor | null, limit: number): Slice {
	const sorted = [...matches].sort(([idA, atA], [idB, atB]) => atB - atA || idB - idA);
	// Above 0: the match is newer than the cursor's response.
	const since = ([id, at]: [number, number], from: InboxCursor) =>
		at - from.submittedAt || id - from.id;
	const indexOr = (index: number) => (index < 0 ? sorted.length : index);
	const boundaries = (from: number, to: number) =>
		sorted.slice(from, to).map(([id, at]) => ({ id, submittedAt: new Date(at) }));
	if (cursor?.direction === 'newer') {
		const end = indexOr(sorted.findIndex((match) => since(match, cursor) <= 0));
		const start = Math.max(0, end - limit);
		return {
			page: boundaries(start, end),
			newerExists: start > 0,
			olderExists: end < sorted.length
		};
	}
	const start = cursor ? indexOr(sorted.findIndex((match) => since(match, cursor) < 0)) : 0;
	return {
		page: boundaries(start, start + limit),
		newerExists: start > 0,
		olderExists: start + limit < sorted.length
	};
}

export type InboxRow = Awaited<ReturnType<typeof inboxRows>>[number];

/** What a row of the inbox shows of each response; the client only when asked (`withClients`). */
async function inboxRows(db: Queryable, ids: number[], withClients: boolean) {
	if (!ids.length) return [];
	const rows = await db
		.select({
			id: responses.id,
			submittedAt: responses.submittedAt,
			source: responses.source,
			score: responses.score,
			hasNote: sql<number>`${responses.note} is not null`,
			survey: { id: surveys.id, name: surveys.name },
			clientId: responses.clientId,
			clientName: clients.name,
			caseId: followupCases.id,
			caseStatus: followupCases.status,
			texts: sql<
				string | null
			>`(select ${joinedTexts(sql`${answers.text}`, ' · ')} from ${answers} where ${answers.responseId} = ${responses.id} and ${answers.text} is not null)`,
			tones: sql<string>`(select ${jsonArrayOf(sql`coalesce(${answers.sentimentLabel}, 'not-scored')`, { distinct: true })} from ${answers} where ${answers.responseId} = ${responses.id} and ${answers.text} is not null)`,
			tags: sql<string>`(select ${jsonArrayOf(sql`${responseTags.tag}`)} from ${responseTags} where ${responseTags.responseId} = ${responses.id})`
		})
		.from(responses)
		.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
		.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
		.leftJoin(clients, eq(clients.id, responses.clientId))
		.leftJoin(followupCases, eq(followupCases.responseId, responses.id))
		.where(inArray(responses.id, ids));
	const byId = new Map(rows.map((row) => [row.id, row]));
	return ids.map((id) => {
		const { clientId, clientName, caseId, caseStatus, texts, tones, tags, hasNote, ...row } =
			byId.get(id)!;
		return {
			...row,
			client: withClients && clientId !== null ? { id: clientId, name: clientName! } : null,
			case: caseId === null ? null : { id: caseId, status: caseStatus! },
			excerpt: texts && texts.length > EXCERPT ? `${texts.slice(0, EXCERPT - 1)}…` : texts,
			tones: (JSON.parse(tones) as SentimentChoice[]).sort(
				(a, b) => toneOrder.indexOf(a) - toneOrder.indexOf(b)
			),
			tags: (JSON.parse(tags) as string[]).sort(),
			hasNote: Boolean(hasNote)
		};
	});
}

const EXCERPT = 160;
const toneOrder: SentimentChoice[] = ['negative', 'neutral', 'positive', 'not-scored'];

export type InboxPage = {
	rows: InboxRow[];
	/** How many responses the filter matches, up to the cap (COUNT_CAP unless told). */
	count: { count: number; capped: boolean };
	/** Where the next older and the next newer page start; null at either end. */
	older: Boundary | null;
	newer: Boundary | null;
};

/** Past this many matches the inbox says "more than", and reads pages by date. */
export const COUNT_CAP = 10_000;

/**
 * One page of the responses a filter matches, newest first, starting after the cursor's response
 * (keyset pagination: deep pages cost what the first does, and responses arriving meanwhile
 * shift nothing), and how many match. Client names only `withClients`.
 *
 * One query finds up to `countCap` + 1 matches in any order, as the filters' indexes give them
 * (it stops at the cap): that is the count, and when it stays within the cap, every match, from
 * which the page is cut. Beyond the cap, matches are many and the page is read by date.
 */
export async function inboxPage(
	db: Queryable,
	filter: InboxFilter,
	{
		cursor = null,
		limit = INBOX_PAGE_SIZE,
		countCap = COUNT_CAP,
		withClients
	}: { cursor?: InboxCursor | null; limit?: number; countCap?: number; withClients: boolean }
): Promise<InboxPage> {
	// Up to 10,001 [id, ms] rows: only the page's become full rows.
	const leading = await leadingFilter(db, filter);
	const matched = await db
		.select({ id: responses.id, at: sql<number>`${responses.submittedAt}` })
		.from(responses)
		.where(inboxConditions(filter, leading === null ? 'byDate' : { leading }))
		.limit(countCap + 1);
	const matches = matched.map(({ id, at }): [number, number] => [id, at]);
	const capped = matches.length > countCap;
	const { page, olderExists, newerExists } = capped
		? await pageByDate(db, inboxConditions(filter, 'byDate'), cursor, limit)
		: pageOf(matches, cursor, limit);
	return {
		rows: await inboxRows(
			db,
			page.map(({ id }) => id),
			withClients
		),
		count: { count: Math.min(matches.length, countCap), capped },
		older: olderExists ? page.at(-1)! : null,
		newer: newerExists ? page[0]! : null
	};
}

const toCursor = ({ id, submittedAt }: Boundary) => ({ id, submittedAt: submittedAt.getTime() });

/** What the inbox's filters offer: surveys, saved segments and the tags in use. */
export async function inboxChoices(db: Queryable) {
	return {
		surveys: await db
			.select({ id: surveys.id, name: surveys.name })
			.from(surveys)
			.orderBy(asc(surveys.name), asc(surveys.id)),
		segments: await listSegmentNames(db),
		topics: await listTopics(db),
		tags: (
			await db
				.selectDistinct({ tag: responseTags.tag })
				.from(responseTags)
				.orderBy(responseTags.tag)
		).map(({ tag }) => tag)
	};
}

/** The name of the client the inbox is narrowed to, for its heading; null for an id that names no one. */
export async function inboxClientName(db: Queryable, clientId: number): Promise<string | null> {
	const client = await first(
		db.select({ name: clients.name }).from(clients).where(eq(clients.id, clientId))
	);
	return client?.name ?? null;
}
