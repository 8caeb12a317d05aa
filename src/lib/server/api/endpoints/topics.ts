import { z } from 'zod';
import { topicInputSchema } from '../../../schemas/topics';
import { defineEndpoint } from '../endpoint';

const topicSchema = z.object({
	id: z.number().int(),
	name: z.string(),
	keywords: z
		.array(z.string())
		.describe('Words and phrases that mark the topic in texts of any language')
});

export const listTopics = defineEndpoint({
	method: 'GET',
	path: '/api/v1/topics',
	summary:
		'Topics: what clients talk about beyond the factors, each named by its words; GET /api/v1/analytics/sentiment gives their tone',
	tag: 'Sentiment',
	role: 'viewer',
	response: z.object({ items: z.array(topicSchema) })
});

export const createTopic = defineEndpoint({
	method: 'POST',
	path: '/api/v1/topics',
	summary:
		'Define a topic; stored answers and reviews are tagged with it in the background (progress: the sentiment job)',
	tag: 'Sentiment',
	role: 'manager',
	body: topicInputSchema,
	successStatus: 201,
	errors: [409],
	response: topicSchema
});

export const replaceTopic = defineEndpoint({
	method: 'PUT',
	path: '/api/v1/topics/{id}',
	summary: 'Rename a topic or change its words; stored texts are tagged again in the background',
	tag: 'Sentiment',
	role: 'manager',
	body: topicInputSchema,
	errors: [404, 409],
	response: topicSchema
});

export const deleteTopic = defineEndpoint({
	method: 'DELETE',
	path: '/api/v1/topics/{id}',
	summary: 'Delete a topic: it leaves the reports at once and the texts’ tags in the background',
	tag: 'Sentiment',
	role: 'manager',
	errors: [404],
	response: z.object({ deleted: z.literal(true) })
});
