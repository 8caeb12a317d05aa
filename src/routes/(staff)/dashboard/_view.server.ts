import { dimensionKinds, type DimensionKind } from '$lib/analytics/dimensions';
import {
	analyticsQueryFromSearchParams,
	analyticsQuerySchema,
	sentimentQueryFromSearchParams,
	sentimentQuerySchema,
	type AnalyticsQuery,
	type SentimentQuery
} from '$lib/schemas/analytics';
import { describeView } from '$lib/components/dashboard/view-description';
import * as m from '$lib/paraglide/messages';
import { dashboardScope } from '$lib/server/analytics/dashboard';
import { accountManagerLoad, listTags, usedLanguages } from '$lib/server/clients/queries';
import { listSegments } from '$lib/server/clients/segments';
import type { Queryable } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guards';
import { scopedQuery, scopeOf, type Scope } from '$lib/server/auth/scope';

/** Each filter's name, as a problem with it is reported; in the language of the request. */
const filterNames = (): Record<string, string> => ({
	surveyId: m.dashboard_filter_surveys(),
	modelId: m.dashboard_filter_model(),
	modelVersion: m.dashboard_filter_model_version(),
	from: m.common_date_from(),
	to: m.common_date_to(),
	granularity: m.dashboard_filter_period(),
	segment: m.dashboard_filter_segment(),
	tag: m.dashboard_filter_tag(),
	manager: m.dashboard_filter_manager(),
	language: m.common_language(),
	correction: m.dashboard_filter_correction(),
	texts: m.dashboard_filter_texts(),
	reviewSource: m.dashboard_filter_review_source()
});

type Parsed<Q> =
	| { success: true; data: Q }
	| { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

/**
 * A view's filters from its URL, narrowed to the user's scope: no URL can widen it. A filter that
 * is not understood (a hand-edited link) is dropped with a message rather than failing the whole
 * page, so the rest of the view still shows.
 */
function filtersFrom<Q extends object>(
	params: URLSearchParams,
	parse: (params: URLSearchParams) => Parsed<Q>,
	defaults: () => Q,
	scope: Scope | null
): { query: Q & { scopeSegment?: number }; problems: string[] } {
	const remaining = new URLSearchParams(params);
	const problems: string[] = [];
	const names = filterNames();
	for (let attempt = 0; attempt < Object.keys(names).length; attempt++) {
		const parsed = parse(remaining);
		if (parsed.success) return { query: scopedQuery(parsed.data, scope), problems };
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? '');
			problems.push(`${names[field] ?? field}: ${issue.message}`);
			remaining.delete(field);
		}
	}
	return { query: scopedQuery(defaults(), scope), problems };
}

export const dashboardQuery = (
	params: URLSearchParams,
	scope: Scope | null
): { query: AnalyticsQuery; problems: string[] } =>
	filtersFrom(params, analyticsQueryFromSearchParams, () => analyticsQuerySchema.parse({}), scope);

/** The sentiment page's filters: the dashboard's, plus which texts (answers, reviews, both) and the review source. */
export const sentimentQuery = (
	params: URLSearchParams,
	scope: Scope | null
): { query: SentimentQuery; problems: string[] } =>
	filtersFrom(params, sentimentQueryFromSearchParams, () => sentimentQuerySchema.parse({}), scope);

/** The signed-in user's scope, for a view's load or action. */
export const viewerScope = async (event: { locals: App.Locals; url: URL }, db: Queryable) =>
	await scopeOf(db, requireUser(event));

/** Every survey with a CSI model, offered when the chosen ones were refused, so the filters that caused it can be changed. */
export async function offeredSurveys(db: Queryable, query: AnalyticsQuery) {
	const unfiltered = await dashboardScope(db, { ...query, surveyId: [], modelVersion: undefined });
	return unfiltered.ok && !('empty' in unfiltered) ? unfiltered.surveys : [];
}

/** Which dimension the segment comparison groups by (`?compare=`); segments unless chosen. */
export function comparedDimension(params: URLSearchParams): DimensionKind {
	const chosen = params.get('compare');
	return dimensionKinds.includes(chosen as DimensionKind) ? (chosen as DimensionKind) : 'segment';
}

/** The choices the filter bar offers besides surveys and versions, which come with the scope. */
export async function filterChoices(db: Queryable) {
	return {
		segments: (await listSegments(db)).map(({ id, name }) => ({ id, name })),
		managers: (await accountManagerLoad(db)).map(({ id, name, deactivatedAt }) => ({
			id,
			name: deactivatedAt ? m.dashboard_manager_deactivated({ name }) : name
		})),
		tags: (await listTags(db)).map(({ name }) => name.toLowerCase()),
		languages: (await usedLanguages(db)).map(({ language }) => language)
	};
}

export type FilterChoices = Awaited<ReturnType<typeof filterChoices>>;

/** A view in words, as the page writes it above a printout: the default name of its emailed report. */
export async function viewName(db: Queryable, query: AnalyticsQuery): Promise<string> {
	const scope = await dashboardScope(db, query);
	const shown = scope.ok && !('empty' in scope) ? scope : null;
	return describeView({
		model: shown ? { name: shown.model.name, version: shown.version.version } : undefined,
		surveys: shown
			? shown.surveys.filter(({ id }) => shown.surveyIds.includes(id)).map(({ name }) => name)
			: [],
		query,
		choices: await filterChoices(db)
	}).slice(0, 100);
}
