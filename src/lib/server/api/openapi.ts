import { z } from 'zod';
import { webhookPayloadSchema } from '../../webhooks/event-data';
import { webhookPayloadExample } from '../../webhooks/event-examples';
import {
	chatEvents,
	webhookEventLabels,
	webhookEvents,
	type WebhookEvent
} from '../../webhooks/events';
import { DEFAULT_TIMEOUT_MS } from '../webhooks/delivery';
import { errorCodes, type ErrorStatus } from './errors';
import type { Endpoint } from './endpoint';
import { inLocale } from '../i18n/in-locale';
import { baseLocale } from '../../paraglide/runtime';

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

/** What every delivery in Satisfy's own format carries besides its body (README § Webhooks). */
const webhookHeaders = [
	{
		name: 'X-Satisfy-Event',
		description: 'The event, as in the body',
		schema: { type: 'string', enum: [...webhookEvents] }
	},
	{
		name: 'X-Satisfy-Delivery',
		description:
			'The event’s id (the body’s `id`): the same on every retry and resend. Delivery is at least once: skip an id already handled',
		schema: { type: 'string', format: 'uuid' }
	},
	{
		name: 'X-Satisfy-Timestamp',
		description: 'When this attempt was made, in Unix seconds (not signed)',
		schema: { type: 'string', pattern: '^[0-9]+$' }
	},
	{
		name: 'X-Satisfy-Signature',
		description:
			'`sha256=` and the hex HMAC-SHA256 of the exact body bytes, keyed with the webhook’s secret (its text as shown when the webhook was added or its secret rotated). Recompute it over the raw body before parsing it, and compare in constant time',
		schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' }
	}
].map((header) => ({ ...header, in: 'header', required: true }));

const chatNote =
	' Webhooks in the Slack or Teams format receive this event as a chat message instead (Slack: `text` and `blocks`; Teams: a `message` with an Adaptive Card attachment), without `X-Satisfy-Timestamp` and `X-Satisfy-Signature`.';

/** One outgoing event as OpenAPI 3.1 describes a webhook: the request Satisfy makes and the answer it wants. */
function webhookOperation(event: WebhookEvent) {
	return {
		post: {
			summary: webhookEventLabels[event],
			description: `A POST to every webhook subscribed to \`${event}\`.${chatEvents.includes(event) ? chatNote : ''}`,
			operationId: event,
			tags: ['Webhooks'],
			parameters: webhookHeaders,
			requestBody: {
				required: true,
				content: {
					'application/json': {
						schema: jsonSchema(webhookPayloadSchema(event), 'output'),
						example: webhookPayloadExample(event)
					}
				}
			},
			responses: {
				'2XX': {
					description: `Received. Answer within ${DEFAULT_TIMEOUT_MS / 1000} s: any other answer (redirects included), a timeout or a network error is retried with doubling pauses for 24 hours`
				}
			}
		}
	};
}

/** The API's description, in English whoever asks: it documents a contract, as its field names do. */
export function openApiDocument(endpoints: Endpoint[], version: string) {
	return inLocale(baseLocale, () => describeApi(endpoints, version));
}

function describeApi(endpoints: Endpoint[], version: string) {
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
				'Send `Authorization: Bearer <key>`; owners create keys under Settings → API keys. `webhooks` describes what Satisfy sends to the addresses owners register under Settings → Webhooks.'
		},
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		components: {
			securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
			schemas: { Error: jsonSchema(errorSchema, 'output') }
		},
		paths,
		webhooks: Object.fromEntries(webhookEvents.map((event) => [event, webhookOperation(event)]))
	};
}
