import { z } from 'zod';
import { keywordList, keywordListSchema } from './models';
import { lineText } from './text';

const nameSchema = lineText()
	.trim()
	.min(1, { error: 'Give the topic a name, e.g. Staff' })
	.max(60, { error: 'Use at most 60 characters for a topic name' });
const keywordsSchema = keywordListSchema.min(1, {
	error: 'Give at least one word or phrase that marks the topic, e.g. staff, personnel, Personal'
});

/** A topic as a manager defines it: a name and the words or phrases that mark it, in any language. */
export const topicInputSchema = z.strictObject({ name: nameSchema, keywords: keywordsSchema });

export type TopicInput = z.output<typeof topicInputSchema>;

/** The same from a form, whose one field holds the words comma-separated. */
export const topicFormSchema = z.object({
	name: nameSchema,
	keywords: z
		.string({ error: 'Give the words that mark the topic' })
		.transform(keywordList)
		.pipe(keywordsSchema)
});
