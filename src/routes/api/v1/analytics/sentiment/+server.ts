import { apiRoute } from '$lib/server/api/endpoint';
import { sentimentAnalytics } from '$lib/server/api/endpoints/sentiment';
import { sentimentReport } from '$lib/server/analytics/sentiment';
import { appDb } from '$lib/server/db/app-db';

export const GET = apiRoute(sentimentAnalytics, async ({ query }) => {
	const report = await sentimentReport(appDb(), query);
	return {
		...report,
		latestNegative: report.latestNegative.map((text) => ({ ...text, at: text.at.toISOString() }))
	};
});
