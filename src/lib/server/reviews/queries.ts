import { and, count, desc, eq, gte, inArray, isNull, lt, min, sql, type SQL } from 'drizzle-orm';
import type { ReviewFilter } from '../../schemas/review-filter';
import type { Queryable } from '../db';
import { caselessLike } from '../db/dialect';
import { engine } from '../db/engine';
import { first } from '../db/queries';
import { scopedClients, type Scope } from '../auth/scope';
import { listTopics, mentionsTopic } from '../sentiment/topics';
import { clients, factors, reviews } from '../db/schema';
import { DAY_MS } from '../../dates';

/** The review's language: as its file said, else as detected. */
const reviewLanguage = sql<
	string | null
>`coalesce(${reviews.language}, ${reviews.sentimentLanguage})`;

/** `%` and `_` typed in a search are letters, not wildcards. */
function likePattern(word: string): string {
	return `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The SQL condition of a filter; every word searched for must occur in the text, title or author. */
export function reviewConditions(
	filter: ReviewFilter & { clientId?: number; limit?: Scope | null }
): SQL | undefined {
	const conditions: (SQL | undefined)[] = [];
	if (filter.clientId !== undefined) conditions.push(eq(reviews.clientId, filter.clientId));
	// A scoped user reads the reviews of their clients only, as the dashboard's segment filter counts them.
	if (filter.limit)
		conditions.push(
			sql`${reviews.clientId} in (select ${clients.id} from ${clients} where ${scopedClients(filter.limit)})`
		);
	for (const word of filter.search?.split(/\s+/).filter(Boolean) ?? []) {
		const pattern = likePattern(word);
		conditions.push(
			sql`(${caselessLike(reviews.text, pattern)} or ${caselessLike(reviews.title, pattern)} or ${caselessLike(reviews.author, pattern)})`
		);
	}
	if (filter.source) conditions.push(eq(reviews.source, filter.source));
	if (filter.stars?.length) conditions.push(inArray(reviews.stars, filter.stars));
	if (filter.sentiment === 'not-scored') conditions.push(isNull(reviews.sentimentLabel));
	else if (filter.sentiment) conditions.push(eq(reviews.sentimentLabel, filter.sentiment));
	// "de" also finds "de-AT".
	if (filter.language)
		conditions.push(
			sql`(${reviewLanguage} = ${filter.language} or ${reviewLanguage} like ${`${filter.language}-%`})`
		);
	if (filter.factor) {
		// The text match is a cheap first pass (the detail is stored as compact JSON); the aspects
		// confirm it.
		const mentions = likePattern(`"factor":${JSON.stringify(filter.factor)}`);
		conditions.push(
			engine === 'postgres'
				? sql`${reviews.sentimentDetail}::text like ${mentions} escape '\\'`
				: sql`${reviews.sentimentDetail} like ${mentions} escape '\\'`,
			engine === 'postgres'
				? sql`exists (select 1 from json_array_elements(${reviews.sentimentDetail} -> 'aspects') as aspect where aspect ->> 'factor' = ${filter.factor})`
				: sql`exists (select 1 from json_each(${reviews.sentimentDetail}, '$.aspects') where json_extract(value, '$.factor') = ${filter.factor})`
		);
	}
	if (filter.topic !== undefined)
		conditions.push(mentionsTopic(reviews.sentimentDetail, filter.topic));
	if (filter.tag) conditions.push(eq(reviews.tag, filter.tag));
	if (filter.from) conditions.push(gte(reviews.reviewedAt, new Date(`${filter.from}T00:00:00Z`)));
	if (filter.to)
		conditions.push(
			lt(reviews.reviewedAt, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS))
		);
	if (filter.disagree) {
		conditions.push(
			sql`((${reviews.stars} >= 4 and ${reviews.sentimentLabel} = 'negative') or (${reviews.stars} <= 2 and ${reviews.sentimentLabel} = 'positive'))`
		);
	}
	return and(...conditions);
}

export type ReviewListItem = Awaited<ReturnType<typeof listReviews>>['items'][number];

/** Reviews matching a filter, newest first, with the client each is linked to. */
export async function listReviews(
	db: Queryable,
	filter: ReviewFilter & { clientId?: number; limit?: Scope | null },
	page: { limit: number; offset: number }
) {
	const where = reviewConditions(filter);
	const items = await db
		.select({
			id: reviews.id,
			source: reviews.source,
			externalId: reviews.externalId,
			author: reviews.author,
			stars: reviews.stars,
			title: reviews.title,
			text: reviews.text,
			reviewedAt: reviews.reviewedAt,
			language: reviewLanguage,
			tag: reviews.tag,
			clientId: reviews.clientId,
			clientName: clients.name,
			importedAt: reviews.importedAt,
			sentimentLabel: reviews.sentimentLabel,
			sentimentScore: reviews.sentimentScore,
			sentimentComparative: reviews.sentimentComparative,
			sentimentDetail: reviews.sentimentDetail,
			sentimentVersion: reviews.sentimentVersion
		})
		.from(reviews)
		.leftJoin(clients, eq(clients.id, reviews.clientId))
		.where(where)
		.orderBy(desc(reviews.reviewedAt), desc(reviews.id))
		.limit(page.limit)
		.offset(page.offset);
	const total = (await first(db.select({ n: count() }).from(reviews).where(where)))?.n ?? 0;
	return { items, total };
}

/** The values the list's filters offer, with how many reviews have each. */
export async function reviewFilterOptions(db: Queryable) {
	const sources = await db
		.select({ value: reviews.source, reviews: count() })
		.from(reviews)
		.groupBy(reviews.source)
		.orderBy(reviews.source);
	// Languages and tags in one pass over the table: each is a full scan, since neither is indexed.
	const pairs = await db
		.select({ language: reviewLanguage, tag: reviews.tag, reviews: count() })
		.from(reviews)
		.groupBy(reviewLanguage, reviews.tag);
	const tally = (key: 'language' | 'tag') => {
		const counts = new Map<string, number>();
		for (const pair of pairs)
			if (pair[key] !== null) counts.set(pair[key], (counts.get(pair[key]) ?? 0) + pair.reviews);
		return [...counts]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([value, reviews]) => ({ value, reviews }));
	};
	return {
		sources,
		topics: await listTopics(db),
		languages: tally('language'),
		tags: tally('tag'),
		// One entry per factor key: aspects are reported by key, which models may share.
		factors: (
			await db
				.select({ key: factors.key, name: min(factors.name) })
				.from(factors)
				.groupBy(factors.key)
				.orderBy(factors.key)
		).map(({ key, name }) => ({ key, name: name ?? key }))
	};
}

/** A listed review as the API returns it. */
export function reviewJson(item: ReviewListItem) {
	const {
		clientName: _clientName,
		sentimentLabel,
		sentimentScore,
		sentimentComparative,
		sentimentDetail,
		sentimentVersion,
		...review
	} = item;
	return {
		...review,
		reviewedAt: review.reviewedAt.toISOString(),
		importedAt: review.importedAt.toISOString(),
		sentiment: {
			label: sentimentLabel,
			score: sentimentScore,
			comparative: sentimentComparative,
			words: sentimentDetail?.words ?? [],
			aspects: sentimentDetail?.aspects ?? [],
			version: sentimentVersion
		}
	};
}
