import { afterEach, describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../../schemas/survey';
import { addQuestion } from '../../surveys/definition';
import { blankDefinition } from './blank';
import {
	editedQuestion,
	editedSettings,
	questionFormSchema,
	readBuilderForm,
	settingsFormSchema,
	withTranslations
} from './builder-form';

const form = (fields: [string, string][]) => {
	const data = new FormData();
	for (const [name, value] of fields) data.append(name, value);
	return data;
};

/** An English survey also offered in German, with an overall question and a single-choice one. */
function bilingual(): SurveyDefinition {
	const definition = addQuestion(
		{ ...blankDefinition('Your stay', 'en'), languages: ['en', 'de'] },
		0,
		'single'
	);
	return definition;
}

const originalToLocaleString = Object.prototype.toLocaleString;
afterEach(() => {
	// Were the pollution to happen, later tests in this process must not inherit it.
	Object.prototype.toLocaleString = originalToLocaleString;
});

describe('the translation page’s form', () => {
	it('cannot reach Object.prototype through a crafted field name, and still saves the translations the survey offers', () => {
		const definition = bilingual();
		const translated = withTranslations(
			definition,
			form([
				['language', 'de'],
				['t:__proto__.toLocaleString', 'x'],
				['t:constructor.prototype.toString', 'x'],
				['t:title', 'Ihr Aufenthalt'],
				['t:pages.0.questions.0.text', 'Wie zufrieden sind Sie insgesamt?']
			])
		);
		expect({}.toLocaleString).toBe(originalToLocaleString);
		expect(typeof {}.toString()).toBe('string');
		expect(translated).toMatchObject({
			definition: {
				title: { en: 'Your stay', de: 'Ihr Aufenthalt' },
				pages: [{ questions: [{ text: { de: 'Wie zufrieden sind Sie insgesamt?' } }, {}] }]
			}
		});
	});

	it('changes nothing through fields for places that are not translatable texts', () => {
		const definition = bilingual();
		const translated = withTranslations(
			definition,
			form([
				['language', 'de'],
				['t:pages.0.id', 'elsewhere'],
				['t:defaultLanguage', 'de']
			])
		);
		expect(translated).toEqual({ definition });
	});

	it('keeps the translations of texts the form leaves out', () => {
		const definition = withTranslations(
			bilingual(),
			form([
				['language', 'de'],
				['t:title', 'Ihr Aufenthalt']
			])
		);
		if ('error' in definition) throw new Error(definition.error);
		const again = withTranslations(
			definition.definition,
			form([
				['language', 'de'],
				['t:thankYou', 'Danke!']
			])
		);
		expect(again).toMatchObject({
			definition: { title: { de: 'Ihr Aufenthalt' }, thankYou: { de: 'Danke!' } }
		});
	});

	it('refuses a language the survey is not translated into, and a NUL byte in a translation', () => {
		expect(
			withTranslations(
				bilingual(),
				form([
					['language', 'fr'],
					['t:title', 'Votre séjour']
				])
			)
		).toEqual({ error: 'Choose one of the survey’s translation languages.' });
		expect(
			withTranslations(
				bilingual(),
				form([
					['language', 'de'],
					['t:title', 'Ihr\u0000Aufenthalt']
				])
			)
		).toEqual({
			error: 'Holds the invisible control character NUL at character 4: remove it'
		});
	});
});

describe('the builder’s forms', () => {
	it('reads the settings form through its schema, refusing a nameless survey', () => {
		const definition = bilingual();
		expect(readBuilderForm(settingsFormSchema, form([['name', ' ']]))).toEqual({
			error: 'Name the survey.'
		});
		const read = readBuilderForm(
			settingsFormSchema,
			form([
				['name', 'Stay'],
				['title', 'Your visit'],
				['languages', 'de, nl']
			])
		);
		if ('error' in read) throw new Error(read.error);
		expect(editedSettings(definition, read.data)).toMatchObject({
			languages: ['en', 'de', 'nl'],
			title: { en: 'Your visit' }
		});
	});

	it('adds every new option of a choice question and keeps the labels of those it has', () => {
		const definition = bilingual();
		const question = definition.pages[0]!.questions[1]!;
		if (question.type !== 'single') throw new Error('expected a choice question');
		const fields: [string, string][] = [
			['questionId', question.id],
			['text', 'Why did you travel?'],
			...question.options.map((option): [string, string] => [
				`option-${option.id}`,
				`Kept ${option.id}`
			]),
			['newOption', 'Work'],
			['newOption', 'Family']
		];
		const read = readBuilderForm(questionFormSchema(question), form(fields), {
			lists: ['newOption']
		});
		if ('error' in read) throw new Error(read.error);
		const edited = editedQuestion(question, read.data, 'en');
		expect(edited.type === 'single' && edited.options.map((option) => option.label.en)).toEqual([
			...question.options.map((option) => `Kept ${option.id}`),
			'Work',
			'Family'
		]);
	});
});
