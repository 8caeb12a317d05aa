import type { AnalyticsQuery, SentimentQuery } from '$lib/schemas/analytics';
import { languageName } from '$lib/schemas/clients';
import * as m from '../../paraglide/messages';

export type ViewFacts = {
	model?: { name: string; version: number } | undefined;
	surveys: string[];
	query: AnalyticsQuery & Partial<Pick<SentimentQuery, 'texts' | 'reviewSource'>>;
	choices: {
		segments: { id: number; name: string }[];
		managers: { id: string; name: string }[];
	};
};

/**
 * A view's filters in one line, for what leaves the page (an exported chart, a printed report):
 * without them a number cannot be read right.
 */
export function describeView({ model, surveys, query, choices }: ViewFacts): string {
	const dates =
		query.from && query.to
			? m.dashboard_view_dates_between({ from: query.from, to: query.to })
			: query.to
				? m.dashboard_view_dates_until({ to: query.to })
				: query.from
					? m.dashboard_view_dates_since({ from: query.from })
					: m.dashboard_view_dates_all();
	const byPeriod = {
		week: m.dashboard_view_dates_by_week,
		month: m.dashboard_view_dates_by_month,
		quarter: m.dashboard_view_dates_by_quarter
	}[query.granularity];
	const texts =
		query.texts &&
		{
			answers: m.dashboard_view_texts_answers,
			reviews: m.dashboard_view_texts_reviews,
			both: m.dashboard_view_texts_both
		}[query.texts];
	const segmentName = (id: number) =>
		choices.segments.find((segment) => segment.id === id)?.name ?? id;
	const parts: (string | null)[] = [
		query.scopeSegment === undefined
			? null
			: m.dashboard_view_scope_segment({ segment: segmentName(query.scopeSegment) }),
		model ? m.dashboard_view_model({ model: model.name, version: model.version }) : null,
		surveys.length ? m.dashboard_view_surveys({ surveys: surveys.join(', ') }) : null,
		byPeriod({ dates }),
		query.segment === undefined
			? null
			: m.dashboard_view_segment({ segment: segmentName(query.segment) }),
		query.manager === undefined
			? null
			: query.manager === 'none'
				? m.dashboard_view_manager_none()
				: m.dashboard_view_manager({
						manager: choices.managers.find(({ id }) => id === query.manager)?.name ?? query.manager
					}),
		query.tag === undefined ? null : m.dashboard_view_tag({ tag: query.tag }),
		query.language === undefined
			? null
			: m.dashboard_view_language({ language: languageName(query.language) }),
		texts ? texts() : null,
		query.reviewSource === undefined
			? null
			: m.dashboard_view_review_source({ source: query.reviewSource })
	];
	return parts.filter((part): part is string => part !== null).join(' · ');
}
