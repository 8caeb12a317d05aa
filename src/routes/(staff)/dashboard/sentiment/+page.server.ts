import { factorToneRows, topicToneRows } from '$lib/components/dashboard/sentiment-view';
import { csiTrend, dashboardScope } from '$lib/server/analytics/dashboard';
import { sentimentReport } from '$lib/server/analytics/sentiment';
import { appDb } from '$lib/server/db/app-db';
import { latestJob } from '$lib/server/worker/jobs';
import { reviewSources } from '$lib/server/reviews/sources';
import { listTopics } from '$lib/server/sentiment/topics';
import {
	comparedDimension,
	filterChoices,
	offeredSurveys,
	sentimentQuery,
	viewerScope
} from '../_view.server';
import type { PageServerLoad } from './$types';

/**
 * The tone of open answers and reviews under the dashboard's filters. Answers come from the
 * surveys the CSI view shows (one model's), so each factor's tone sits beside its own score.
 */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const db = appDb();
	const { query, problems } = sentimentQuery(url.searchParams, await viewerScope(event, db));
	const common = {
		query,
		problems,
		compare: comparedDimension(url.searchParams),
		choices: await filterChoices(db),
		reviewSources: await reviewSources(db),
		rescore: await latestJob(db, 'sentiment')
	};

	const scope = await dashboardScope(db, query);
	if (!scope.ok)
		return {
			...common,
			refusal: scope.message,
			surveys: await offeredSurveys(db, query),
			versions: [],
			model: null,
			surveyIds: [] as number[],
			report: null,
			factors: [],
			topics: []
		};

	// Without a CSI model there are no factor scores, but open answers and reviews still have a tone.
	const modelled = 'empty' in scope ? null : scope;
	const { factors, topics, ...report } = await sentimentReport(
		db,
		modelled ? { ...query, surveyId: modelled.surveyIds } : query
	);
	const factorRows = modelled
		? factorToneRows(
				[...(await csiTrend(db, modelled, query)).factors].sort(
					(a, b) => b.weight - a.weight || a.name.localeCompare(b.name)
				),
				factors
			)
		: [];
	return {
		...common,
		refusal: null,
		surveys: modelled?.surveys ?? [],
		versions: modelled
			? modelled.versions.map(({ version, createdAt }) => ({ version, createdAt }))
			: [],
		model: modelled ? { name: modelled.model.name, version: modelled.version.version } : null,
		surveyIds: modelled?.surveyIds ?? ([] as number[]),
		report,
		factors: factorRows,
		topics: topicToneRows(
			await listTopics(db),
			topics,
			report.periods.map(({ key }) => key)
		)
	};
};
