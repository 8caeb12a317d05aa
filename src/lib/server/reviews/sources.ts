import { asc } from 'drizzle-orm';
import type { Queryable } from '../db';
import { reviews } from '../db/schema';

/** The review sites reviews were imported from, for the sentiment filter; read along the (source, externalId) index. */
export async function reviewSources(db: Queryable): Promise<string[]> {
	const rows = await db
		.selectDistinct({ source: reviews.source })
		.from(reviews)
		.orderBy(asc(reviews.source));
	return rows.map(({ source }) => source);
}
