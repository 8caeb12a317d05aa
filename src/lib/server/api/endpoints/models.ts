import { z } from 'zod';
import { modelInputSchema, modelVersionInputSchema } from '../../../schemas/models';
import { SUPPORTED_LANGUAGES } from '../../../sentiment/types';
import { defineEndpoint } from '../endpoint';

const factorSchema = z.object({
	key: z.string(),
	name: z.string(),
	weight: z.number(),
	share: z.number().describe('weight / sum of weights')
});

export const modelSchema = z.object({
	id: z.number().int(),
	name: z.string(),
	description: z.string().nullable(),
	version: z.number().int().describe('Current version'),
	factors: z.array(
		factorSchema.extend({
			description: z.string().nullable(),
			keywords: z.array(z.string()).describe('Keywords for texts in any language'),
			keywordsByLanguage: z
				.partialRecord(z.enum(SUPPORTED_LANGUAGES), z.array(z.string()))
				.describe('Keywords only for texts in that language')
		})
	),
	versions: z.array(
		z.object({
			version: z.number().int(),
			note: z.string().nullable(),
			weightSource: z.enum(['stated', 'derived']),
			createdAt: z.iso.datetime(),
			factors: z.array(factorSchema)
		})
	)
});

export const listModels = defineEndpoint({
	method: 'GET',
	path: '/api/v1/models',
	summary: 'CSI models with their factors and every weight version',
	tag: 'Factors',
	role: 'manager',
	response: z.object({ items: z.array(modelSchema) })
});

export const createModel = defineEndpoint({
	method: 'POST',
	path: '/api/v1/models',
	summary: 'Create a CSI model (version 1)',
	tag: 'Factors',
	role: 'manager',
	body: modelInputSchema,
	successStatus: 201,
	errors: [409],
	response: modelSchema
});

export const createModelVersion = defineEndpoint({
	method: 'POST',
	path: '/api/v1/models/{id}/versions',
	summary:
		'New weights for a model, as a new version; factors left out leave the model, new keys (with a name) join it',
	tag: 'Factors',
	role: 'manager',
	body: modelVersionInputSchema,
	successStatus: 201,
	errors: [404],
	response: modelSchema
});
