import { afterEach, describe, expect, it } from 'vitest';
import {
	surveyDefinitionSchema,
	type MatrixRow,
	type Question,
	type SurveyDefinition
} from '../../schemas/survey';
import { addPage, addQuestion, questionIds } from '../../surveys/definition';
import { blankDefinition } from './blank';
import {
	editedPageLogic,
	editedQuestion,
	editedSettings,
	pageLogicFormSchema,
	questionFormSchema,
	readBuilderForm,
	replaceQuestion,
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
		const edited = editedQuestion(question, read.data, 'en', questionIds(definition));
		if ('error' in edited) throw new Error(edited.error);
		expect(edited.type === 'single' && edited.options.map((option) => option.label.en)).toEqual([
			...question.options.map((option) => `Kept ${option.id}`),
			'Work',
			'Family'
		]);
	});

	it('turns shuffling a choice question’s options on with its checkbox, and off without it', () => {
		const definition = bilingual();
		const question = definition.pages[0]!.questions[1]!;
		if (question.type !== 'single') throw new Error('expected a choice question');
		const edit = (fields: [string, string][]) => {
			const read = readBuilderForm(
				questionFormSchema(question),
				form([
					['questionId', question.id],
					['text', 'Why did you travel?'],
					...question.options.map((option): [string, string] => [
						`option-${option.id}`,
						option.label.en!
					]),
					...fields
				])
			);
			if ('error' in read) throw new Error(read.error);
			const edited = editedQuestion(
				{ ...question, shuffleOptions: true },
				read.data,
				'en',
				questionIds(definition)
			);
			if ('error' in edited) throw new Error(edited.error);
			return edited;
		};
		expect(edit([['shuffleOptions', 'on']])).toMatchObject({ shuffleOptions: true });
		expect(edit([])).not.toHaveProperty('shuffleOptions');
		expect(
			surveyDefinitionSchema.parse(replaceQuestion(definition, edit([['shuffleOptions', 'on']])))
				.pages[0]!.questions[1]
		).toMatchObject({ shuffleOptions: true });
	});
});

describe('the date question in the builder', () => {
	it('is added with no range, and gets its earliest and latest days from the editor; emptied, they go', () => {
		const definition = addQuestion(blankDefinition('Your stay', 'en'), 0, 'date');
		const question = definition.pages[0]!.questions.at(-1)!;
		expect(question).toMatchObject({ type: 'date', required: true });
		const edit = (earliest: string, latest: string) => {
			const read = readBuilderForm(
				questionFormSchema(question),
				form([
					['questionId', question.id],
					['text', 'When did you arrive?'],
					['earliest', earliest],
					['latest', latest],
					['required', 'on']
				])
			);
			if ('error' in read) throw new Error(read.error);
			const edited = editedQuestion(question, read.data, 'en', questionIds(definition));
			if ('error' in edited) throw new Error(edited.error);
			return surveyDefinitionSchema.safeParse(replaceQuestion(definition, edited));
		};
		expect(edit('2026-01-01', '2026-12-31').data?.pages[0]!.questions.at(-1)).toMatchObject({
			text: { en: 'When did you arrive?' },
			earliest: '2026-01-01',
			latest: '2026-12-31'
		});
		const open = edit('', '').data?.pages[0]!.questions.at(-1);
		expect(open).not.toHaveProperty('earliest');
		expect(open).not.toHaveProperty('latest');
		expect(edit('2026-12-31', '2026-01-01').error?.issues.map(({ message }) => message)).toEqual([
			'Page 1, question 2 (“When did you arrive?”): the earliest date (2026-12-31) is after the latest date (2026-01-01)'
		]);
	});
});

describe('the matrix in the builder', () => {
	it('renames rows, picks their factors, removes an emptied row and adds a new one with a fresh id', () => {
		const definition = addQuestion(blankDefinition('Your stay', 'en'), 0, 'matrix');
		const question = definition.pages[0]!.questions.at(-1)!;
		if (question.type !== 'matrix') throw new Error('expected a matrix');
		const [first, second] = question.rows as [MatrixRow, MatrixRow];
		const read = readBuilderForm(
			questionFormSchema(question),
			form([
				['questionId', question.id],
				['text', 'How satisfied are you with…'],
				['required', 'on'],
				['allowNotApplicable', 'on'],
				['lowLabel', 'Not at all'],
				['highLabel', 'Completely'],
				[`row-${first.id}`, 'the room?'],
				[`rowFactor-${first.id}`, 'comfort'],
				[`row-${second.id}`, ''],
				[`rowFactor-${second.id}`, 'food'],
				['newRow', 'the breakfast?'],
				['newRowFactor', 'food']
			])
		);
		if ('error' in read) throw new Error(read.error);
		const edited = editedQuestion(question, read.data, 'en', questionIds(definition));
		if ('error' in edited) throw new Error(edited.error);
		expect(edited).toMatchObject({
			type: 'matrix',
			allowNotApplicable: true,
			lowLabel: { en: 'Not at all' },
			rows: [
				{ id: first.id, factor: 'comfort', text: { en: 'the room?' } },
				{ id: 'row3', factor: 'food', text: { en: 'the breakfast?' } }
			]
		});
		// One row is left, one short of a matrix: the survey's schema says so when it is saved.
		const shrunk = { ...edited, rows: [first] } as Question;
		expect(
			surveyDefinitionSchema
				.safeParse(replaceQuestion(definition, shrunk))
				.error?.issues.map(({ message }) => message)
		).toEqual(['Page 1, question 2: give a matrix 2 to 15 rows']);
	});
});

