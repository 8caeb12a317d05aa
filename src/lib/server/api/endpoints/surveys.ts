import { z } from 'zod';
import { lineText } from '../../../schemas/text';
import { surveyDefinitionSchema } from '../../../schemas/survey';
import { defineEndpoint } from '../endpoint';

export const surveySchema = z.object({
	id: z.number().int(),
	name: z.string(),
	status: z.enum(['draft', 'open', 'closed', 'archived']),
	model: z.object({ id: z.number().int(), name: z.string() }).nullable(),
	version: z.number().int(),
	definition: surveyDefinitionSchema,
	problems: z.array(
		z.object({
			level: z.enum(['error', 'warning']),
			path: z.array(z.union([z.string(), z.number()])),
			message: z.string()
		})
	)
});

const surveyBodySchema = z.object({
	name: lineText().trim().min(1).max(200),
	modelId: z.number().int().positive().nullable(),
	definition: surveyDefinitionSchema
});

export const listSurveys = defineEndpoint({
	method: 'GET',
	path: '/api/v1/surveys',
	summary: 'Surveys with their status and current version',
	tag: 'Surveys',
	role: 'manager',
	response: z.object({
		items: z.array(
			z.object({
				id: z.number().int(),
				name: z.string(),
				status: surveySchema.shape.status,
				modelId: z.number().int().nullable(),
				version: z.number().int()
			})
		)
	})
});

export const createSurvey = defineEndpoint({
	method: 'POST',
	path: '/api/v1/surveys',
	summary:
		'Create a draft survey from a definition (the builder’s own format; rating questions name their factor by key)',
	tag: 'Surveys',
	role: 'manager',
	body: surveyBodySchema,
	successStatus: 201,
	errors: [404],
	response: surveySchema
});

export const getSurvey = defineEndpoint({
	method: 'GET',
	path: '/api/v1/surveys/{id}',
	summary: 'A survey with its current definition and what keeps it from opening',
	tag: 'Surveys',
	role: 'manager',
	errors: [404],
	response: surveySchema
});

export const replaceSurvey = defineEndpoint({
	method: 'PUT',
	path: '/api/v1/surveys/{id}',
	summary:
		'Replace the definition. Once answered, a change of meaning becomes a new version; wording changes stay in place',
	tag: 'Surveys',
	role: 'manager',
	body: surveyBodySchema.omit({ modelId: true }),
	errors: [404, 409],
	response: surveySchema.extend({ newVersion: z.boolean() })
});

const statusChange = (action: 'open' | 'close') =>
	defineEndpoint({
		method: 'POST',
		path: `/api/v1/surveys/{id}/${action}`,
		summary:
			action === 'open'
				? 'Open for answers; 400 lists what to fix first'
				: 'Close: no more answers',
		tag: 'Surveys',
		role: 'manager',
		errors: [404, 409],
		response: surveySchema
	});

export const openSurvey = statusChange('open');
export const closeSurvey = statusChange('close');
