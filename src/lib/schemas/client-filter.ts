import { z } from 'zod';
import { lineText } from './text';
import { attributeKeySchema, canonicalLanguage } from './clients';
import { recordId } from './ids';
import * as m from '../paraglide/messages';

const daysError = { error: () => m.clients_answers_days() };
const days = z.coerce.number(daysError).int(daysError).min(0, daysError).max(36500, daysError);

/** Whether a range's lower end is not above its upper one. */
const inOrder = (range: { min: number; max: number }) => range.min <= range.max;

// `abort`: a bound out of its scale is the one problem to report, not also the range's order.
const scoreError = { error: () => m.clients_answers_score_bounds(), abort: true };
const score = z.coerce.number(scoreError).min(0, scoreError).max(100, scoreError);
const ratingError = { error: () => m.clients_answers_rating_bounds(), abort: true };
const rating = z.coerce
	.number(ratingError)
	.int(ratingError)
	.min(1, ratingError)
	.max(5, ratingError);

export const npsGroups = ['promoter', 'passive', 'detractor'] as const;
export type NpsGroup = (typeof npsGroups)[number];

/** The answers (0–10) of each NPS group, both ends included: see docs/csi.md. */
export const npsGroupAnswers: Record<NpsGroup, { min: number; max: number }> = {
	promoter: { min: 9, max: 10 },
	passive: { min: 7, max: 8 },
	detractor: { min: 0, max: 6 }
};

const attributeConditionSchema = z.object({
	key: attributeKeySchema,
	/** Exact match for text attributes; ranges (inclusive) for numbers and dates. */
	equals: lineText().trim().max(200).optional(),
	min: lineText().trim().max(50).optional(),
	max: lineText().trim().max(50).optional()
});

export const reachabilities = ['reachable', 'unsubscribed', 'no-consent'] as const;

/**
 * Which clients to show, count or survey. Relative dates ("renewal in 60–90 days") are kept
 * relative and resolved when the filter runs, so a saved segment stays current.
 */
export const clientFilterSchema = z.object({
	search: lineText().trim().max(200).optional(),
	/** Clients carrying every one of these tags (names, case-insensitive). */
	tags: z.array(lineText().trim().min(1).max(50)).max(20).optional(),
	languages: z
		.array(
			lineText().refine((tag) => canonicalLanguage(tag) !== null, {
				error: () => m.validation_unknown_language_code()
			})
		)
		.max(50)
		.optional(),
	/** A staff user's id, or `none` for clients without an active account manager. */
	accountManager: lineText().min(1).max(64).optional(),
	attributes: z.array(attributeConditionSchema).max(10).optional(),
	noAnswerInDays: days.optional(),
	noPurchaseInDays: days.optional(),
	renewalInDays: z
		.object({ from: days, to: days })
		.refine((range) => range.from <= range.to, { error: () => m.validation_range_order() })
		.optional(),
	reachability: z.enum(reachabilities).optional(),
	/** The score (0–100) of the client's latest scored response. */
	answerScore: z
		.object({ min: score, max: score })
		.refine(inOrder, { error: () => m.clients_answers_score_order() })
		.optional(),
	/** The group of the client's latest NPS answer: any of these. */
	npsGroups: z
		.array(z.enum(npsGroups, { error: () => m.clients_answers_nps_group() }))
		.min(1)
		.max(npsGroups.length)
		.optional(),
	/** The client's latest rating (1–5) of one factor (`factors.id`). */
	factorRating: z
		.object({ factor: recordId(() => m.clients_answers_choose_factor()), min: rating, max: rating })
		.refine(inOrder, { error: () => m.clients_answers_rating_order() })
		.optional(),
	/**
	 * Answered in the last so many days: alone, any answer; with the conditions above, the latest
	 * answer each of them reads must be that recent.
	 */
	answeredInDays: days.optional()
});

export type ClientFilter = z.output<typeof clientFilterSchema> & {
	/** Set by the server, never parsed from input: a scoped user's segment, which every match must also meet. */
	within?: ClientFilter;
};

export const clientSortKeys = [
	'name',
	'email',
	'company',
	'language',
	'renewalOn',
	'lastPurchaseOn',
	'annualValue',
	'createdAt'
] as const;
export type ClientSortKey = (typeof clientSortKeys)[number];
export type ClientSort = { key: ClientSortKey; direction: 'asc' | 'desc' };

const emptyToUndefined = (value: string | null) =>
	value === null || value.trim() === '' ? undefined : value;

