import { z } from 'zod';
import { lineText, multilineText } from '../../../schemas/text';
import { sentimentQuerySchema } from '../../../schemas/analytics';
import { defineEndpoint } from '../endpoint';
import * as m from '../../../paraglide/messages';

export const MAX_TEXTS_PER_CALL = 1000;
const MAX_TEXT_LENGTH = 20_000;

const label = z.enum(['positive', 'neutral', 'negative']).nullable();
const words = z.array(z.object({ word: z.string(), score: z.number() }));
const mentionTone = {
	label: z.enum(['positive', 'neutral', 'negative']),
	score: z.number(),
	words
};

export const scoreTexts = defineEndpoint({
	method: 'POST',
	path: '/api/v1/sentiment',
	summary: `Score up to ${MAX_TEXTS_PER_CALL} texts; nothing is stored. A text in a language without a word list comes back with label null ("not scored"). Each text's aspects are the factors it mentions, with the tone it gives them: those of the model \`modelId\`, or of every model as stored answers and reviews get them; its topics are the topics defined now that it mentions, with their tone`,
	tag: 'Sentiment',
	role: 'viewer',
	errors: [404],
	body: z.object({
		/** Whose factors' keywords find the aspects; every model's when left out. */
		modelId: z
			.number({ error: () => m.api_sentiment_model_id_number() })
			.int({ error: () => m.api_sentiment_model_id_whole() })
			.positive({ error: () => m.api_sentiment_model_id_positive() })
			.optional(),
		texts: z
			.array(
				z.object({
					text: multilineText()
						.min(1, { error: () => m.api_sentiment_text_empty() })
						.max(MAX_TEXT_LENGTH, {
							error: () => m.api_sentiment_text_too_long({ max: MAX_TEXT_LENGTH })
						}),
					/** A language tag to use instead of detecting one. */
					language: lineText().trim().min(2).max(35).optional()
				})
			)
			.min(1, { error: () => m.api_sentiment_texts_empty() })
			.max(MAX_TEXTS_PER_CALL, {
				error: () => m.api_sentiment_texts_too_many({ max: MAX_TEXTS_PER_CALL })
			})
	}),
	response: z.array(
		z.object({
			language: z.string().nullable(),
			score: z.number(),
			comparative: z.number(),
			label,
			words,
			aspects: z.array(z.object({ factor: z.string(), ...mentionTone })),
			topics: z.array(z.object({ topicId: z.number().int(), name: z.string(), ...mentionTone }))
		})
	)
});

const counts = z.object({
	positive: z.number().int(),
	neutral: z.number().int(),
	negative: z.number().int(),
	notScored: z.number().int(),
	scored: z.number().int()
});
const byKind = z.object({ answers: counts, reviews: counts, both: counts });

export const sentimentAnalytics = defineEndpoint({
	method: 'GET',
	path: '/api/v1/analytics/sentiment',
	summary:
		'Tone of open answers and reviews with the dashboard filters (surveyId, from, to, segment, tag, manager, language, granularity) plus texts=answers|reviews|both and reviewSource: totals, per period, per factor, per topic (overall and per period), top terms of the latest period (in its newest 2,000 positive and negative texts) and the latest negative texts',
	tag: 'Analytics',
	role: 'viewer',
	query: sentimentQuerySchema,
	response: z.object({
		total: byKind,
		periods: z.array(byKind.extend({ key: z.string() })),
		factors: z.array(
			z.object({ factor: z.string(), counts, meanComparative: z.number().nullable() })
		),
		topics: z.array(
			z.object({
				topicId: z.number().int(),
				name: z.string(),
				counts,
				meanComparative: z.number().nullable(),
				periods: z.array(
					z.object({ key: z.string(), counts, meanComparative: z.number().nullable() })
				)
			})
		),
		latestPeriod: z.string().nullable(),
		terms: z.object({
			positive: z.array(z.object({ term: z.string(), count: z.number().int() })),
			negative: z.array(z.object({ term: z.string(), count: z.number().int() }))
		}),
		latestNegative: z.array(
			z.object({
				kind: z.enum(['answer', 'review']),
				id: z.number().int(),
				text: z.string(),
				at: z.string(),
				language: z.string().nullable(),
				clientId: z.number().int().nullable(),
				clientName: z.string().nullable(),
				words,
				comparative: z.number().nullable()
			})
		)
	})
});
