import { z } from 'zod';
import { keywordList, keywordListSchema } from './models';
import { lineText } from './text';
import * as m from '../paraglide/messages';

const nameSchema = lineText()
	.trim()
	.min(1, { error: () => m.schema_topics_name_required() })
	.max(60, { error: () => m.schema_topics_name_too_long() });
const keywordsSchema = keywordListSchema.min(1, {
	error: () => m.schema_topics_keywords_required()
});

/** A topic as a manager defines it: a name and the words or phrases that mark it, in any language. */
export const topicInputSchema = z.strictObject({ name: nameSchema, keywords: keywordsSchema });

export type TopicInput = z.output<typeof topicInputSchema>;

/** The same from a form, whose one field holds the words comma-separated. */
export const topicFormSchema = z.object({
	name: nameSchema,
	keywords: z
		.string({ error: () => m.schema_topics_keywords_missing() })
		.transform(keywordList)
		.pipe(keywordsSchema)
});