/** Reads the list page's query string (a plain GET form, so it works without JavaScript). */
export function filterFromSearchParams(params: URLSearchParams) {
	const attributeKey = emptyToUndefined(params.get('attribute'));
	const renewalFrom = emptyToUndefined(params.get('renewalFrom'));
	const renewalTo = emptyToUndefined(params.get('renewalTo'));
	const scoreMin = emptyToUndefined(params.get('scoreMin'));
	const scoreMax = emptyToUndefined(params.get('scoreMax'));
	const factor = emptyToUndefined(params.get('factor'));
	const ratingMin = emptyToUndefined(params.get('ratingMin'));
	const ratingMax = emptyToUndefined(params.get('ratingMax'));
	const groups = params.getAll('nps').filter(Boolean);
	return clientFilterSchema.safeParse({
		search: emptyToUndefined(params.get('search')),
		tags: params.getAll('tag').filter(Boolean).length
			? params.getAll('tag').filter(Boolean)
			: undefined,
		languages: params.getAll('language').filter(Boolean).length
			? params.getAll('language').filter(Boolean)
			: undefined,
		accountManager: emptyToUndefined(params.get('manager')),
		attributes: attributeKey
			? [
					{
						key: attributeKey,
						equals: emptyToUndefined(params.get('attributeEquals')),
						min: emptyToUndefined(params.get('attributeMin')),
						max: emptyToUndefined(params.get('attributeMax'))
					}
				]
			: undefined,
		noAnswerInDays: emptyToUndefined(params.get('noAnswerInDays')),
		noPurchaseInDays: emptyToUndefined(params.get('noPurchaseInDays')),
		renewalInDays:
			renewalFrom || renewalTo ? { from: renewalFrom ?? 0, to: renewalTo ?? 36500 } : undefined,
		reachability: emptyToUndefined(params.get('reachability')),
		// An open end of a range is the scale's end; a rating range without a factor asks for one.
		answerScore: scoreMin || scoreMax ? { min: scoreMin ?? 0, max: scoreMax ?? 100 } : undefined,
		npsGroups: groups.length ? groups : undefined,
		factorRating:
			factor || ratingMin || ratingMax
				? { factor, min: ratingMin ?? 1, max: ratingMax ?? 5 }
				: undefined,
		answeredInDays: emptyToUndefined(params.get('answeredInDays'))
	});
}

/** The inverse of `filterFromSearchParams`, for links that carry a filter (segments, pages). */
export function filterToSearchParams(filter: ClientFilter): URLSearchParams {
	const params = new URLSearchParams();
	if (filter.search) params.set('search', filter.search);
	filter.tags?.forEach((tag) => params.append('tag', tag));
	filter.languages?.forEach((language) => params.append('language', language));
	if (filter.accountManager) params.set('manager', filter.accountManager);
	const attribute = filter.attributes?.[0];
	if (attribute) {
		params.set('attribute', attribute.key);
		if (attribute.equals) params.set('attributeEquals', attribute.equals);
		if (attribute.min) params.set('attributeMin', attribute.min);
		if (attribute.max) params.set('attributeMax', attribute.max);
	}
	if (filter.noAnswerInDays !== undefined)
		params.set('noAnswerInDays', String(filter.noAnswerInDays));
	if (filter.noPurchaseInDays !== undefined)
		params.set('noPurchaseInDays', String(filter.noPurchaseInDays));
	if (filter.renewalInDays) {
		params.set('renewalFrom', String(filter.renewalInDays.from));
		params.set('renewalTo', String(filter.renewalInDays.to));
	}
	if (filter.reachability) params.set('reachability', filter.reachability);
	if (filter.answerScore) {
		params.set('scoreMin', String(filter.answerScore.min));
		params.set('scoreMax', String(filter.answerScore.max));
	}
	filter.npsGroups?.forEach((group) => params.append('nps', group));
	if (filter.factorRating) {
		params.set('factor', String(filter.factorRating.factor));
		params.set('ratingMin', String(filter.factorRating.min));
		params.set('ratingMax', String(filter.factorRating.max));
	}
	if (filter.answeredInDays !== undefined)
		params.set('answeredInDays', String(filter.answeredInDays));
	return params;
}

/** Whether the filter narrows anything at all. */
export function isFiltered(filter: ClientFilter): boolean {
	return Object.values(filter).some(
		(value) => value !== undefined && !(Array.isArray(value) && value.length === 0)
	);
}

const clientIdField = recordId(() => m.schema_client_filter_not_a_client());

/** Which clients a bulk action on the list is for: those ticked (`ids`), or every one the list's filter matches. */
export const clientSelectionSchema = z.discriminatedUnion(
	'scope',
	[
		// The ticked clients are meant when the form names no scope.
		z.object({
			scope: z.literal('selected').default('selected'),
			ids: z.array(clientIdField).min(1, { error: () => m.clients_bulk_select_one() })
		}),
		z.object({
			scope: z.literal('all'),
			filter: z
				.string()
				.max(4000)
				.default('')
				.transform((query, ctx) => {
					const filter = filterFromSearchParams(new URLSearchParams(query));
					if (filter.success) return filter.data;
					ctx.addIssue({
						code: 'custom',
						message: m.schema_client_filter_invalid()
					});
					return z.NEVER;
				})
		})
	],
	{ error: () => m.schema_client_filter_choose_scope() }
);
