import { z } from 'zod';
import { tagNameSchema } from './clients';
import { lineText, multilineText } from './text';
import * as m from '../paraglide/messages';

export const MAX_RESPONSE_TAGS = 20;
export const MAX_RESPONSE_NOTE = 5000;

/**
 * Staff's tags and internal note on one response, as the response page's form sends them: tags
 * separated by commas (lower-cased, each once), an empty note for none.
 */
export const responseAnnotationSchema = z.object({
	tags: lineText()
		.max(MAX_RESPONSE_TAGS * 52, {
			error: () => m.schema_annotation_tags_text_too_long({ max: MAX_RESPONSE_TAGS })
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
			z.array(tagNameSchema).max(MAX_RESPONSE_TAGS, {
				error: () => m.schema_annotation_too_many_tags({ max: MAX_RESPONSE_TAGS })
			})
		),
	note: multilineText()
		.trim()
		.max(MAX_RESPONSE_NOTE, {
			error: () => m.schema_annotation_note_too_long({ max: MAX_RESPONSE_NOTE })
		})
		.default('')
		.transform((note) => note || null)
});

export type ResponseAnnotation = z.output<typeof responseAnnotationSchema>;
