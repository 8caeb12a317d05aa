import { z } from 'zod';
import * as m from '../paraglide/messages';
import { pathText } from '../surveys/response-import';
import { reviewFields, type ReviewField } from './fields';
import type { ReviewValues } from './review-schema';

/** A rule's message, worded when an item breaks it: the schema is built once, read in any language. */
type Rule = (issue: z.core.$ZodRawIssue) => string;

/**
 * The shape of one review in JSON: the generic JSON file's items and the API's. Values are
 * checked for their type only; `reviewSchema` holds the rules. With `withPath`, messages start with
 * the place they are about (`reviews[3].stars: …`), as the API answers.
 */
export function reviewItemSchema({ withPath }: { withPath: boolean }) {
	const at =
		(rule: Rule): z.core.$ZodErrorMap =>
		(issue) => {
			const text = rule(issue);
			return withPath ? `${pathText(issue.path ?? [])}: ${text}` : text;
		};
	const text = (rule: Rule, description: string) =>
		z
			.string({ error: at(rule) })
			.nullable()
			.optional()
			.describe(description);

	return z.strictObject(
		{
			source: z
				.string({ error: at(() => m.reviews_import_item_source_type()) })
				.optional()
				.describe('The review site, e.g. "trustpilot" or "google" (stored lower-case); required'),
			externalId: z
				.union([z.string(), z.number()], { error: at(() => m.reviews_import_item_id_type()) })
				.nullable()
				.optional()
				.describe(
					'The site’s id of the review; re-sending a source and id already stored changes nothing. Left out: derived from source, author, date and text'
				),
			author: text(
				() => m.reviews_import_item_author_type(),
				'The reviewer’s name as the site shows it'
			),
			stars: z
				.union([z.number(), z.string()], { error: at(() => m.reviews_import_item_stars_type()) })
				.nullable()
				.optional()
				.describe('1–5; also "4.0" or "FOUR"; null for a review without stars'),
			title: text(() => m.reviews_import_item_title_type(), 'The review’s headline'),
			text: text(
				() => m.reviews_import_item_text_type(),
				'What the reviewer wrote; required unless a title is given (which then serves as the text)'
			),
			date: z
				.string({ error: at(() => m.reviews_import_item_date_type()) })
				.optional()
				.describe(
					'When the review was written: ISO 8601 date or date-time, UTC unless it names an offset; required'
				),
			language: text(
				() => m.reviews_import_item_language_type(),
				'BCP 47 code such as "de"; detected from the text when left out'
			),
			email: text(
				() => m.reviews_import_item_email_type(),
				'Links the review to the client with this email (any case); an unknown email leaves it unlinked'
			),
			tag: text(() => m.reviews_import_item_tag_type(), 'A location or product the review is about')
		},
		{
			error: at((issue) =>
				issue.code === 'unrecognized_keys'
					? m.reviews_import_item_unknown_fields({
							count: issue.keys.length,
							keys: issue.keys.join(', '),
							fields: reviewFields.join(', ')
						})
					: m.reviews_import_item_not_object()
			)
		}
	);
}

export type ReviewItem = z.output<ReturnType<typeof reviewItemSchema>>;

/** An item's values as the rules read them: numbers as text, blanks and nulls left out. */
export function valuesOfItem(item: ReviewItem): ReviewValues {
	const values: ReviewValues = {};
	for (const field of reviewFields) {
		const value = item[field as ReviewField];
		if (value === null || value === undefined) continue;
		const text = String(value).trim();
		if (text) values[field] = text;
	}
	return values;
}
