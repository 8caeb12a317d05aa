import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { InboxCursor, InboxFilter } from '../../schemas/inbox-filter';
import type { SentimentChoice } from '../../schemas/review-filter';
import { searchQuery } from '../clients/filter';
import type { Queryable } from '../db';
import {
	answers,
	clients,
	followupCases,
	responses,
	responseSegments,
	responseTags,
	segments,
	surveys,
	surveyVersions
} from '../db/schema';

export const INBOX_PAGE_SIZE = 50;

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

// Written as `id in (…)`, so SQLite may start from the smaller side: the other table's index, or the responses by date.
const hasAnswer = (condition: SQL) =>
	sql`${responses.id} in (select ${answers.responseId} from ${answers} where ${answers.text} is not null and ${condition})`;
const withCase = sql`(select ${followupCases.responseId} from ${followupCases} where ${followupCases.responseId} is not null)`;

/**
 * The conditions on `responses` of one inbox filter: the one place that decides which responses
 * an inbox query sees (the list, its count, a client card's responses), so a rule about who may
 * see what belongs here too. Each condition is an index lookup or a check on one row.
 */
export function inboxConditions(filter: InboxFilter): SQL | undefined {
	const search = filter.search ? searchQuery(filter.search) : null;
	return and(
		filter.survey === undefined
			? undefined
			: inArray(
					responses.surveyVersionId,
					sql`(select ${surveyVersions.id} from ${surveyVersions} where ${surveyVersions.surveyId} = ${filter.survey})`
				),
		filter.from === undefined ? undefined : gte(responses.submittedAt, dayStart(filter.from)),
		filter.to === undefined ? undefined : lt(responses.submittedAt, dayAfter(filter.to)),
		// The segments the client was in when answering, as the dashboard counts them.
		filter.segment === undefined
			? undefined
			: sql`${responses.id} in (select ${responseSegments.responseId} from ${responseSegments} where ${responseSegments.segmentId} = ${filter.segment})`,
		filter.minScore === undefined ? undefined : gte(responses.score, filter.minScore),
		filter.maxScore === undefined ? undefined : lte(responses.score, filter.maxScore),
		filter.sentiment === undefined ? undefined : hasAnswer(toneCondition(filter.sentiment)),
		search === null
			? undefined
			: sql`${responses.id} in (select rowid from response_texts where response_texts match ${search})`,
		filter.case === undefined
			? undefined
			: filter.case === 'with'
				? sql`${responses.id} in ${withCase}`
				: sql`${responses.id} not in ${withCase}`,
		filter.tag === undefined
			? undefined
			: sql`${responses.id} in (select ${responseTags.responseId} from ${responseTags} where ${responseTags.tag} = ${filter.tag})`,
		filter.client === undefined ? undefined : eq(responses.clientId, filter.client)
	);
}

/** A response "is" negative when one of its open answers is: the inbox finds every text of that tone. */
function toneCondition(choice: SentimentChoice): SQL {
	return choice === 'not-scored'
		? sql`${answers.sentimentLabel} is null`
		: sql`${answers.sentimentLabel} = ${choice}`;
}

// Newest first; ties (an import gives many responses one time) broken by id, so pages never overlap.
const position = sql`(${responses.submittedAt}, ${responses.id})`;
const at = (cursor: Pick<InboxCursor, 'submittedAt' | 'id'>) =>
	sql`(${cursor.submittedAt}, ${cursor.id})`;

type Boundary = { id: number; submittedAt: Date };

function idsPage(
	db: Queryable,
	where: SQL | undefined,
	cursor: InboxCursor | null,
	limit: number
): Boundary[] {
	const newer = cursor?.direction === 'newer';
	const rows = db
		.select({ id: responses.id, submittedAt: responses.submittedAt })
		.from(responses)
		.where(
			and(
				where,
				cursor
					? newer
						? sql`${position} > ${at(cursor)}`
						: sql`${position} < ${at(cursor)}`
					: undefined
			)
		)
		.orderBy(
			...(newer
				? [asc(responses.submittedAt), asc(responses.id)]
				: [desc(responses.submittedAt), desc(responses.id)])
		)
		.limit(limit)
		.all();
	return newer ? rows.reverse() : rows;
}

const anyBeyond = (db: Queryable, where: SQL | undefined, beyond: SQL) =>
	db.select({ id: responses.id }).from(responses).where(and(where, beyond)).limit(1).get() !==
	undefined;

