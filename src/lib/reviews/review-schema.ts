import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalLanguage } from '../schemas/clients';
import { parseSubmittedAt } from '../surveys/response-import';
import type { ReviewField } from './fields';

/** One review's fields as a file or call wrote them: trimmed text, empty ones left out. */
export type ReviewValues = Partial<Record<ReviewField, string>>;

/** A review that passed every check, ready to store. */
export type CheckedReview = {
	source: string;
	externalId: string;
	author: string | null;
	stars: number | null;
	title: string | null;
	text: string;
	reviewedAt: Date;
	language: string | null;
	/** Lower-case; matched to a client when stored, kept unlinked when no client has it. */
	email: string | null;
	tag: string | null;
};

export type ReviewProblem = { index: number; field: ReviewField; message: string };

export const MAX_TEXT_LENGTH = 20_000;

const starWords: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * 1–5 from "4", "4.0" or "4,0" (spreadsheets), or "FOUR" (Google's StarRating enum); null for
 * Google's STAR_RATING_UNSPECIFIED; undefined when it is no star rating at all.
 */
export function starsOf(text: string): number | null | undefined {
	const word = text.toLowerCase();
	if (word === 'star_rating_unspecified') return null;
	const named = starWords[word];
	if (named !== undefined) return named;
	const match = /^([1-5])(?:[.,]0+)?$/.exec(text);
	return match ? Number(match[1]) : undefined;
}

// Time zones reach 14 hours ahead of UTC: a review written today somewhere is not "future".
const ZONE_AHEAD_MS = 14 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(1970, 0, 1);
const dateFormats = 'use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. 2025-03-31 or 2025-03-31T14:05:00Z';

function shortened(value: string): string {
	return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const optionalText = (max: number, what: string) =>
	z
		.string()
		.max(max, { error: `${what} has at most ${max.toLocaleString('en')} characters` })
		.optional()
		.transform((value) => value ?? null);

/**
 * The rules every review meets, whatever format it came in; `now` bounds its date. Messages say
 * how to fix the value; where it sits (line and column, or JSON path) is added by the caller.
 */
export function reviewSchema(now: Date) {
	return z.object({
		source: z
			.string({ error: 'Say which site the review comes from, e.g. trustpilot: fill this column, or give a source for the whole file' })
			.max(100, { error: 'A source has at most 100 characters' })
			.transform((source) => source.toLowerCase()),
		externalId: optionalText(200, 'A review id'),
		author: optionalText(200, 'An author'),
		stars: z
			.string()
			.optional()
			.transform((text, ctx) => {
				if (text === undefined) return null;
				const stars = starsOf(text);
				if (stars === undefined) {
					ctx.addIssue({ code: 'custom', input: text, message: `"${shortened(text)}" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)` });
					return z.NEVER;
				}
				return stars;
			}),
		title: optionalText(500, 'A title'),
		text: optionalText(MAX_TEXT_LENGTH, 'A review text'),
		date: z.string({ error: `Give the date of the review: ${dateFormats}` }).transform((text, ctx) => {
			const date = parseSubmittedAt(text);
			const problem = !date
				? `"${shortened(text)}" is not a date: ${dateFormats}`
				: date.getTime() > now.getTime() + ZONE_AHEAD_MS
					? `${text} is in the future: check the date`
					: date.getTime() < EARLIEST
						? `${text} is before 1970: check the year`
						: null;
			if (problem) {
				ctx.addIssue({ code: 'custom', input: text, message: problem });
				return z.NEVER;
			}
			return date!;
		}),
		language: z
			.string()
			.optional()
			.transform((text, ctx) => {
				if (text === undefined) return null;
				const language = canonicalLanguage(text);
				if (!language) ctx.addIssue({ code: 'custom', input: text, message: `Unknown language "${shortened(text)}": use a code like de, nl, fi, ro or en` });
				return language;
			}),
		email: z
			.string()
			.optional()
			.transform((text, ctx) => {
				if (text === undefined) return null;
				if (!emailPattern.test(text)) ctx.addIssue({ code: 'custom', input: text, message: `"${shortened(text)}" is not an email address` });
				return text.toLowerCase();
			}),
		tag: optionalText(100, 'A location or product')
	});
}

/**
 * A stable id for a review whose file gives none, so that importing the same file again finds
 * it: the same source, author, moment and text always give the same id (docs/reviews.md).
 */
export function derivedExternalId(review: Pick<CheckedReview, 'source' | 'author' | 'reviewedAt' | 'text'>): string {
	const key = [review.source, review.author ?? '', review.reviewedAt.toISOString(), review.text].join('\u001f');
	return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/**
 * Checks reviews and turns the valid ones into reviews to store. A review without text uses its
 * title as its text; one with neither is refused. `placeOf` names another review in a message
 * ("line 4", "reviews[3]"), for reviews that repeat an earlier one.
 */
export function checkReviews(
	inputs: ReviewValues[],
	options: { now: Date; placeOf: (index: number) => string }
): { reviews: CheckedReview[]; problems: ReviewProblem[] } {
	const schema = reviewSchema(options.now);
	const firstOfKey = new Map<string, number>();
	const reviews: CheckedReview[] = [];
	const problems: ReviewProblem[] = [];

	inputs.forEach((input, index) => {
		const parsed = schema.safeParse(input);
		const found: ReviewProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ index, field: issue.path[0] as ReviewField, message: issue.message }));
		const text = parsed.success ? (parsed.data.text ?? parsed.data.title) : (input.text ?? input.title);
		if (!text && !found.some((problem) => problem.field === 'text')) {
			found.push({ index, field: 'text', message: 'The review has no text: fill in its text (or at least its title)' });
		}
		if (found.length || !parsed.success || !text) {
			problems.push(...found);
			return;
		}
		const { date, ...values } = parsed.data;
		// A title-only review keeps its words as the text, which is what gets scored and shown.
		const review: CheckedReview = { ...values, title: values.text ? values.title : null, text, reviewedAt: date, externalId: '' };
		review.externalId = values.externalId ?? derivedExternalId(review);

		const key = `${review.source}\u0000${review.externalId}`;
		const first = firstOfKey.get(key);
		if (first !== undefined) {
			const same = values.externalId ? 'the same source and review id' : 'the same source, author, date and text';
			problems.push({ index, field: values.externalId ? 'externalId' : 'text', message: `Repeats the review of ${options.placeOf(first)} (${same})` });
			return;
		}
		firstOfKey.set(key, index);
		reviews.push(review);
	});
	return { reviews, problems };
}
