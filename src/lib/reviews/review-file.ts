import { z } from 'zod';
import { cellText } from '../csv/cells';
import { columnName, headerKey } from '../csv/header-mapping';
import { MAX_IMPORT_BYTES, parseCsv, type ParsedCsv, tooLargeMessage } from '../csv/read';
import { extraCellIssue, unplaced, type RowIssue } from '../csv/row-issue';
import * as m from '../paraglide/messages';
import { pathText } from '../surveys/response-import';
import { decodeUtf8File } from '../utf8-file';
import { guessReviewMapping, reviewMappingProblems } from './csv-mapping';
import {
	MAX_SHOWN_ISSUES,
	reviewFieldLabels,
	type ReviewField,
	type ReviewFormat,
	type ReviewIssue
} from './fields';
import { reviewItemSchema, valuesOfItem, type ReviewItem } from './review-item';
import {
	checkReviews,
	type CheckedReview,
	type ReviewProblem,
	type ReviewValues
} from './review-schema';

/** The columns of a CSV file and the field each fills, with its first rows for a preview. */
export type ReviewColumns = {
	headers: string[];
	mapping: (ReviewField | null)[];
	preview: string[][];
};

export type ReviewFileChoice = {
	/** Detected from the file when left out. */
	format?: ReviewFormat;
	/** The generic CSV's columns; guessed from the header when left out. */
	mapping?: (ReviewField | null)[];
	/** The site of reviews that do not name one (generic formats). */
	source?: string;
	/** A location or product for reviews that do not name one. */
	tag?: string;
	now?: Date;
};

export type ReviewReading =
	| {
			ok: false;
			format: ReviewFormat | null;
			message: string;
			problems: string[];
			columns: ReviewColumns | null;
	  }
	| {
			ok: true;
			format: ReviewFormat;
			columns: ReviewColumns | null;
			/** Every valid review; check `issues` first: one problem means nothing may be imported. */
			reviews: CheckedReview[];
			/** The first MAX_SHOWN_ISSUES problems; `issueCount` counts them all. */
			issues: ReviewIssue[];
			issueCount: number;
			/** Ratings without any words (Google allows them): skipped, not refused. */
			withoutText: number;
	  };

type Refusal = Extract<ReviewReading, { ok: false }>;
type ItemIssue = Extract<ReviewIssue, { index: number }>;

const refusal = (
	message: string,
	format: ReviewFormat | null = null,
	extra: Partial<Refusal> = {}
): Refusal => ({
	ok: false,
	format,
	message,
	problems: [],
	columns: null,
	...extra
});

// ---------------------------------------------------------------------------------------------
// The platforms' exports (docs/reviews.md says where these names come from)

/** Trustpilot's review export (CSV): columns read by name, in any order; other columns are ignored. */
export const trustpilotColumns: Record<string, ReviewField> = {
	'Review Id': 'externalId',
	'Review Created (UTC)': 'date',
	'Review Stars': 'stars',
	'Review Title': 'title',
	'Review Content': 'text',
	'Review Username': 'author',
	'Review User Email': 'email',
	'Review Language': 'language',
	'Location Name': 'tag'
};
const trustpilotRequired = ['Review Id', 'Review Created (UTC)', 'Review Stars', 'Review Content'];
const trustpilotFieldByKey = new Map(
	Object.entries(trustpilotColumns).map(([name, field]) => [headerKey(name), field])
);

function looksLikeTrustpilot(headers: string[]): boolean {
	const keys = new Set(headers.map(headerKey));
	return ['Review Id', 'Review Stars', 'Review Created (UTC)'].every((name) =>
		keys.has(headerKey(name))
	);
}

