import type { RowIssue } from '../csv/row-issue';
import * as m from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';

type Wording = (inputs?: object, options?: { locale?: Locale }) => string;

/** A record whose values are worded each time they are read, in the language of the request. */
function wordedWhenRead<K extends string>(wordings: Record<K, Wording>): Record<K, string> {
	const record = {} as Record<K, string>;
	for (const key of Object.keys(wordings) as K[])
		Object.defineProperty(record, key, { get: () => wordings[key](), enumerable: true });
	return record;
}

/** What a review import keeps of each review; the generic CSV's columns map onto these. */
export const reviewFields = [
	'source',
	'externalId',
	'author',
	'stars',
	'title',
	'text',
	'date',
	'language',
	'email',
	'tag'
] as const;

export type ReviewField = (typeof reviewFields)[number];

/** Each field's label, in the request's language unless a locale is named. */
export const reviewFieldLabel: Record<ReviewField, Wording> = {
	source: m.reviews_import_field_source,
	externalId: m.reviews_import_field_external_id,
	author: m.reviews_import_field_author,
	stars: m.reviews_import_field_stars,
	title: m.reviews_import_field_title,
	text: m.reviews_import_field_text,
	date: m.common_date,
	language: m.common_language,
	email: m.reviews_import_field_email,
	tag: m.reviews_tag
};

export const reviewFieldLabels = wordedWhenRead(reviewFieldLabel);

export function isReviewField(value: string): value is ReviewField {
	return (reviewFields as readonly string[]).includes(value);
}

/** File formats the import reads: two generic ones and two review platforms' exports (docs/reviews.md). */
export const reviewFormats = ['csv', 'json', 'trustpilot', 'google'] as const;

export type ReviewFormat = (typeof reviewFormats)[number];

export const reviewFormatLabels = wordedWhenRead<ReviewFormat>({
	csv: m.reviews_import_format_csv,
	json: m.reviews_import_format_json,
	trustpilot: m.reviews_import_format_trustpilot,
	google: m.reviews_import_format_google
});

/** As a summary names the format a file was read as. */
export const reviewFormatNames = wordedWhenRead<ReviewFormat>({
	csv: m.reviews_import_format_name_csv,
	json: m.reviews_import_format_name_json,
	trustpilot: m.reviews_import_format_name_trustpilot,
	google: m.reviews_import_format_name_google
});

/** Reviews per API call; a file is bounded by its size instead (20 MB holds about 100,000). */
export const MAX_REVIEWS_PER_CALL = 10_000;

/** Problems listed to the person importing; the rest are counted. */
export const MAX_SHOWN_ISSUES = 50;

/**
 * Where a problem is: a CSV line and column, or a JSON item and its path (`['reviews', 3, 'stars']`),
 * whose message then starts with the path as text (`reviews[3].stars: …`).
 */
export type ReviewIssue = RowIssue | { index: number; path: (string | number)[]; message: string };
