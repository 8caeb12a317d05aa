import { createHash } from 'node:crypto';
import { z } from 'zod';
import { shortened } from '../csv/row-issue';
import { formatNumber } from '../i18n/format';
import * as m from '../paraglide/messages';
import { lineText, multilineText } from '../schemas/text';
import { canonicalLanguage } from '../schemas/clients';
import { parseSubmittedAt, type Place } from '../surveys/response-import';
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
	message: m.reviews_import_no_text()
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
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const optionalText = (
	max: number,
	tooLong: (inputs: { max: string }) => string,
	text: typeof lineText = lineText
) =>
	text()
		.max(max, { error: () => tooLong({ max: formatNumber(max) }) })
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
		source: lineText({ error: () => m.reviews_import_source_missing() }).max(100, {
			error: () => m.reviews_import_source_too_long({ max: formatNumber(100) })
		}),
		externalId: optionalText(200, m.reviews_import_id_too_long),
		author: optionalText(200, m.reviews_import_author_too_long),
		stars: lineText()
			.check(
				rule((text) =>
					starsOf(text) === undefined
						? m.reviews_import_not_stars({ value: shortened(text) })
						: null
				)
			)
			.optional(),
		title: optionalText(500, m.reviews_import_title_too_long),
		text: optionalText(MAX_TEXT_LENGTH, m.reviews_import_text_too_long, multilineText),
		date: lineText({ error: () => m.reviews_import_date_missing() }).check(
			rule((text) => {
				const date = dateOf(text);
				if (!date) return m.import_not_a_date({ value: shortened(text) });
				if (date.getTime() > now.getTime() + ZONE_AHEAD_MS)
					return m.reviews_import_date_future({ value: text });
				return date.getTime() < EARLIEST ? m.import_before_1970({ value: text }) : null;
			})
		),
		language: lineText()
			.check(
				rule((text) =>
					canonicalLanguage(text)
						? null
						: m.reviews_import_unknown_language({ value: shortened(text) })
				)
			)
			.optional(),
		email: lineText()
			.check(
				rule((text) =>
					emailPattern.test(text) ? null : m.reviews_import_not_email({ value: shortened(text) })
				)
			)
			.optional(),
		tag: optionalText(100, m.reviews_import_tag_too_long)
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
 * title as its text; one with neither is refused. `placeOf` says where another review is (line 4,
 * `reviews[3]`), for reviews that repeat an earlier one.
 */
export function checkReviews(
	inputs: ReviewValues[],
	options: { now: Date; placeOf: (index: number) => Place }
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
			const place = options.placeOf(first);
			const message = values.externalId
				? 'line' in place
					? m.reviews_import_repeats_id_line(place)
					: m.reviews_import_repeats_id_item(place)
				: 'line' in place
					? m.reviews_import_repeats_content_line(place)
					: m.reviews_import_repeats_content_item(place);
			problems.push({ index, field: values.externalId ? 'externalId' : 'text', message });
			return;
		}
		firstOfKey.set(key, index);
		reviews.push(review);
	});
	return { reviews, problems };
}