/** A review of the Google Business Profile API (`reviews.list`), as it and exports of it write them. */
const googleReviewSchema = z.object(
	{
		reviewId: z.string({ error: () => m.reviews_import_google_no_review_id() }),
		reviewer: z
			.object(
				{ displayName: z.string().optional(), isAnonymous: z.boolean().optional() },
				{ error: () => m.reviews_import_google_reviewer_type() }
			)
			.optional(),
		starRating: z.string({ error: () => m.reviews_import_google_star_rating_type() }).optional(),
		comment: z.string({ error: () => m.reviews_import_google_comment_type() }).optional(),
		createTime: z.string({ error: () => m.reviews_import_google_no_create_time() })
	},
	{ error: () => m.reviews_import_item_not_object() }
);

/** Where each of our fields sits in a Google review, for messages. */
const googlePaths: Partial<Record<ReviewField, (string | number)[]>> = {
	externalId: ['reviewId'],
	author: ['reviewer', 'displayName'],
	stars: ['starRating'],
	text: ['comment'],
	date: ['createTime']
};

const translatedMarker = '(Translated by Google)';
const originalMarker = '(Original)';

/**
 * The reviewer's own words: Google sends its machine translation and the original in one comment,
 * "(Translated by Google) …\n\n(Original)\n…"; scoring the translation would hide the language.
 */
export function originalComment(comment: string): string {
	const original = comment.indexOf(originalMarker);
	const translated = comment.indexOf(translatedMarker);
	if (original !== -1 && translated !== -1) {
		return translated < original
			? comment.slice(original + originalMarker.length).trim()
			: comment.slice(original + originalMarker.length, translated).trim();
	}
	if (translated > 0) return comment.slice(0, translated).trim();
	return comment.trim();
}

