import { describe, expect, it } from 'vitest';
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
});
