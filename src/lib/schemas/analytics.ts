import { z } from 'zod';
import { lineText } from './text';
import { dimension, dimensionKinds } from '../analytics/dimensions';
import { granularities } from '../analytics/periods';
import { canonicalLanguage } from './clients';
import * as m from '../paraglide/messages';

export const groupBys = [...granularities, ...dimensionKinds] as const;

export const isoDay = z.iso.date({ error: () => m.schema_analytics_date_format() });
// Repeated (`surveyId=1&surveyId=2`) in forms, or comma-separated (`surveyId=1,2`) in API calls.
const idList = z.preprocess(
	(value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
	z
		.array(
			z.coerce
				.number({ error: () => m.schema_analytics_survey_ids() })
				.int()
				.positive()
		)
		.max(50)
);

/**
 * What every dashboard panel and `GET /api/v1/analytics/csi` obey. It reads from URL search
 * params, so a dashboard view is a shareable link and the back button works.
 */
const filterFields = {
	surveyId: idList.default([]),
	/** Which CSI model to show when no survey is chosen; the one with the newest responses when absent. */
	modelId: z.coerce
		.number({ error: () => m.schema_analytics_model_id() })
		.int()
		.positive()
		.optional(),
	/** A model version number; the current one when absent, for every period alike. */
	modelVersion: z.coerce.number().int().positive().optional(),
	from: isoDay.optional(),
	to: isoDay.optional(),
	granularity: z
		.enum(granularities, {
			error: () => m.validation_choose_one_of({ choices: granularities.join(', ') })
		})
		.default('month'),
	groupBy: z
		.enum(groupBys, { error: () => m.validation_choose_one_of({ choices: groupBys.join(', ') }) })
		.optional(),
	segment: z.coerce.number().int().positive().optional(),
	tag: lineText().trim().min(1).max(50).toLowerCase().optional(),
	/** A staff user's id, or `none` for clients without an account manager. */
	manager: lineText().trim().min(1).max(64).optional(),
	language: lineText()
		.trim()
		.refine((tag) => canonicalLanguage(tag) !== null, {
			error: () => m.validation_unknown_language_code()
		})
		.transform((tag) => canonicalLanguage(tag)!)
		.optional(),
	correction: z
		.enum(['holm', 'bh'], { error: () => m.schema_analytics_choose_correction() })
		.default('holm')
};

export const rangeInOrder = (query: { from?: string | undefined; to?: string | undefined }) =>
	!query.from || !query.to || query.from <= query.to;
export const rangeProblem = { error: () => m.validation_date_range_order(), path: ['to'] };

export const analyticsQuerySchema = z.object(filterFields).refine(rangeInOrder, rangeProblem);

export const sentimentSources = ['answers', 'reviews', 'both'] as const;

/** The CSI filters plus which texts to read: open answers, reviews (of one source), or both. */
export const sentimentQuerySchema = z
	.object({
		...filterFields,
		texts: z
			.enum(sentimentSources, {
				error: () => m.validation_choose_one_of({ choices: sentimentSources.join(', ') })
			})
			.default('both'),
		reviewSource: lineText().trim().min(1).max(100).optional()
	})
	.refine(rangeInOrder, rangeProblem);

/**
 * The segment a scoped user is limited to (src/lib/server/auth/scope.ts). The server sets it from
 * the signed-in user after parsing; no URL or API parameter can, as the schemas do not read it.
 */
type Scoped = { scopeSegment?: number };

export type SentimentQuery = z.output<typeof sentimentQuerySchema> & Scoped;

export type AnalyticsQuery = z.output<typeof analyticsQuerySchema> & Scoped;

/** A query string as a plain GET form sends it: empty fields count as absent, `surveyId` may repeat. */
function rawQuery(params: URLSearchParams): Record<string, unknown> {
	const raw: Record<string, unknown> = { surveyId: params.getAll('surveyId').filter(Boolean) };
	for (const [key, value] of params)
		if (key !== 'surveyId' && value.trim() !== '') raw[key] = value;
	return raw;
}

export const analyticsQueryFromSearchParams = (params: URLSearchParams) =>
	analyticsQuerySchema.safeParse(rawQuery(params));
export const sentimentQueryFromSearchParams = (params: URLSearchParams) =>
	sentimentQuerySchema.safeParse(rawQuery(params));

/**
 * The filters that narrow which responses count, as cell dimensions, the user's scope among
 * them: every figure of a view is computed through this list, so none escapes the scope.
 */
export function filterDimensions(query: AnalyticsQuery): string[] {
	const chosen = dimensionKinds.flatMap((kind) =>
		query[kind] === undefined ? [] : [dimension(kind, query[kind])]
	);
	const scope = query.scopeSegment === undefined ? [] : [dimension('segment', query.scopeSegment)];
	return [...new Set([...chosen, ...scope])];
}
