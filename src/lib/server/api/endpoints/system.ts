import { z } from 'zod';
import { roles } from '../../../roles';
import { defineEndpoint } from '../endpoint';

export const health = defineEndpoint({
	method: 'GET',
	path: '/api/v1/health',
	summary:
		'Readiness, for load balancers and monitors, unauthenticated: 200 when the database accepts a write (and its disk has room for more) and the mail and webhook workers of this process finished a round recently; otherwise 503, whose `error.issues` name each failing check (`path`) and why.',
	tag: 'System',
	role: null,
	response: z.object({
		status: z.literal('ok'),
		checks: z.object({
			database: z.literal('ok'),
			mailWorker: z.literal('ok'),
			webhookWorker: z.literal('ok')
		})
	}),
	errors: [503]
});

export const openApiDocument = defineEndpoint({
	method: 'GET',
	path: '/api/v1/openapi.json',
	summary: 'This API description (OpenAPI 3.1)',
	tag: 'System',
	role: null,
	response: z.record(z.string(), z.unknown())
});

export const me = defineEndpoint({
	method: 'GET',
	path: '/api/v1/me',
	summary: 'The API key making the request',
	tag: 'System',
	role: 'viewer',
	response: z.object({
		apiKey: z.object({ id: z.string(), name: z.string(), role: z.enum(roles) })
	})
});
