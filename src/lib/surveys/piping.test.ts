import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../schemas/survey';
import { pipedText, placeholderProblems, usesFactorNames, type PipingContext } from './piping';

const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en', 'de'],
	title: { en: 'Your stay' },
	intro: { en: 'Welcome back, {{client.name}}!' },
	pages: [
		{
			id: 'p1',
			questions: [
				{
					id: 'rooms',
					type: 'rating',
					factor: 'rooms',
					text: { en: 'How was {{factor.name}}?' },
					allowNotApplicable: true
				},
				{
					id: 'purpose',
					type: 'multiple',
					text: { en: 'Why did you travel?' },
					options: [
						{ id: 'work', label: { en: 'Work', de: 'Arbeit' } },
						{ id: 'family', label: { en: 'Family', de: 'Familie' } }
					]
				},
				{ id: 'best', type: 'text', text: { en: 'What was best?' }, required: false }
			]
		},
		{
			id: 'p2',
			title: { en: 'About “{{answer.best}}”' },
			questions: [
				{
					id: 'why',
					type: 'text',
					text: { en: 'Why {{answer.rooms}} for rooms, on a {{answer.purpose}} trip?' }
				}
			]
		}
	]
});
const context: PipingContext = {
	language: 'de',
	clientName: 'Anna <b>Berg</b>',
	answers: { rooms: '2', purpose: ['family', 'work'], best: 'The view' },
	factorNames: { rooms: 'the rooms' }
};
const textOf = (page: number, question: number) =>
	definition.pages[page]!.questions[question]!.text.en!;

describe('filling in a respondent’s texts', () => {
	it('names the client and repeats earlier answers, options in the page’s language', () => {
		expect(pipedText(definition, definition.intro!.en!, context)).toBe(
			'Welcome back, Anna <b>Berg</b>!'
		);
		expect(pipedText(definition, textOf(1, 0), context)).toBe(
			'Why 2 for rooms, on a Arbeit, Familie trip?'
		);
		expect(pipedText(definition, definition.pages[1]!.title!.en!, context)).toBe(
			'About “The view”'
		);
	});

	it('names the factor of the question the text belongs to', () => {
		const rooms = definition.pages[0]!.questions[0]!;
		expect(pipedText(definition, textOf(0, 0), context, rooms)).toBe('How was the rooms?');
		expect(pipedText(definition, textOf(0, 0), context)).toBe('How was ?');
	});

	it('leaves nothing for what it does not know: an anonymous name, an answer not given, a typo', () => {
		const anonymous = { ...context, clientName: null, answers: {} };
		expect(
			pipedText(definition, 'Hi {{client.name}}, {{answer.rooms}}{{ clent.name }}.', anonymous)
		).toBe('Hi , .');
	});

	it('words “not applicable” in the page’s language', () => {
		expect(
			pipedText(definition, '{{answer.rooms}}', { ...context, answers: { rooms: 'na' } })
		).toBe('Nicht zutreffend / weiß nicht');
	});

	it('knows whether the model’s factor names are needed at all', () => {
		expect(usesFactorNames(definition)).toBe(true);
		expect(usesFactorNames({ ...definition, pages: [definition.pages[1]!] })).toBe(false);
	});
});

describe('placeholders the builder warns about', () => {
	it('warns of unknown placeholders, answers not given before the text, and a factor-less factor name', () => {
		const warned = surveyDefinitionSchema.parse({
			...definition,
			intro: { en: 'Hello {{client.nmae}} {{answer.best}}' },
			pages: [
				{
					id: 'p1',
					title: { en: 'About {{answer.rooms}}' },
					questions: [
						{
							id: 'rooms',
							type: 'rating',
							factor: 'rooms',
							text: { en: 'Rooms, {{answer.rooms}}?' }
						},
						{ id: 'best', type: 'text', text: { en: 'Best of {{factor.name}}?' }, required: false }
					]
				}
			]
		});
		expect(placeholderProblems(warned).map(({ message }) => message)).toEqual([
			'Survey · intro: {{client.nmae}} is not a placeholder Satisfy fills in ({{client.name}}, {{answer.…}}, {{factor.name}}); respondents see nothing in its place',
			'Survey · intro: {{answer.best}} uses the answer to a question not asked before this text; respondents see nothing in its place',
			'Page 1 · title: {{answer.rooms}} uses the answer to a question not asked before this text; respondents see nothing in its place',
			'Page 1, question 1 (“Rooms, {{answer.rooms}}?”): {{answer.rooms}} uses the answer to a question not asked before this text; respondents see nothing in its place',
			'Page 1, question 2 (“Best of {{factor.name}}?”): {{factor.name}} needs a question about a factor; respondents see nothing in its place'
		]);
	});

	it('finds nothing wrong with placeholders used as intended', () => {
		expect(placeholderProblems(definition)).toEqual([]);
	});
});
