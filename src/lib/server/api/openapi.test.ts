import { describe, expect, it } from 'vitest';
import { webhookPayloadSchema } from '../../webhooks/event-data';
import { webhookEvents } from '../../webhooks/events';
import { endpoints } from './endpoints';
import { openApiDocument } from './openapi';

describe('OpenAPI document', () => {
	const document = openApiDocument(endpoints, '1.2.3');

	it('is OpenAPI 3.1 and lists every endpoint the API serves', () => {
		expect(document.openapi).toBe('3.1.0');
		for (const endpoint of endpoints) {
			expect(
				document.paths[endpoint.path]?.[endpoint.method.toLowerCase()],
				endpoint.path
			).toBeDefined();
		}
	});

	it('describes the response bodies with the schemas the handlers use', () => {
		const users = document.paths['/api/v1/users']?.get;
		const schema = users?.responses['200']?.content?.['application/json'].schema as {
			properties: Record<string, unknown>;
		};
		expect(Object.keys(schema.properties)).toEqual(['users']);
		expect(JSON.stringify(schema)).toContain('"enum":["viewer","manager","owner"]');
	});

	it('requires a bearer key and documents 401/403 only where a role is needed', () => {
		const health = document.paths['/api/v1/health']?.get;
		const users = document.paths['/api/v1/users']?.get;
		expect(health?.security).toEqual([]);
		expect(health?.responses).not.toHaveProperty('401');
		expect(users?.security).toEqual([{ bearerAuth: [] }]);
		expect(users?.responses).toHaveProperty('403');
		expect(users?.['x-required-role']).toBe('owner');
	});

	it('describes every event Satisfy sends in `webhooks`, with an example its own schema accepts', () => {
		expect(Object.keys(document.webhooks)).toEqual([...webhookEvents]);
		for (const event of webhookEvents) {
			const operation = document.webhooks[event]!.post;
			const body = operation.requestBody.content['application/json'];
			expect(webhookPayloadSchema(event).safeParse(body.example).error, event).toBeUndefined();
			expect(body.example.event).toBe(event);
			expect(body.schema).toMatchObject({
				type: 'object',
				required: ['id', 'event', 'createdAt', 'data'],
				properties: { event: { const: event } }
			});
		}
	});

	it('generates each payload schema from the one the payloads are typed by, not a copy', () => {
		const created = document.webhooks['followup.created']!.post.requestBody.content[
			'application/json'
		].schema as unknown as { properties: { data: { properties: Record<string, unknown> } } };
		expect(Object.keys(created.properties.data.properties)).toEqual(
			Object.keys(webhookPayloadSchema('followup.created').shape.data.shape)
		);
		expect(JSON.stringify(created)).toContain(
			'"enum":["open","in_progress","resolved","wont_fix"]'
		);
	});

	it('describes the signature header and the other headers of a signed delivery', () => {
		const { parameters, responses } = document.webhooks['response.completed']!.post;
		expect(parameters.map((header) => [header.name, header.in, header.required])).toEqual([
			['X-Satisfy-Event', 'header', true],
			['X-Satisfy-Delivery', 'header', true],
			['X-Satisfy-Timestamp', 'header', true],
			['X-Satisfy-Signature', 'header', true]
		]);
		const signature = parameters.find((header) => header.name === 'X-Satisfy-Signature')!;
		expect(signature.schema).toEqual({ type: 'string', pattern: '^sha256=[0-9a-f]{64}$' });
		expect(signature.description).toMatch(/HMAC-SHA256 of the exact body bytes/);
		expect(Object.keys(responses)).toEqual(['2XX']);
		expect(document.webhooks['followup.digest']!.post.description).toMatch(/Slack or Teams format/);
		expect(document.webhooks['response.completed']!.post.description).not.toMatch(/Slack/);
	});
});
