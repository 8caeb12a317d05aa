import { dimensionKinds, type DimensionKind } from '$lib/analytics/dimensions';
import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { csiAnalytics } from '$lib/server/api/endpoints/analytics';
import { csiComparison, csiTrend, dashboardScope } from '$lib/server/analytics/dashboard';
import { appDb } from '$lib/server/db/app-db';
import { asApiError } from '$lib/server/refusals';
import * as m from '$lib/paraglide/messages';

const isDimension = (groupBy: string | undefined): groupBy is DimensionKind =>
	dimensionKinds.includes(groupBy as DimensionKind);

export const GET = apiRoute(csiAnalytics, async ({ query }) => {
	const db = appDb();
	const scope = await dashboardScope(db, query);
	if (!scope.ok) throw asApiError(scope);
	if ('empty' in scope) throw new ApiError(404, m.dashboard_no_csi_model());
	const model = {
		id: scope.model.id,
		name: scope.model.name,
		version: scope.version.version,
		chosenBy: scope.chosen.by,
		reason: scope.chosen.reason
	};
	const chosen = { model, models: scope.models, surveyIds: scope.surveyIds };
	if (isDimension(query.groupBy)) {
		const { labels, ...report } = await csiComparison(db, scope, query, query.groupBy);
		return {
			...chosen,
			...report,
			partial: null,
			groups: report.groups.map((group) => ({ ...group, label: labels[group.key] ?? group.key }))
		};
	}
	const { periods: _periods, ...report } = await csiTrend(db, scope, {
		...query,
		granularity: query.groupBy ?? query.granularity
	});
	return {
		...chosen,
		...report,
		groups: report.groups.map((group) => ({ ...group, label: group.key }))
	};
});
