import { describe, expect, it } from 'vitest';
import { analyticsQuerySchema, sentimentQuerySchema } from '$lib/schemas/analytics';
import { describeView } from './view-description';

const choices = {
	segments: [{ id: 3, name: 'Enterprise, Germany' }],
	managers: [{ id: 'u1', name: 'Ada Lovelace' }]
};

describe('a view described in one line', () => {
	it('names the model, surveys, dates and every filter by its name', () => {
		expect(
			describeView({
				model: { name: 'Airline service', version: 2 },
				surveys: ['Airline CSI'],
				query: analyticsQuerySchema.parse({
					from: '2025-06-01',
					segment: '3',
					manager: 'u1',
					tag: 'VIP',
					language: 'de'
				}),
				choices
			})
		).toBe(
			'Model Airline service, weights version 2 · Surveys: Airline CSI · 2025-06-01 to today, by month · Segment: Enterprise, Germany · Account manager: Ada Lovelace · Tag: vip · Language: German'
		);
	});

	it('says "all dates" without a range, and which texts a sentiment view reads', () => {
		expect(
			describeView({
				surveys: [],
				query: sentimentQuerySchema.parse({ texts: 'reviews', reviewSource: 'Google' }),
				choices
			})
		).toBe('all dates, by month · Texts: reviews · Review source: Google');
	});
});
