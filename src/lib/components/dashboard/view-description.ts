import type { AnalyticsQuery, SentimentQuery } from '$lib/schemas/analytics';
import { languageName } from '$lib/schemas/clients';

export type ViewFacts = {
	model?: { name: string; version: number } | undefined;
	surveys: string[];
	query: AnalyticsQuery & Partial<Pick<SentimentQuery, 'texts' | 'reviewSource'>>;
	choices: {
		segments: { id: number; name: string }[];
		managers: { id: string; name: string }[];
	};
};

const textsNames = {
	answers: 'open answers',
	reviews: 'reviews',
	both: 'open answers and reviews'
};

/**
 * A view's filters in one line, for what leaves the page (an exported chart, a printed report):
 * without them a number cannot be read right.
 */
export function describeView({ model, surveys, query, choices }: ViewFacts): string {
	const dates =
		query.from || query.to
			? `${query.from ?? 'first answer'} to ${query.to ?? 'today'}`
			: 'all dates';
	const segmentName = (id: number) =>
		choices.segments.find((segment) => segment.id === id)?.name ?? id;
	const parts = [
		query.scopeSegment === undefined
			? null
			: `Limited to segment: ${segmentName(query.scopeSegment)}`,
		model ? `Model ${model.name}, weights version ${model.version}` : null,
		surveys.length ? `Surveys: ${surveys.join(', ')}` : null,
		`${dates}, by ${query.granularity}`,
		query.segment === undefined ? null : `Segment: ${segmentName(query.segment)}`,
		query.manager === undefined
			? null
			: `Account manager: ${
					query.manager === 'none'
						? 'none'
						: (choices.managers.find(({ id }) => id === query.manager)?.name ?? query.manager)
				}`,
		query.tag === undefined ? null : `Tag: ${query.tag}`,
		query.language === undefined ? null : `Language: ${languageName(query.language)}`,
		query.texts === undefined ? null : `Texts: ${textsNames[query.texts]}`,
		query.reviewSource === undefined ? null : `Review source: ${query.reviewSource}`
	];
	return parts.filter((part): part is string => part !== null).join(' · ');
}
