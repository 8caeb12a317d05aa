import { z } from 'zod';
import { lineText } from './text';
import { dateSchema } from './clients';
import { recordId } from './ids';
import * as m from '../paraglide/messages';

export const sentimentChoices = ['positive', 'neutral', 'negative', 'not-scored'] as const;
export type SentimentChoice = (typeof sentimentChoices)[number];

/** Getters, so that each reading is worded in the reader's language. */
export const sentimentChoiceLabels: Record<SentimentChoice, string> = {
	get positive() {
		return m.reviews_sentiment_positive();
	},
	get neutral() {
		return m.reviews_sentiment_neutral();
	},
	get negative() {
		return m.reviews_sentiment_negative();
	},
	get 'not-scored'() {
		return m.reviews_not_scored();
	}
};

/** The tone choices as a filter offers them. */
export const sentimentOptions = sentimentChoices.map((value) => ({
	value,
	get label() {
		return sentimentChoiceLabels[value];
	}
}));

/**
 * Which reviews to show. Every value is text, as a query string holds it, so the list page's GET
 * form and `GET /api/v1/reviews` read the same parameters.
 */
export const reviewFilterSchema = z.object({
	search: lineText().trim().max(200).optional().describe('Words in the text, title or author'),
	source: lineText()
		.trim()
		.toLowerCase()
		.max(100)
		.optional()
		.describe('A review site, e.g. "trustpilot"'),
	stars: lineText()
		.regex(/^[1-5](,[1-5])*$/, {
			error: () => m.schema_reviews_stars()
		})
		.transform((text) => [...new Set(text.split(',').map(Number))].sort())
		.optional()
		.describe('Star ratings, e.g. "4,5"'),
	sentiment: z
		.enum(sentimentChoices, {
			error: () => m.validation_choose_one_of({ choices: sentimentChoices.join(', ') })
		})
		.optional()
		.describe('The tone of the text'),
	language: lineText()
		.trim()
		.max(35)
		.optional()
		.describe('Language code: as the file said, else as detected'),
	factor: lineText()
		.trim()
		.max(100)
		.optional()
		.describe('A factor key: reviews with a sentence about that factor'),
	topic: recordId(() => m.validation_choose_topic())
		.optional()
		.describe('A topic id: reviews that mention that topic'),
	tag: lineText().trim().max(100).optional().describe('A location or product'),
	from: dateSchema.optional().describe('First day, YYYY-MM-DD (UTC)'),
	to: dateSchema.optional().describe('Last day, YYYY-MM-DD (UTC)'),
	disagree: z
		.enum(['true', 'on'], { error: () => m.schema_reviews_disagree() })
		.transform(() => true)
		.optional()
		.describe('"true": 4–5 stars with negative text, or 1–2 stars with positive text')
});

export type ReviewFilter = z.output<typeof reviewFilterSchema>;

const filterKeys = Object.keys(reviewFilterSchema.shape) as (keyof ReviewFilter)[];

/** Reads the list page's query string: blank fields are no filter; star boxes may repeat. */
export function reviewFilterFromSearchParams(params: URLSearchParams) {
	const values: Record<string, string> = {};
	for (const key of filterKeys) {
		const value = key === 'stars' ? params.getAll('stars').join(',') : (params.get(key) ?? '');
		if (value.trim() !== '') values[key] = value;
	}
	return reviewFilterSchema.safeParse(values);
}

/** The inverse of `reviewFilterFromSearchParams`, for links that keep the filter (pages). */
export function reviewFilterToSearchParams(filter: ReviewFilter): URLSearchParams {
	const params = new URLSearchParams();
	for (const key of filterKeys) {
		const value = filter[key];
		if (value === undefined) continue;
		if (key === 'stars')
			(value as number[]).forEach((stars) => params.append('stars', String(stars)));
		else params.set(key, value === true ? 'true' : String(value));
	}
	return params;
}

export function isReviewFiltered(filter: ReviewFilter): boolean {
	return filterKeys.some((key) => filter[key] !== undefined);
}