describe('display logic in the builder’s forms', () => {
	/** Page 1: an overall rating and a single choice; page 2: a text question; page 3 empty. */
	function withPages(): SurveyDefinition {
		let definition = addQuestion(addQuestion(bilingual(), 0, 'overall'), 0, 'text');
		definition = addPage(addPage(definition));
		const questions = definition.pages[0]!.questions;
		const ofType = (type: string) => questions.find((question) => question.type === type)!;
		return {
			...definition,
			pages: [
				{ ...definition.pages[0]!, questions: [ofType('overall'), ofType('single')] },
				{ ...definition.pages[1]!, questions: [ofType('text')] },
				definition.pages[2]!
			]
		};
	}
	const edit = (
		question: SurveyDefinition['pages'][number]['questions'][number],
		fields: [string, string][]
	) => {
		const read = readBuilderForm(
			questionFormSchema(question),
			form([['questionId', question.id], ['text', 'Why?'], ...fields])
		);
		if ('error' in read) throw new Error(read.error);
		return editedQuestion(question, read.data, 'en', []);
	};

	it('sets a question’s condition from its fields, and removes it when no question is chosen', () => {
		const definition = withPages();
		const [rating, choice] = definition.pages[0]!.questions;
		const text = definition.pages[1]!.questions[0]!;
		const scored = edit(text, [
			['showIfQuestion', rating!.id],
			['showIfOp', 'lte'],
			['showIfValue', '2']
		]);
		expect(scored).toMatchObject({ showIf: { question: rating!.id, op: 'lte', value: 2 } });
		if ('error' in scored) throw new Error(scored.error);
		const [option] = choice!.type === 'single' ? choice!.options : [];
		expect(
			edit(text, [
				['showIfQuestion', choice!.id],
				['showIfOp', 'isNot'],
				['showIfOption', `${choice!.id}/${option!.id}`]
			])
		).toMatchObject({ showIf: { question: choice!.id, op: 'isNot', option: option!.id } });
		expect(
			edit(scored, [
				['showIfQuestion', ''],
				['showIfOp', 'lte']
			])
		).not.toHaveProperty('showIf');
	});

	it('asks for the score or the option the comparison needs, of the question chosen', () => {
		const definition = withPages();
		const [rating, choice] = definition.pages[0]!.questions;
		const text = definition.pages[1]!.questions[0]!;
		expect(
			edit(text, [
				['showIfQuestion', rating!.id],
				['showIfOp', 'gte']
			])
		).toEqual({
			error: 'Enter the score the answer is compared with.'
		});
		expect(
			edit(text, [
				['showIfQuestion', rating!.id],
				['showIfOp', 'is']
			])
		).toEqual({
			error: 'Choose the option the answer is compared with.'
		});
		expect(
			edit(text, [
				['showIfQuestion', rating!.id],
				['showIfOp', 'is'],
				['showIfOption', `${choice!.id}/option-1`]
			])
		).toEqual({ error: 'Choose an option of the question the condition uses.' });
		expect(
			edit(text, [
				['showIfQuestion', rating!.id],
				['showIfOp', 'sometimes']
			])
		).toEqual({
			error: 'Choose how the answer is compared.'
		});
	});

	it('sets a page’s condition and skip rule, and needs the page a skip leads to', () => {
		const definition = withPages();
		const rating = definition.pages[0]!.questions[0]!;
		const read = (fields: [string, string][]) => {
			const parsed = readBuilderForm(pageLogicFormSchema, form(fields));
			if ('error' in parsed) throw new Error(parsed.error);
			return editedPageLogic(definition, parsed.data);
		};
		const edited = read([
			['pageIndex', '1'],
			['showIfQuestion', rating.id],
			['showIfOp', 'answered'],
			['skipQuestion', rating.id],
			['skipOp', 'eq'],
			['skipValue', '5'],
			['skipTo', 'end']
		]);
		if ('error' in edited) throw new Error(edited.error);
		expect(edited.pages[1]).toMatchObject({
			showIf: { question: rating.id, op: 'answered' },
			skipTo: { if: { question: rating.id, op: 'eq', value: 5 }, to: 'end' }
		});
		expect(
			read([
				['pageIndex', '0'],
				['skipQuestion', rating.id],
				['skipOp', 'answered']
			])
		).toEqual({ error: 'Choose the page the skip rule leads to.' });
	});
});
