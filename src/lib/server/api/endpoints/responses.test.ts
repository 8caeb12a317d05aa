import { describe, expect, it } from 'vitest';
import { endpoints } from '.';
import { openApiDocument } from '../openapi';
import { importResponsesBodySchema } from './responses';

const messages = (body: unknown) => {
	const parsed = importResponsesBodySchema.safeParse(body);
	return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('the body of a response import', () => {
	it('takes respondents with a date, an optional client and language, and answers by question id', () => {
		const body = {
			version: 2,
			responses: [
				{
					submittedAt: '2025-03-31',
					email: 'anna@example.de',
					language: 'de',
					answers: { punctuality: 5, customs: 'na', comments: 'Fine', uses: ['work'], nps: null }
				},
				{ submittedAt: '2025-04-01T10:00:00Z', clientId: 7, answers: {} }
			]
		};
		expect(messages(body)).toEqual([]);
	});

	it('names the index and field of what is malformed', () => {
		expect(
			messages({
				responses: [
					{ submittedAt: 20250331, answers: { punctuality: true } },
					{ submittedAt: '2025-03-31', clientID: 7, answers: {} },
					{ submittedAt: '2025-03-31', clientId: 1.5, answers: [] }
				]
			})
		).toEqual([
			'responses[0].submittedAt: give the day of the answer as text, e.g. "2025-03-31" or "2025-03-31T14:05:00Z"',
			'responses[0].answers.punctuality: give a score (e.g. 4), "na", a text, a list of option ids, or null for unanswered',
			'responses[1]: unknown field clientID; a response has submittedAt, email, clientId, language, answers',
			'responses[2].clientId: give a client id as a whole number',
			'responses[2].answers: give the answers as an object keyed by question id'
		]);
		expect(messages({ responses: [] })).toEqual(['responses: send 1 to 10,000 responses per call']);
		expect(messages({})).toEqual(['responses: send 1 to 10,000 responses per call']);
	});

	it('refuses an answer keyed "__proto__", which JSON makes an own key, naming the key', () => {
		const body = JSON.parse(
			'{"responses":[{"submittedAt":"2025-03-31","answers":{"overall":5,"__proto__":{"polluted":true}}}]}'
		);
		const parsed = importResponsesBodySchema.safeParse(body);
		expect(parsed.success ? [] : parsed.error.issues).toEqual([
			expect.objectContaining({
				path: ['responses', 0, 'answers', '__proto__'],
				message:
					'"__proto__" is not a question of this survey: give the answers keyed by question id'
			})
		]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('is documented in the OpenAPI document, for manager keys', () => {
		const operation = openApiDocument(endpoints, '1').paths['/api/v1/surveys/{id}/responses']?.post;
		expect(operation?.['x-required-role']).toBe('manager');
		expect(Object.keys(operation?.responses ?? {})).toEqual(
			expect.arrayContaining(['201', '400', '404', '409'])
		);
		expect(JSON.stringify(operation?.requestBody)).toContain('"submittedAt"');
	});
});
