import { z } from 'zod';
import { tagNameSchema } from './clients';
import { lineText, multilineText } from './text';

export const MAX_RESPONSE_TAGS = 20;
export const MAX_RESPONSE_NOTE = 5000;

/**
 * Staff's tags and internal note on one response, as the response page's form sends them: tags
 * separated by commas (lower-cased, each once), an empty note for none.
 */
export const responseAnnotationSchema = z.object({
	tags: lineText()
		.max(MAX_RESPONSE_TAGS * 52, {
			error: `Give at most ${MAX_RESPONSE_TAGS} tags of at most 50 characters each`
		})
		.default('')
		.transform((text) => [
			...new Set(
				text
					.split(',')
					.map((tag) => tag.trim().toLowerCase())
					.filter(Boolean)
			)
		])
		.pipe(
			z
				.array(tagNameSchema)
				.max(MAX_RESPONSE_TAGS, { error: `Give at most ${MAX_RESPONSE_TAGS} tags` })
		),
	note: multilineText()
		.trim()
		.max(MAX_RESPONSE_NOTE, { error: `Keep the note to ${MAX_RESPONSE_NOTE} characters` })
		.default('')
		.transform((note) => note || null)
});

export type ResponseAnnotation = z.output<typeof responseAnnotationSchema>;
