import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../schemas/survey';
import { conditionText } from './logic-text';

const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'Flight' },
	pages: [
		{
			id: 'p1',
			questions: [
				{
					id: 'service',
					type: 'matrix',
					text: { en: 'How satisfied are you with …' },
					rows: [
						{ id: 'crew', factor: 'crew', text: { en: 'the crew' } },
						{ id: 'snacks', factor: 'snacks', text: { en: 'the snacks' } }
					]
				},
				{
					id: 'why',
					type: 'text',
					text: { en: 'What about the snacks?' },
					showIf: { question: 'snacks', op: 'lte', value: 2 }
				}
			]
		}
	]
});

describe('a condition in words', () => {
	it('names a matrix row by its matrix’s place and its own text', () => {
		expect(conditionText(definition, { question: 'snacks', op: 'lte', value: 2 })).toBe(
			'Page 1, question 1 (“How satisfied are you with …”), row “the snacks” ≤ 2'
		);
	});
});
