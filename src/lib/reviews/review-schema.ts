import { createHash } from 'node:crypto';
import { z } from 'zod';
import { shortened } from '../csv/row-issue';
import { lineText, multilineText } from '../schemas/text';
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

const noText = (index: number): ReviewProblem => ({
	index,
	field: 'text',
	message: 'The review has no text: fill in its text (or at least its title)'
});

export const MAX_TEXT_LENGTH = 20_000;

// A Map, not an object literal: "__proto__" or "constructor" must not find Object.prototype's members.
const starWords = new Map([
	['one', 1],
	['two', 2],
	['three', 3],
	['four', 4],
	['five', 5]
]);

/**
 * 1–5 from "4", "4.0" or "4,0" (spreadsheets), or "FOUR" (Google's StarRating enum); null for
 * Google's STAR_RATING_UNSPECIFIED; undefined when it is no star rating at all.
 */
export function starsOf(text: string): number | null | undefined {
	const word = text.toLowerCase();
	if (word === 'star_rating_unspecified') return null;
	const named = starWords.get(word);
	if (named !== undefined) return named;
	const match = /^([1-5])(?:[.,]0+)?$/.exec(text);
	return match ? Number(match[1]) : undefined;
}

// Time zones reach 14 hours ahead of UTC: a review written today somewhere is not "future".
const ZONE_AHEAD_MS = 14 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(1970, 0, 1);
const dateFormats =
	'use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. 2025-03-31 or 2025-03-31T14:05:00Z';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const optionalText = (max: number, what: string, text: typeof lineText = lineText) =>
	text()
		.max(max, { error: `${what} has at most ${max.toLocaleString('en')} characters` })
		.optional();

/** A check with a message made from the value, for rules that only a function can say. */
function rule(problemOf: (value: string) => string | null) {
	return (ctx: z.core.ParsePayload<string>) => {
		const message = problemOf(ctx.value);
		if (message) ctx.issues.push({ code: 'custom', input: ctx.value, message });
	};
}

/**
 * The rules every review meets, whatever format it came in, and `normalise`, which turns values
 * that passed them into a review; `now` bounds the date. Messages say how to fix the value; where
 * it sits (line and column, or JSON path) is added by the caller. The schema only checks (zod's
 * transforms would cost more than the whole file's parsing at 100,000 reviews).
 */
export function reviewRules(now: Date) {
	// Files repeat days and the normalising step reads each date again: parse each text once.
	const dates = new Map<string, Date | null>();
	const dateOf = (text: string) => {
		let date = dates.get(text);
		if (date === undefined) dates.set(text, (date = parseSubmittedAt(text)));
		return date;
	};
	const schema = z.object({
		source: lineText({
			error:
				'Say which site the review comes from, e.g. trustpilot: fill this column, or give a source for the whole file'
		}).max(100, { error: 'A source has at most 100 characters' }),
		externalId: optionalText(200, 'A review id'),
		author: optionalText(200, 'An author'),
		stars: lineText()
			.check(
				rule((text) =>
					starsOf(text) === undefined
						? `"${shortened(text)}" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)`
						: null
				)
			)
			.optional(),
		title: optionalText(500, 'A title'),
		text: optionalText(MAX_TEXT_LENGTH, 'A review text', multilineText),
		date: lineText({ error: `Give the date of the review: ${dateFormats}` }).check(
			rule((text) => {
				const date = dateOf(text);
				if (!date) return `"${shortened(text)}" is not a date: ${dateFormats}`;
				if (date.getTime() > now.getTime() + ZONE_AHEAD_MS)
					return `${text} is in the future: check the date`;
				return date.getTime() < EARLIEST ? `${text} is before 1970: check the year` : null;
			})
		),
		language: lineText()
			.check(
				rule((text) =>
					canonicalLanguage(text)
						? null
						: `Unknown language "${shortened(text)}": use a code like de, nl, fi, ro or en`
				)
			)
			.optional(),
		email: lineText()
			.check(
				rule((text) =>
					emailPattern.test(text) ? null : `"${shortened(text)}" is not an email address`
				)
			)
			.optional(),
		tag: optionalText(100, 'A location or product')
	});
	type Valid = z.output<typeof schema>;
	/** A review from values that passed the schema, before its text falls back to its title and its id is derived. */
	const normalise = (values: Valid) => ({
		source: values.source.toLowerCase(),
		externalId: values.externalId ?? null,
		author: values.author ?? null,
		stars: values.stars === undefined ? null : starsOf(values.stars)!,
		title: values.title ?? null,
		text: values.text ?? null,
		reviewedAt: dateOf(values.date)!,
		language: values.language === undefined ? null : canonicalLanguage(values.language),
		email: values.email?.toLowerCase() ?? null,
		tag: values.tag ?? null
	});
	return { schema, normalise };
}

/**
 * A stable id for a review whose file gives none, so that importing the same file again finds
 * it: the same source, author, moment and text always give the same id (docs/reviews.md).
 */
export function derivedExternalId(
	review: Pick<CheckedReview, 'source' | 'author' | 'reviewedAt' | 'text'>
): string {
	const key = [
		review.source,
		review.author ?? '',
		review.reviewedAt.toISOString(),
		review.text
	].join('\u001f');
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
	const { schema, normalise } = reviewRules(options.now);
	const firstOfKey = new Map<string, number>();
	const reviews: CheckedReview[] = [];
	const problems: ReviewProblem[] = [];

	inputs.forEach((input, index) => {
		const parsed = schema.safeParse(input);
		if (!parsed.success) {
			problems.push(
				...parsed.error.issues.map((issue) => ({
					index,
					field: issue.path[0] as ReviewField,
					message: issue.message
				}))
			);
			if (
				!input.text &&
				!input.title &&
				!parsed.error.issues.some((issue) => issue.path[0] === 'text')
			)
				problems.push(noText(index));
			return;
		}
		const values = normalise(parsed.data);
		const text = values.text ?? values.title;
		if (!text) {
			problems.push(noText(index));
			return;
		}
		// A title-only review keeps its words as the text, which is what gets scored and shown.
		const review: CheckedReview = {
			...values,
			title: values.text ? values.title : null,
			text,
			externalId: ''
		};
		review.externalId = values.externalId ?? derivedExternalId(review);

		const key = `${review.source}\u0000${review.externalId}`;
		const first = firstOfKey.get(key);
		if (first !== undefined) {
			const same = values.externalId
				? 'the same source and review id'
				: 'the same source, author, date and text';
			problems.push({
				index,
				field: values.externalId ? 'externalId' : 'text',
				message: `Repeats the review of ${options.placeOf(first)} (${same})`
			});
			return;
		}
		firstOfKey.set(key, index);
		reviews.push(review);
	});
	return { reviews, problems };
}
