import { z } from 'zod';
import { pathText } from '../surveys/response-import';
import { reviewFields, type ReviewField } from './fields';
import type { ReviewValues } from './review-schema';

type Rule = string | ((issue: z.core.$ZodRawIssue) => string);

/**
 * The shape of one review in JSON: the generic JSON file's items and the API's. Values are
 * checked for their type only; `reviewSchema` holds the rules. With `withPath`, messages start with
 * the place they are about (`reviews[3].stars: …`), as the API answers.
 */
export function reviewItemSchema({ withPath }: { withPath: boolean }) {
	const at =
		(rule: Rule): z.core.$ZodErrorMap =>
		(issue) => {
			const text = typeof rule === 'string' ? rule : rule(issue);
			return withPath ? `${pathText(issue.path ?? [])}: ${text}` : text;
		};
	const text = (what: string, description: string) =>
		z
			.string({ error: at(`give ${what} as text`) })
			.nullable()
			.optional()
			.describe(description);

	return z.strictObject(
		{
			source: z
				.string({ error: at('give the source as text, e.g. "trustpilot"') })
				.optional()
				.describe('The review site, e.g. "trustpilot" or "google" (stored lower-case); required'),
			externalId: z
				.union([z.string(), z.number()], { error: at('give the review id as text or a number') })
				.nullable()
				.optional()
				.describe(
					'The site’s id of the review; re-sending a source and id already stored changes nothing. Left out: derived from source, author, date and text'
				),
			author: text('the author', 'The reviewer’s name as the site shows it'),
			stars: z
				.union([z.number(), z.string()], { error: at('give the stars as a number from 1 to 5') })
				.nullable()
				.optional()
				.describe('1–5; also "4.0" or "FOUR"; null for a review without stars'),
			title: text('the title', 'The review’s headline'),
			text: text(
				'the text',
				'What the reviewer wrote; required unless a title is given (which then serves as the text)'
			),
			date: z
				.string({ error: at('give the date as text, e.g. "2025-03-31" or "2025-03-31T14:05:00Z"') })
				.optional()
				.describe(
					'When the review was written: ISO 8601 date or date-time, UTC unless it names an offset; required'
				),
			language: text(
				'the language as a code',
				'BCP 47 code such as "de"; detected from the text when left out'
			),
			email: text(
				'the client’s email',
				'Links the review to the client with this email (any case); an unknown email leaves it unlinked'
			),
			tag: text('the location or product', 'A location or product the review is about')
		},
		{
			error: at((issue) =>
				issue.code === 'unrecognized_keys'
					? `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.join(', ')}; a review has ${reviewFields.join(', ')}`
					: 'give each review as an object'
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
