import { z } from 'zod';
import { errorCodes, type ErrorStatus } from './errors';
import type { Endpoint } from './endpoint';

const errorSchema = z.object({
	error: z.object({
		code: z.enum(Object.values(errorCodes)),
		message: z.string(),
		issues: z
			.array(
				z.union([
					z.object({
						path: z.array(z.union([z.string(), z.number()])),
						message: z.string(),
						code: z.string()
					}),
					z.object({ row: z.number().int(), column: z.string(), message: z.string() })
				])
			)
			.optional()
	})
});

const errorDescriptions: Record<ErrorStatus, string> = {
	400: 'The request is not valid; `issues` says where and why',
	401: 'No API key, or an unknown or revoked one',
	403: "The key's role does not allow this",
	404: 'Not found',
	405: 'The path has no such method',
	409: 'Conflicts with existing data',
	413: 'The body is larger than the server takes (BODY_SIZE_LIMIT)',
	429: 'Too many requests; see Retry-After',
	500: 'Unexpected server error',
	503: 'A dependency (such as the database) is unavailable'
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
	return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
}

function errorResponses(statuses: number[]) {
	const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
	return Object.fromEntries(
		statuses.map((status) => [
			String(status),
			{ description: errorDescriptions[status as ErrorStatus], content: errorContent }
		])
	);
}

function queryParameters(schema: z.ZodType) {
	const { properties = {}, required = [] } = jsonSchema(schema, 'input') as {
		properties?: Record<string, object>;
		required?: string[];
	};
	return Object.entries(properties).map(([name, property]) => ({
		name,
		in: 'query',
		required: required.includes(name),
		schema: property
	}));
}

function pathParameters(path: string) {
	return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
		name,
		in: 'path',
		required: true,
		schema: { type: 'integer' }
	}));
}

function operation(endpoint: Endpoint) {
	const statuses = [
		...(endpoint.body || endpoint.query ? [400] : []),
		...(endpoint.body ? [413] : []),
		...(endpoint.role ? [401, 403, 429] : []),
		...(endpoint.errors ?? []),
		500
	];
	return {
		summary: endpoint.summary,
		tags: [endpoint.tag],
		security: endpoint.role ? [{ bearerAuth: [] }] : [],
		...(endpoint.role ? { 'x-required-role': endpoint.role } : {}),
		parameters: [
			...pathParameters(endpoint.path),
			...(endpoint.query ? queryParameters(endpoint.query) : [])
		],
		...(endpoint.body
			? {
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: jsonSchema(endpoint.body, 'input') },
							...(endpoint.acceptsCsv ? { 'text/csv': { schema: { type: 'string' } } } : {})
						}
					}
				}
			: {}),
		responses: {
			[String(endpoint.successStatus ?? 200)]: {
				description: 'Success',
				content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } }
			},
			...errorResponses([...new Set(statuses)].sort())
		}
	};
}

export function openApiDocument(endpoints: Endpoint[], version: string) {
	const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
	for (const endpoint of endpoints) {
		paths[endpoint.path] ??= {};
		paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(endpoint);
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Satisfy API',
			version,
			description:
				'Send `Authorization: Bearer <key>`; owners create keys under Settings → API keys.'
		},
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		components: {
			securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
			schemas: { Error: jsonSchema(errorSchema, 'output') }
		},
		paths
	};
}
