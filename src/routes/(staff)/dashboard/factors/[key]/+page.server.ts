import { error } from '@sveltejs/kit';
import { csiTrend, dashboardScope, factorComments } from '$lib/server/analytics/dashboard';
import * as m from '$lib/paraglide/messages';
import { appDb } from '$lib/server/db/app-db';
import { comparedDimension, dashboardQuery, filterChoices, viewerScope } from '../../_view.server';
import type { PageServerLoad } from './$types';

/** One factor under the dashboard's filters: its answers 1–5, its trend, and what clients wrote about it. */
export const load: PageServerLoad = async (event) => {
	const { params, url } = event;
	const db = appDb();
	const { query, problems } = dashboardQuery(url.searchParams, await viewerScope(event, db));
	const scope = await dashboardScope(db, query);
	if (!scope.ok) error(scope.status, scope.message);
	if ('empty' in scope) error(404, m.dashboard_no_csi_model());
	if (!scope.version.factors.some(({ key }) => key === params.key)) {
		error(
			404,
			m.dashboard_factor_not_in_version({
				version: scope.version.version,
				model: scope.model.name,
				factor: params.key
			})
		);
	}
	const trend = await csiTrend(db, scope, query);
	const factor = trend.factors.find(({ key }) => key === params.key)!;
	return {
		query,
		problems,
		compare: comparedDimension(url.searchParams),
		surveys: scope.surveys,
		surveyIds: scope.surveyIds,
		choices: await filterChoices(db),
		model: scope.model,
		version: scope.version.version,
		versions: scope.versions.map(({ version, createdAt }) => ({ version, createdAt })),
		factor,
		periods: trend.groups.map((group) => ({
			key: group.key,
			complete: group.complete,
			row: group.factors.find(({ key }) => key === params.key)!,
			change: group.factorChanges[params.key]?.score ?? null
		})),
		comments: await factorComments(db, scope, query, params.key)
	};
};
