import { z } from 'zod';
import { MAX_REVIEWS_PER_CALL } from '../../../reviews/fields';
import { reviewItemSchema } from '../../../reviews/review-item';
import { reviewFilterSchema } from '../../../schemas/review-filter';
import { pathText } from '../../../surveys/response-import';
import { defineEndpoint } from '../endpoint';
import * as m from '../../../paraglide/messages';

const at: z.core.$ZodErrorMap = (issue) =>
	`${pathText(issue.path ?? [])}: ${m.api_reviews_count_rule({ max: MAX_REVIEWS_PER_CALL })}`;

export const importReviewsBodySchema = z.strictObject(
	{
		reviews: z
			.array(reviewItemSchema({ withPath: true }), { error: at })
			.min(1, { error: at })
			.max(MAX_REVIEWS_PER_CALL, { error: at })
	},
	{
		error: (issue) =>
			issue.code === 'unrecognized_keys'
				? m.api_reviews_unknown_fields({ keys: issue.keys.join(', ') })
				: undefined
	}
);

export const importReviews = defineEndpoint({
	method: 'POST',
	path: '/api/v1/reviews',
	summary:
		'Import reviews from a review site, all or nothing, each scored for sentiment. A review whose source and externalId are stored already is left as it is, so sending the same reviews again changes nothing. On 400 nothing is stored and `error.issues` names each problem’s place, e.g. `reviews[3].stars`.',
	tag: 'Reviews',
	role: 'manager',
	body: importReviewsBodySchema,
	response: z.object({
		received: z.number().int(),
		created: z.number().int(),
		alreadyImported: z
			.number()
			.int()
			.describe('Stored before (same source and externalId); left unchanged'),
		linked: z.number().int().describe('New reviews linked to a client by email'),
		unknownEmails: z
			.number()
			.int()
			.describe('New reviews with an email no client has; stored unlinked'),
		sentiment: z
			.object({
				positive: z.number().int(),
				neutral: z.number().int(),
				negative: z.number().int(),
				notScored: z.number().int()
			})
			.describe('Of the new reviews')
	})
});

const sentimentLabel = z.enum(['positive', 'neutral', 'negative']);

export const reviewJsonSchema = z.object({
	id: z.number().int(),
	source: z.string(),
	externalId: z.string(),
	author: z.string().nullable(),
	stars: z.number().int().nullable(),
	title: z.string().nullable(),
	text: z.string(),
	reviewedAt: z.iso.datetime(),
	language: z.string().nullable().describe('As imported, else as detected'),
	tag: z.string().nullable(),
	clientId: z.number().int().nullable(),
	importedAt: z.iso.datetime(),
	sentiment: z.object({
		label: sentimentLabel
			.nullable()
			.describe('null: not scored (no word list for the language) or not yet scored'),
		score: z.number().nullable(),
		comparative: z.number().nullable(),
		words: z
			.array(z.object({ word: z.string(), score: z.number() }))
			.describe('The words that drove the score'),
		aspects: z.array(
			z.object({
				factor: z.string(),
				score: z.number(),
				comparative: z.number(),
				label: sentimentLabel,
				sentences: z.number().int()
			})
		),
		version: z.string().nullable()
	})
});

export const listReviewsQuerySchema = reviewFilterSchema.extend({
	limit: z.coerce.number().int().min(1).max(500).default(50),
	offset: z.coerce.number().int().min(0).default(0)
});

export const listReviews = defineEndpoint({
	method: 'GET',
	path: '/api/v1/reviews',
	summary: 'Imported reviews, newest first, with their sentiment; filters as on the reviews screen',
	tag: 'Reviews',
	role: 'viewer',
	query: listReviewsQuerySchema,
	response: z.object({ items: z.array(reviewJsonSchema), total: z.number().int() })
});
