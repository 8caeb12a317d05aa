import { z } from 'zod';
import { lineText } from './text';
import { attributeKeySchema, canonicalLanguage } from './clients';
import { recordId } from './ids';
import * as m from '../paraglide/messages';

const days = z.coerce.number().int().min(0).max(36500);

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
	reachability: z.enum(reachabilities).optional()
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
		reachability: emptyToUndefined(params.get('reachability'))
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
