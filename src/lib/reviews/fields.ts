import type { RowIssue } from '../csv/row-issue';

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

export const reviewFieldLabels: Record<ReviewField, string> = {
	source: 'Source (review site)',
	externalId: 'Review id',
	author: 'Author',
	stars: 'Stars (1–5)',
	title: 'Title',
	text: 'Text',
	date: 'Date',
	language: 'Language',
	email: 'Client email',
	tag: 'Location or product'
};

export function isReviewField(value: string): value is ReviewField {
	return (reviewFields as readonly string[]).includes(value);
}

/** File formats the import reads: two generic ones and two review platforms' exports (docs/reviews.md). */
export const reviewFormats = ['csv', 'json', 'trustpilot', 'google'] as const;

export type ReviewFormat = (typeof reviewFormats)[number];

export const reviewFormatLabels: Record<ReviewFormat, string> = {
	csv: 'Generic CSV (you choose the columns)',
	json: 'Generic JSON (an array of reviews)',
	trustpilot: 'Trustpilot review export (CSV)',
	google: 'Google Business Profile reviews (JSON)'
};

/** As a summary names the format a file was read as. */
export const reviewFormatNames: Record<ReviewFormat, string> = {
	csv: 'generic CSV',
	json: 'generic JSON',
	trustpilot: 'Trustpilot export',
	google: 'Google Business Profile export'
};

/** Reviews per API call; a file is bounded by its size instead (20 MB holds about 100,000). */
export const MAX_REVIEWS_PER_CALL = 10_000;

/** Problems listed to the person importing; the rest are counted. */
export const MAX_SHOWN_ISSUES = 50;

/**
 * Where a problem is: a CSV line and column, or a JSON item and its path (`['reviews', 3, 'stars']`),
 * whose message then starts with the path as text (`reviews[3].stars: …`).
 */
export type ReviewIssue = RowIssue | { index: number; path: (string | number)[]; message: string };
