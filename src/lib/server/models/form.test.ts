import { describe, expect, it } from 'vitest';
import { keywordSetFromForm } from './form';

const formOf = (fields: [string, string][]) => {
	const form = new FormData();
	for (const [name, value] of fields) form.append(name, value);
	return form;
};

describe('a factor’s keywords from its wording form', () => {
	it('adds the suggested words ticked for a language to that language’s keywords, each once', () => {
		const keywords = keywordSetFromForm(
			formOf([
				['keywords', 'luggage'],
				['keywords-de', 'Gepäck, Koffer'],
				['suggested-de', 'koffer'],
				['suggested-de', 'gepäckband'],
				['suggested-fi', 'matkalaukku']
			])
		);
		expect(keywords).toEqual({
			any: ['luggage'],
			en: [],
			de: ['Gepäck', 'Koffer', 'gepäckband'],
			nl: [],
			fi: ['matkalaukku'],
			ro: []
		});
	});
});
