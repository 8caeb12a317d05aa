import { z } from 'zod';
import {
	reviewFilterFromSearchParams,
	reviewFilterToSearchParams,
	type ReviewFilter
} from '$lib/schemas/review-filter';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf } from '$lib/server/auth/scope';
import { appDb } from '$lib/server/db/app-db';
import { listReviews, reviewFilterOptions } from '$lib/server/reviews/queries';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;
const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const db = appDb();
	const parsed = reviewFilterFromSearchParams(url.searchParams);
	const filter: ReviewFilter = parsed.success ? parsed.data : {};
	const page = pageSchema.parse(url.searchParams.get('page') ?? undefined);
	const limit = await scopeOf(db, requireUser(event));
	const { items, total } = await listReviews(
		db,
		{ ...filter, limit },
		{
			limit: PAGE_SIZE,
			offset: (page - 1) * PAGE_SIZE
		}
	);
	return {
		items: items.map(({ sentimentDetail, ...item }) => ({
			...item,
			// The words that moved the score most, strongest first: what a reader checks the label against.
			words: [...(sentimentDetail?.words ?? [])]
				.sort((a, b) => Math.abs(b.score) - Math.abs(a.score))
				.slice(0, 6),
			aspects: sentimentDetail?.aspects ?? []
		})),
		total,
		page,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		filter,
		filterError: parsed.success
			? null
			: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
		filterQuery: reviewFilterToSearchParams(filter).toString(),
		options: await reviewFilterOptions(db)
	};
};
