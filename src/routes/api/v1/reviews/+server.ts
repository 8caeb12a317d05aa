import { apiRoute } from '$lib/server/api/endpoint';
import { importReviews, listReviews } from '$lib/server/api/endpoints/reviews';
import { appDb } from '$lib/server/db/app-db';
import { importReviewItems } from '$lib/server/reviews/import';
import { listReviews as reviewPage, reviewJson } from '$lib/server/reviews/queries';
import { asApiError } from '$lib/server/refusals';

export const GET = apiRoute(listReviews, async ({ query }) => {
	const { limit, offset, ...filter } = query;
	const { items, total } = await reviewPage(appDb(), filter, { limit, offset });
	return { items: items.map(reviewJson), total };
});

export const POST = apiRoute(importReviews, async ({ body, apiKey }) => {
	const outcome = await importReviewItems(appDb(), body.reviews, {
		actor: { apiKeyId: apiKey.id },
		origin: { kind: 'apiKey', name: apiKey.name }
	});
	if (!outcome.ok) {
		const issues = outcome.issues.map((issue) => ({
			path: 'path' in issue ? issue.path : [],
			message: issue.message,
			code: 'custom'
		}));
		throw asApiError(outcome, issues);
	}
	const { total, created, alreadyImported, linked, unknownEmails, sentiment } = outcome;
	return { received: total, created, alreadyImported, linked, unknownEmails, sentiment };
});
