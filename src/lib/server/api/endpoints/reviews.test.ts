import { describe, expect, it } from 'vitest';
import { endpoints } from '.';
import { openApiDocument } from '../openapi';
import { importReviewsBodySchema, listReviewsQuerySchema } from './reviews';

const messages = (body: unknown) => {
	const parsed = importReviewsBodySchema.safeParse(body);
	return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('the body of a review import', () => {
	it('takes reviews with the generic fields; ids may be numbers, stars numbers or text', () => {
		const body = {
			reviews: [
				{
					source: 'trustpilot',
					externalId: 'abc',
					author: 'Anna',
					stars: 5,
					title: 'Great',
					text: 'Fine',
					date: '2025-03-31',
					language: 'en',
					email: 'anna@example.com',
					tag: 'Berlin'
				},
				{
					source: 'google',
					externalId: 17,
					stars: 'FOUR',
					text: 'Ok',
					date: '2025-04-01T10:00:00Z',
					author: null
				}
			]
		};
		expect(messages(body)).toEqual([]);
	});

	it('names the index and field of what is malformed', () => {
		expect(
			messages({
				reviews: [
					{ source: 'x', stars: true, text: 'a', date: '2025-01-01' },
					{ source: 'x', rating: 5, text: 'b', date: 20250101 },
					'review'
				]
			})
		).toEqual([
			'reviews[0].stars: give the stars as a number from 1 to 5',
			'reviews[1].date: give the date as text, e.g. "2025-03-31" or "2025-03-31T14:05:00Z"',
			'reviews[1]: unknown field rating; a review has source, externalId, author, stars, title, text, date, language, email, tag',
			'reviews[2]: give each review as an object'
		]);
		expect(messages({ reviews: [] })).toEqual(['reviews: send 1 to 10,000 reviews per call']);
		expect(messages({})).toEqual(['reviews: send 1 to 10,000 reviews per call']);
		expect(messages({ reviews: Array.from({ length: 10_001 }, () => ({})) })).toEqual([
			'reviews: send 1 to 10,000 reviews per call'
		]);
	});

	it('is documented in the OpenAPI document: import for manager keys, list for viewer keys', () => {
		const document = openApiDocument(endpoints, '1');
		const post = document.paths['/api/v1/reviews']?.post;
		const get = document.paths['/api/v1/reviews']?.get;
		expect(post?.['x-required-role']).toBe('manager');
		expect(JSON.stringify(post?.requestBody)).toContain('"externalId"');
		expect(get?.['x-required-role']).toBe('viewer');
		expect(get?.parameters.map((parameter) => parameter.name)).toEqual(
			expect.arrayContaining([
				'search',
				'source',
				'stars',
				'sentiment',
				'language',
				'factor',
				'from',
				'to',
				'disagree',
				'limit',
				'offset'
			])
		);
	});
});

describe('the query of the review list', () => {
	it('reads the screen’s filters from a query string', () => {
		expect(
			listReviewsQuerySchema.parse({
				stars: '5,4',
				disagree: 'true',
				sentiment: 'not-scored',
				limit: '10'
			})
		).toEqual({
			stars: [4, 5],
			disagree: true,
			sentiment: 'not-scored',
			limit: 10,
			offset: 0
		});
		expect(listReviewsQuerySchema.safeParse({ sentiment: 'angry' }).error?.issues[0]?.message).toBe(
			'Choose one of positive, neutral, negative, not-scored'
		);
	});
});
