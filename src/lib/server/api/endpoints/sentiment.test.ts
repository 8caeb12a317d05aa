import { describe, expect, it } from 'vitest';
import { endpoints } from '.';
import { openApiDocument } from '../openapi';
import { scoreTexts } from './sentiment';

const messages = (body: unknown) => {
	const parsed = scoreTexts.body!.safeParse(body);
	return parsed.success
		? []
		: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the sentiment scoring API', () => {
	it('takes texts with an optional language', () => {
		expect(
			messages({ texts: [{ text: 'Great crew' }, { text: 'Sehr gut', language: 'de' }] })
		).toEqual([]);
	});

	it('refuses empty calls, empty texts and more than 1,000 texts with a specific message', () => {
		expect(messages({ texts: [] })).toEqual(['texts: Send at least one text']);
		expect(messages({ texts: [{ text: '' }] })).toEqual(['texts.0.text: Give a text to score']);
		expect(messages({ texts: Array.from({ length: 1001 }, () => ({ text: 'ok' })) })).toEqual([
			'texts: Send at most 1,000 texts per call'
		]);
	});

	it('is documented, with the analytics endpoint, for viewer keys', () => {
		const document = openApiDocument(endpoints, '1');
		expect(document.paths['/api/v1/sentiment']?.post?.['x-required-role']).toBe('viewer');
		expect(document.paths['/api/v1/analytics/sentiment']?.get).toBeDefined();
	});
});