export type InboxRow = Awaited<ReturnType<typeof inboxRows>>[number];

/** What a row of the inbox shows of each response; the client only when asked (`withClients`). */
function inboxRows(db: Queryable, ids: number[], withClients: boolean) {
	if (!ids.length) return [];
	const rows = db
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
			>`(select group_concat(${answers.text}, ' · ') from ${answers} where ${answers.responseId} = ${responses.id} and ${answers.text} is not null)`,
			tones: sql<string>`(select json_group_array(distinct coalesce(${answers.sentimentLabel}, 'not-scored')) from ${answers} where ${answers.responseId} = ${responses.id} and ${answers.text} is not null)`,
			tags: sql<string>`(select json_group_array(${responseTags.tag}) from ${responseTags} where ${responseTags.responseId} = ${responses.id})`
		})
		.from(responses)
		.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
		.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
		.leftJoin(clients, eq(clients.id, responses.clientId))
		.leftJoin(followupCases, eq(followupCases.responseId, responses.id))
		.where(inArray(responses.id, ids))
		.all();
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
	/** Where the next older and the next newer page start; null at either end. */
	older: Boundary | null;
	newer: Boundary | null;
};

/**
 * One page of the responses a filter matches, newest first, starting after the cursor's response
 * (keyset pagination: deep pages cost what the first does, and responses arriving meanwhile
 * shift nothing). Client names only `withClients`.
 */
export function inboxPage(
	db: Queryable,
	filter: InboxFilter,
	{
		cursor = null,
		limit = INBOX_PAGE_SIZE,
		withClients
	}: { cursor?: InboxCursor | null; limit?: number; withClients: boolean }
): InboxPage {
	const where = inboxConditions(filter);
	const found = idsPage(db, where, cursor, limit + 1);
	// The extra row says whether the page's direction goes on; the other direction goes on if the cursor had rows beyond it.
	const more = found.length > limit;
	const page = cursor?.direction === 'newer' ? found.slice(more ? 1 : 0) : found.slice(0, limit);
	const first = page[0];
	const last = page.at(-1);
	const olderExists =
		cursor?.direction === 'newer'
			? last !== undefined && anyBeyond(db, where, sql`${position} < ${at(toCursor(last))}`)
			: more;
	const newerExists =
		cursor?.direction === 'newer'
			? more
			: cursor !== null &&
				first !== undefined &&
				anyBeyond(db, where, sql`${position} > ${at(toCursor(first))}`);
	return {
		rows: inboxRows(
			db,
			page.map(({ id }) => id),
			withClients
		),
		older: olderExists ? last! : null,
		newer: newerExists ? first! : null
	};
}

const toCursor = ({ id, submittedAt }: Boundary) => ({ id, submittedAt: submittedAt.getTime() });

/** How many responses a filter matches, counted up to `cap`: beyond it, "more than" is enough to say. */
export function inboxCount(
	db: Queryable,
	filter: InboxFilter,
	cap = 10_000
): { count: number; capped: boolean } {
	const matching = db
		.select({ one: sql`1` })
		.from(responses)
		.where(inboxConditions(filter))
		.limit(cap + 1)
		.as('matching');
	const count = db
		.select({ n: sql<number>`count(*)` })
		.from(matching)
		.get()!.n;
	return { count: Math.min(count, cap), capped: count > cap };
}

/** What the inbox's filters offer: surveys, saved segments and the tags in use. */
export function inboxChoices(db: Queryable) {
	return {
		surveys: db
			.select({ id: surveys.id, name: surveys.name })
			.from(surveys)
			.orderBy(asc(surveys.name), asc(surveys.id))
			.all(),
		segments: db
			.select({ id: segments.id, name: segments.name })
			.from(segments)
			.orderBy(asc(segments.name))
			.all(),
		tags: db
			.selectDistinct({ tag: responseTags.tag })
			.from(responseTags)
			.orderBy(responseTags.tag)
			.all()
			.map(({ tag }) => tag)
	};
}

/** The name of the client the inbox is narrowed to, for its heading; null for an id that names no one. */
export function inboxClientName(db: Queryable, clientId: number): string | null {
	return (
		db.select({ name: clients.name }).from(clients).where(eq(clients.id, clientId)).get()?.name ??
		null
	);
}
