import { apiRoute } from '$lib/server/api/endpoint';
import { sentimentAnalytics } from '$lib/server/api/endpoints/sentiment';
import { sentimentReport } from '$lib/server/analytics/sentiment';
import { appDb } from '$lib/server/db/app-db';
import { topicNames } from '$lib/server/sentiment/topics';

export const GET = apiRoute(sentimentAnalytics, async ({ query }) => {
	const db = appDb();
	const report = await sentimentReport(db, query);
	// Texts keep a deleted topic's tag until they are re-scored: only topics defined now are named.
	const names = await topicNames(db);
	return {
		...report,
		topics: report.topics
			.filter(({ topic }) => names.has(topic))
			.map(({ topic, ...tone }) => ({ topicId: Number(topic), name: names.get(topic)!, ...tone })),
		latestNegative: report.latestNegative.map((text) => ({ ...text, at: text.at.toISOString() }))
	};
});
