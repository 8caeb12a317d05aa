import { z } from 'zod';
import { dateSchema, tagNameSchema } from './clients';
import { recordId } from './ids';
import { sentimentChoices } from './review-filter';
import { lineText } from './text';
import * as m from '../paraglide/messages';

export const caseChoices = ['with', 'without'] as const;

const scoreSchema = lineText()
	.trim()
	.regex(/^\d{1,3}(\.\d+)?$/, { error: () => m.schema_inbox_score() })
	.transform(Number)
	.refine((score) => score <= 100, { error: () => m.schema_inbox_score() });

/**
 * Which responses the inbox shows. Every value is text, as a query string holds it: the inbox's
 * GET form and its links read the same parameters. Dates are UTC days, both ends included.
 */
const fields = {
	survey: recordId(() => m.schema_inbox_choose_survey()).optional(),
	from: dateSchema.optional(),
	to: dateSchema.optional(),
	segment: recordId(() => m.schema_inbox_choose_segment()).optional(),
	minScore: scoreSchema.optional(),
	maxScore: scoreSchema.optional(),
	sentiment: z
		.enum(sentimentChoices, {
			error: () => m.validation_choose_one_of({ choices: sentimentChoices.join(', ') })
		})
		.optional(),
	search: lineText()
		.trim()
		.max(200, { error: () => m.schema_inbox_search_too_long() })
		.optional(),
	case: z
		.enum(caseChoices, {
			error: () => m.validation_choose_one_of({ choices: caseChoices.join(', ') })
		})
		.optional(),
	tag: tagNameSchema.toLowerCase().optional(),
	topic: recordId(() => m.validation_choose_topic()).optional(),
	client: recordId(() => m.schema_inbox_client_id()).optional()
};

export type InboxFilter = {
	[K in keyof typeof fields]?: NonNullable<z.output<(typeof fields)[K]>>;
} & {
	/** Set by the server from the signed-in user's scope, never parsed from a URL. */
	scopeSegment?: number;
};
type Field = keyof typeof fields;

const fieldNames = Object.keys(fields) as Field[];

/** How the inbox names each filter in its messages (getters: worded in the reader's language). */
export const inboxFilterLabels: Record<Field, string> = {
	get survey() {
		return m.common_survey();
	},
	get from() {
		return m.common_date_from();
	},
	get to() {
		return m.common_date_to();
	},
	get segment() {
		return m.dashboard_filter_segment();
	},
	get minScore() {
		return m.responses_min_score();
	},
	get maxScore() {
		return m.responses_max_score();
	},
	get sentiment() {
		return m.reviews_sentiment();
	},
	get search() {
		return m.common_search();
	},
	get case() {
		return m.responses_case_filter();
	},
	get tag() {
		return m.responses_tag();
	},
	get topic() {
		return m.dashboard_topic();
	},
	get client() {
		return m.common_client();
	}
};

/** Pairs whose upper end is dropped, with this message, when it lies below the lower end. */
const ranges = [
	{ low: 'from', high: 'to', message: m.validation_period_order },
	{ low: 'minScore', high: 'maxScore', message: m.schema_inbox_score_order }
] as const;

function upperEndsOutOfOrder(filter: InboxFilter): { field: Field; message: string }[] {
	return ranges
		.filter(({ low, high }) => {
			const [a, b] = [filter[low], filter[high]];
			return a !== undefined && b !== undefined && a > b;
		})
		.map(({ high, message }) => ({ field: high, message: message() }));
}

/** The whole filter at once, e.g. for a test or an API body: every problem is an issue. */
export const inboxFilterSchema = z.object(fields).superRefine((filter, ctx) => {
	for (const { field, message } of upperEndsOutOfOrder(filter))
		ctx.addIssue({ code: 'custom', path: [field], message });
});

/**
 * Reads the inbox's query string: blank fields are no filter. A value that cannot be read (a
 * hand-edited link) drops that filter alone, with a message naming it, so the rest still apply.
 */
export function inboxFilterFromSearchParams(params: URLSearchParams): {
	filter: InboxFilter;
	problems: string[];
} {
	const read: Record<string, unknown> = {};
	const problems: string[] = [];
	for (const name of fieldNames) {
		const value = params.get(name);
		if (value === null || value.trim() === '') continue;
		const parsed = fields[name].safeParse(value);
		if (parsed.success) read[name] = parsed.data;
		else problems.push(`${inboxFilterLabels[name]}: ${parsed.error.issues[0]!.message}`);
	}
	const filter = read as InboxFilter;
	for (const { field, message } of upperEndsOutOfOrder(filter)) {
		problems.push(`${inboxFilterLabels[field]}: ${message}`);
		delete filter[field];
	}
	return { filter, problems };
}

/** The inverse of `inboxFilterFromSearchParams`, for links that keep the filter (pages, the client card). */
export function inboxFilterToSearchParams(filter: InboxFilter): URLSearchParams {
	const params = new URLSearchParams();
	for (const name of fieldNames)
		if (filter[name] !== undefined) params.set(name, String(filter[name]));
	return params;
}

export const isInboxFiltered = (filter: InboxFilter) =>
	fieldNames.some((name) => filter[name] !== undefined);

/** Where a page starts: after (older than) or before (newer than) a response the inbox showed. */
export type InboxCursor = { direction: 'older' | 'newer'; submittedAt: number; id: number };

const cursorSchema = lineText().regex(/^\d{1,15}-\d{1,15}$/);

/** `?older=<ms>-<id>` or `?newer=<ms>-<id>`; a cursor that cannot be read starts at the newest, saying so. */
export function inboxCursorFromSearchParams(params: URLSearchParams): {
	cursor: InboxCursor | null;
	problem: string | null;
} {
	for (const direction of ['older', 'newer'] as const) {
		const value = params.get(direction);
		if (value === null) continue;
		if (!cursorSchema.safeParse(value).success)
			return {
				cursor: null,
				problem: m.schema_inbox_bad_cursor()
			};
		const [submittedAt, id] = value.split('-').map(Number) as [number, number];
		return { cursor: { direction, submittedAt, id }, problem: null };
	}
	return { cursor: null, problem: null };
}

export const inboxCursorParam = ({ submittedAt, id }: { submittedAt: Date; id: number }) =>
	`${submittedAt.getTime()}-${id}`;