function isGoogleShaped(item: unknown): boolean {
	return typeof item === 'object' && item !== null && ('reviewId' in item || 'starRating' in item);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads a review file in any supported format, or the format chosen, and checks every review in it. */
export function readReviewFile(
	file: Uint8Array | string,
	choice: ReviewFileChoice = {}
): ReviewReading {
	const bytes = typeof file === 'string' ? Buffer.byteLength(file, 'utf8') : file.byteLength;
	if (bytes > MAX_IMPORT_BYTES) return refusal(tooLargeMessage(bytes));
	const decoded = decodeUtf8File(file);
	if (!decoded.ok) return refusal(decoded.message);
	const { text } = decoded;
	if (text.trim() === '') return refusal(m.reviews_import_empty_file());

	const looksLikeJson = /^\s*[[{]/.test(text);
	const format = choice.format ?? (looksLikeJson ? null : 'csv');
	if (format === 'csv' || format === 'trustpilot')
		return readCsvFile(text, format, choice, !choice.format);
	return readJsonFile(text, format, choice);
}

function readCsvFile(
	text: string,
	chosen: 'csv' | 'trustpilot',
	choice: ReviewFileChoice,
	detect: boolean
): ReviewReading {
	const parsed = parseCsv(text, { emptyMessage: m.reviews_import_empty_file() });
	if (!parsed.ok) return refusal(parsed.message, chosen);
	const { csv } = parsed;
	const format = detect && looksLikeTrustpilot(csv.headers) ? 'trustpilot' : chosen;
	if (csv.rows.length === 0) return refusal(m.reviews_import_no_rows(), format);

	if (format === 'trustpilot') {
		const keys = new Set(csv.headers.map(headerKey));
		const missing = trustpilotRequired.filter((name) => !keys.has(headerKey(name)));
		if (missing.length) {
			const names = missing.map((name) => `"${name}"`).join(', ');
			return refusal(
				m.reviews_import_not_trustpilot({ count: missing.length, columns: names }),
				format
			);
		}
		const mapping = csv.headers.map(
			(header) => trustpilotFieldByKey.get(headerKey(header)) ?? null
		);
		return readCsvRows(csv, format, mapping, { ...choice, source: 'trustpilot' });
	}

	// A mapping chosen for another file (other columns) is not applied to this one.
	const mapping =
		choice.mapping?.length === csv.headers.length
			? choice.mapping
			: guessReviewMapping(csv.headers);
	const columns: ReviewColumns = { headers: csv.headers, mapping, preview: csv.rows.slice(0, 5) };
	const problems = reviewMappingProblems(mapping, csv.headers, {
		hasSource: Boolean(choice.source?.trim())
	});
	if (problems.length)
		return refusal(m.reviews_import_choose_columns(), format, { problems, columns });
	return { ...readCsvRows(csv, format, mapping, choice), columns };
}

function readCsvRows(
	csv: ParsedCsv,
	format: ReviewFormat,
	mapping: (ReviewField | null)[],
	choice: ReviewFileChoice
): Extract<ReviewReading, { ok: true }> {
	const columnOf = new Map<ReviewField, number>();
	mapping.forEach((field, column) => {
		if (field && !columnOf.has(field)) columnOf.set(field, column);
	});
	const fieldColumn = (field: ReviewField) => {
		const column = columnOf.get(field);
		return column === undefined ? reviewFieldLabels[field] : columnName(csv.headers, column);
	};

	const extraCells: RowIssue[] = [];
	const inputs = csv.rows.map((cells, row) => {
		const values: ReviewValues = {};
		mapping.forEach((field, column) => {
			const cell = cellText(cells, column);
			if (field && cell) values[field] = cell;
		});
		const extra = extraCellIssue(cells, csv.headers, csv.lines[row]!);
		if (extra) extraCells.push(unplaced(extra));
		return withDefaults(values, choice);
	});
	const checked = checkReviews(inputs, {
		now: choice.now ?? new Date(),
		placeOf: (index) => ({ line: csv.lines[index]! })
	});
	// By line; within a line, in the order the checks found them (as reviews were always listed).
	const issues: RowIssue[] = [
		...extraCells,
		...checked.problems.map(({ index, field, message }) => ({
			line: csv.lines[index]!,
			column: fieldColumn(field),
			message
		}))
	];
	issues.sort((a, b) => a.line - b.line);
	return reading(format, checked.reviews, issues, 0);
}

function withDefaults(
	values: ReviewValues,
	choice: Pick<ReviewFileChoice, 'source' | 'tag'>
): ReviewValues {
	const source = choice.source?.trim();
	const tag = choice.tag?.trim();
	if (source && !values.source) values.source = source;
	if (tag && !values.tag) values.tag = tag;
	return values;
}

function reading(
	format: ReviewFormat,
	reviews: CheckedReview[],
	issues: ReviewIssue[],
	withoutText: number
): Extract<ReviewReading, { ok: true }> {
	return {
		ok: true,
		format,
		columns: null,
		reviews: issues.length ? [] : reviews,
		issues: issues.slice(0, MAX_SHOWN_ISSUES),
		issueCount: issues.length,
		withoutText
	};
}

function readJsonFile(
	text: string,
	chosen: 'json' | 'google' | null,
	choice: ReviewFileChoice
): ReviewReading {
	let root: unknown;
	try {
		root = JSON.parse(text);
	} catch (error) {
		return refusal(
			error instanceof SyntaxError
				? m.reviews_import_invalid_json({ reason: error.message })
				: m.reviews_import_unreadable_json(),
			chosen
		);
	}
	const wrapped =
		typeof root === 'object' &&
		root !== null &&
		!Array.isArray(root) &&
		Array.isArray((root as { reviews?: unknown }).reviews);
	const items = Array.isArray(root)
		? root
		: wrapped
			? ((root as { reviews: unknown[] }).reviews as unknown[])
			: null;
	if (!items) return refusal(m.reviews_import_no_list(), chosen);
	if (items.length === 0) return refusal(m.reviews_import_empty_list(), chosen);
	const format = chosen ?? (isGoogleShaped(items[0]) ? 'google' : 'json');
	const prefix = wrapped ? ['reviews'] : [];
	return format === 'google'
		? readGoogleItems(items, prefix, choice)
		: readJsonItems(items, prefix, choice);
}

type Located = { path: (string | number)[]; message: string };

function itemIssue(index: number, { path, message }: Located): ItemIssue {
	return { index, path, message: `${pathText(path)}: ${message}` };
}

const fileItemSchema = reviewItemSchema({ withPath: false });

/**
 * Checks items of the generic JSON shape (a file's, or an API call's under `prefix`): types
 * first, then the rules; each problem names its place, e.g. `reviews[3].stars`.
 */
export function readReviewItems(
	items: unknown[],
	prefix: (string | number)[],
	choice: ReviewFileChoice
): { reviews: CheckedReview[]; issues: ItemIssue[]; issueCount: number } {
	const read = readJsonItems(items, prefix, choice);
	return { reviews: read.reviews, issues: read.issues as ItemIssue[], issueCount: read.issueCount };
}

function readJsonItems(
	items: unknown[],
	prefix: (string | number)[],
	choice: ReviewFileChoice
): Extract<ReviewReading, { ok: true }> {
	const shapeIssues: ItemIssue[] = [];
	const inputs: ReviewValues[] = [];
	const indexOf: number[] = [];
	items.forEach((item, index) => {
		const parsed = fileItemSchema.safeParse(item);
		if (!parsed.success) {
			for (const issue of parsed.error.issues)
				shapeIssues.push(
					itemIssue(index, {
						path: [...prefix, index, ...(issue.path as (string | number)[])],
						message: issue.message
					})
				);
			return;
		}
		inputs.push(withDefaults(valuesOfItem(parsed.data as ReviewItem), choice));
		indexOf.push(index);
	});
	const checked = checkReviews(inputs, {
		now: choice.now ?? new Date(),
		placeOf: (at) => ({ path: pathText([...prefix, indexOf[at]!]) })
	});
	const ruleIssues = checked.problems.map(({ index, field, message }: ReviewProblem) =>
		itemIssue(indexOf[index]!, { path: [...prefix, indexOf[index]!, field], message })
	);
	const issues = [...shapeIssues, ...ruleIssues].sort((a, b) => a.index - b.index);
	return reading('json', checked.reviews, issues, 0);
}

function readGoogleItems(
	items: unknown[],
	prefix: (string | number)[],
	choice: ReviewFileChoice
): ReviewReading {
	const shapeIssues: ItemIssue[] = [];
	const inputs: ReviewValues[] = [];
	const indexOf: number[] = [];
	let withoutText = 0;
	items.forEach((item, index) => {
		const parsed = googleReviewSchema.safeParse(item);
		if (!parsed.success) {
			for (const issue of parsed.error.issues)
				shapeIssues.push(
					itemIssue(index, {
						path: [...prefix, index, ...(issue.path as (string | number)[])],
						message: issue.message
					})
				);
			return;
		}
		const review = parsed.data;
		const comment = originalComment(review.comment ?? '');
		if (!comment) {
			withoutText += 1;
			return;
		}
		const author = review.reviewer?.isAnonymous ? undefined : review.reviewer?.displayName?.trim();
		const values: ReviewValues = {
			source: 'google',
			externalId: review.reviewId.trim(),
			text: comment,
			date: review.createTime.trim()
		};
		if (author) values.author = author;
		if (review.starRating?.trim()) values.stars = review.starRating.trim();
		inputs.push(withDefaults(values, { tag: choice.tag }));
		indexOf.push(index);
	});
	const checked = checkReviews(inputs, {
		now: choice.now ?? new Date(),
		placeOf: (at) => ({ path: pathText([...prefix, indexOf[at]!]) })
	});
	const ruleIssues = checked.problems.map(({ index, field, message }) =>
		itemIssue(indexOf[index]!, {
			path: [...prefix, indexOf[index]!, ...(googlePaths[field] ?? [])],
			message
		})
	);
	const issues = [...shapeIssues, ...ruleIssues].sort((a, b) => a.index - b.index);
	return reading('google', checked.reviews, issues, withoutText);
}
