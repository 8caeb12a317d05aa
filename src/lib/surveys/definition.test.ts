import { describe, expect, it } from 'vitest';
import {
	surveyDefinitionSchema,
	type Question,
	type SurveyDefinition,
	type SurveyDefinitionInput
} from '../schemas/survey';
import {
	addPage,
	addQuestion,
	changesMeaning,
	definitionProblems,
	deletePage,
	deleteQuestion,
	duplicateQuestion,
	findQuestion,
	missingTranslations,
	moveQuestion,
	renamePage,
	translatableStrings,
	type DefinitionProblem
} from './definition';
import { localize } from './localize';

/** An airline survey in English and German: two ratings and the overall question, then feedback. */
const flightInput: SurveyDefinitionInput = {
	defaultLanguage: 'en',
	languages: ['en', 'de', 'fi'],
	title: { en: 'How was your flight?', de: 'Wie war Ihr Flug?' },
	pages: [
		{
			id: 'flight',
			title: { en: 'Your flight' },
			questions: [
				{
					id: 'punctuality',
					type: 'rating',
					factor: 'punctuality',
					text: { en: 'How punctual was your departure?', de: 'Wie pünktlich war Ihr Abflug?' }
				},
				{
					id: 'snacks',
					type: 'rating',
					factor: 'snacks',
					text: { en: 'How were the snacks?' },
					allowNotApplicable: true
				},
				{
					id: 'overall',
					type: 'overall',
					text: { en: 'Overall, how satisfied are you?', de: 'Wie zufrieden sind Sie insgesamt?' }
				}
			]
		},
		{
			id: 'feedback',
			questions: [
				{ id: 'improve', type: 'text', text: { en: 'What should we improve?' } },
				{
					id: 'frequency',
					type: 'single',
					text: { en: 'How often do you fly with us?' },
					options: [
						{ id: 'often', label: { en: 'Often' } },
						{ id: 'rarely', label: { en: 'Rarely' } }
					]
				}
			]
		}
	]
};

const flight = (): SurveyDefinition => surveyDefinitionSchema.parse(flightInput);
const factorKeys = ['punctuality', 'snacks', 'customs'];

const idsByPage = (definition: SurveyDefinition) =>
	definition.pages.map((page) => page.questions.map((question) => question.id));

/** Applies `change` to a copy of the flight survey's question `id`. */
function withQuestion(
	id: string,
	change: (question: Record<string, unknown>) => void
): SurveyDefinition {
	const definition = structuredClone(flight());
	const question = definition.pages
		.flatMap((page) => page.questions)
		.find((candidate) => candidate.id === id);
	change(question as unknown as Record<string, unknown>);
	return definition;
}

describe('definition problems against the CSI model', () => {
	it('finds none in a survey whose questions all fit the model', () => {
		expect(definitionProblems(flight(), factorKeys)).toEqual([]);
	});

	it('reports a rating question without a factor', () => {
		const definition = withQuestion('snacks', (question) => (question.factor = ''));
		expect(definitionProblems(definition, factorKeys)).toEqual<DefinitionProblem[]>([
			{
				level: 'error',
				path: ['pages', 0, 'questions', 1, 'factor'],
				message: 'Page 1, question 2 (“How were the snacks?”): the rating question has no factor'
			}
		]);
	});

	it('reports factors the model does not have, on rating, importance and text questions', () => {
		const withImportance = addQuestion(
			withQuestion('improve', (question) => (question.factor = 'wifi')),
			0,
			'importance',
			'legroom'
		);
		const definition = withQuestionIn(withImportance, 'legroom', { factor: 'legroom' });
		expect(definitionProblems(definition, ['snacks'])).toEqual<DefinitionProblem[]>([
			{
				level: 'error',
				path: ['pages', 0, 'questions', 0, 'factor'],
				message:
					'Page 1, question 1 (“How punctual was your departure?”): the rating question’s factor "punctuality" is not one of the model’s factors'
			},
			{
				level: 'error',
				path: ['pages', 0, 'questions', 3, 'factor'],
				message:
					'Page 1, question 4 (“How important is … to you?”): the importance question’s factor "legroom" is not one of the model’s factors'
			},
			{
				level: 'error',
				path: ['pages', 1, 'questions', 0, 'factor'],
				message:
					'Page 2, question 1 (“What should we improve?”): the text question’s factor "wifi" is not one of the model’s factors'
			}
		]);
	});

	it('lets a text question be about no factor', () => {
		expect(
			definitionProblems(flight(), factorKeys).filter((problem) => problem.path.includes('factor'))
		).toEqual([]);
	});

	it('warns, without blocking, when ratings have no overall question to derive importance from', () => {
		const definition = deleteQuestion(flight(), 'overall');
		expect(definitionProblems(definition, factorKeys)).toEqual<DefinitionProblem[]>([
			{
				level: 'warning',
				path: ['pages'],
				message: 'Add an overall satisfaction question: it makes derived importance possible'
			}
		]);
	});

	it('does not ask for an overall question in a survey without ratings', () => {
		const definition = deleteQuestion(
			deleteQuestion(deleteQuestion(flight(), 'overall'), 'punctuality'),
			'snacks'
		);
		expect(definitionProblems(definition, [])).toEqual([]);
	});
});

describe('localize', () => {
	const text = { en: 'Thank you', de: 'Danke', 'pt-BR': 'Obrigado' };

	it('gives the text in the requested language', () => {
		expect(localize(text, 'de', 'en')).toBe('Danke');
		expect(localize(text, 'pt-BR', 'en')).toBe('Obrigado');
	});

	it('falls back to the base language, then to the default language', () => {
		expect(localize(text, 'de-AT', 'en')).toBe('Danke');
		expect(localize(text, 'fi', 'en')).toBe('Thank you');
	});

	it('gives an empty string for a text that is not there', () => {
		expect(localize(undefined, 'de', 'en')).toBe('');
	});
});

describe('translation view', () => {
	it('lists every respondent-facing string in reading order with what is translated', () => {
		const strings = translatableStrings(flight());
		expect(strings.map((string) => string.label)).toEqual([
			'Survey · title',
			'Page 1 · title',
			'Page 1 · Question 1 · text',
			'Page 1 · Question 2 · text',
			'Page 1 · Question 3 · text',
			'Page 2 · Question 1 · text',
			'Page 2 · Question 2 · text',
			'Page 2 · Question 2 · option 1',
			'Page 2 · Question 2 · option 2'
		]);
		expect(strings[2]).toEqual({
			path: ['pages', 0, 'questions', 0, 'text'],
			label: 'Page 1 · Question 1 · text',
			default: 'How punctual was your departure?',
			translations: { de: 'Wie pünktlich war Ihr Abflug?', fi: undefined },
			missing: ['fi']
		});
	});

	it('includes help texts, scale labels, the intro, thank-you message and buttons when present', () => {
		const definition = surveyDefinitionSchema.parse({
			...flightInput,
			intro: { en: 'Two minutes.' },
			thankYou: { en: 'Thanks!' },
			buttons: { submit: { en: 'Send' } }
		});
		const withLabels = withQuestionIn(definition, 'overall', {
			help: { en: 'The whole trip.' },
			lowLabel: { en: 'Bad' }
		});
		const labels = translatableStrings(withLabels).map((string) => string.label);
		expect(labels).toEqual(
			expect.arrayContaining([
				'Survey · intro',
				'Page 1 · Question 3 · help',
				'Page 1 · Question 3 · low label',
				'Survey · thank-you',
				'Buttons · submit'
			])
		);
		expect(labels).not.toContain('Buttons · next');
	});

	it('counts the missing translations per language, leaving out the default', () => {
		expect(missingTranslations(flight())).toEqual({ de: 6, fi: 9 });
	});

	it('counts nothing for a survey in one language', () => {
		expect(
			missingTranslations({ ...flight(), languages: ['en'], title: { en: 'Flight' } })
		).toEqual({});
	});
});

function withQuestionIn(
	definition: SurveyDefinition,
	id: string,
	changes: object
): SurveyDefinition {
	return {
		...definition,
		pages: definition.pages.map((page) => ({
			...page,
			questions: page.questions.map((question) =>
				question.id === id ? { ...question, ...changes } : question
			)
		}))
	};
}

describe('whether a change needs a new survey version', () => {
	it('does not for new wording, help, labels, translations or page titles', () => {
		const reworded = withQuestion('punctuality', (question) => {
			question.text = {
				en: 'Did we leave on time?',
				de: 'Sind wir pünktlich gestartet?',
				fi: 'Lähdimmekö ajallaan?'
			};
			question.help = { en: 'Think of the departure.' };
			question.lowLabel = { en: 'Not at all' };
		});
		const retitled = renamePage(
			{ ...reworded, intro: { en: 'Hello' }, thankYou: { en: 'Bye' } },
			0,
			'The flight'
		);
		expect(changesMeaning(flight(), retitled)).toBe(false);
	});

	it('does not when questions are reordered, moved between pages or made optional', () => {
		const moved = moveQuestion(moveQuestion(flight(), 'overall', 'down'), 'snacks', 'up');
		const optional = withQuestionIn(moved, 'overall', { required: false });
		expect(changesMeaning(flight(), optional)).toBe(false);
	});

	it('does not when options are reordered or relabelled', () => {
		const reordered = withQuestion('frequency', (question) => {
			question.options = [
				{ id: 'rarely', label: { en: 'Hardly ever' } },
				{ id: 'often', label: { en: 'Often' } }
			];
		});
		expect(changesMeaning(flight(), reordered)).toBe(false);
	});

	it('does not when shuffling the options is turned on or off', () => {
		const shuffled = withQuestion('frequency', (question) => (question.shuffleOptions = true));
		expect(changesMeaning(flight(), shuffled)).toBe(false);
		const unshuffled = withQuestionIn(shuffled, 'frequency', { shuffleOptions: false });
		expect(changesMeaning(shuffled, unshuffled)).toBe(false);
	});

	it('does when a date question’s range of days changes', () => {
		const dated = addQuestion(flight(), 1, 'date', 'visit');
		expect(changesMeaning(dated, withQuestionIn(dated, 'visit', { earliest: '2026-01-01' }))).toBe(
			true
		);
		expect(changesMeaning(dated, withQuestionIn(dated, 'visit', { text: { en: 'When?' } }))).toBe(
			false
		);
	});

	it('does when a question is added or removed', () => {
		expect(changesMeaning(flight(), addQuestion(flight(), 1, 'nps'))).toBe(true);
		expect(changesMeaning(flight(), deleteQuestion(flight(), 'improve'))).toBe(true);
	});

	it('does when a question is replaced by one with another id', () => {
		const renamed = withQuestion('improve', (question) => (question.id = 'wishes'));
		expect(changesMeaning(flight(), renamed)).toBe(true);
	});

	it('does when a factor, type, not-applicable choice or answer length changes', () => {
		expect(
			changesMeaning(
				flight(),
				withQuestion('snacks', (question) => (question.factor = 'customs'))
			)
		).toBe(true);
		expect(
			changesMeaning(
				flight(),
				withQuestion('snacks', (question) => (question.type = 'importance'))
			)
		).toBe(true);
		expect(
			changesMeaning(
				flight(),
				withQuestion('snacks', (question) => (question.allowNotApplicable = false))
			)
		).toBe(true);
		expect(
			changesMeaning(
				flight(),
				withQuestion('improve', (question) => (question.maxLength = 500))
			)
		).toBe(true);
		expect(
			changesMeaning(
				flight(),
				withQuestion('improve', (question) => (question.factor = 'snacks'))
			)
		).toBe(true);
	});

	it('does when an option is added or its id changes', () => {
		const added = withQuestion('frequency', (question) => {
			question.options = [
				...(question.options as object[]),
				{ id: 'never', label: { en: 'Never' } }
			];
		});
		const rekeyed = withQuestion('frequency', (question) => {
			question.options = [
				{ id: 'often', label: { en: 'Often' } },
				{ id: 'seldom', label: { en: 'Rarely' } }
			];
		});
		expect(changesMeaning(flight(), added)).toBe(true);
		expect(changesMeaning(flight(), rekeyed)).toBe(true);
	});

	// Staff read "not asked" by replaying the version's logic on its answers: new logic would misread old answers.
	it('does when who is asked changes: a condition or a skip rule', () => {
		const lowPunctuality = { question: 'punctuality', op: 'lte', value: 2 } as const;
		const followUp = withQuestion('improve', (question) => (question.showIf = lowPunctuality));
		expect(changesMeaning(flight(), followUp)).toBe(true);
		const stricter = withQuestion(
			'improve',
			(question) => (question.showIf = { ...lowPunctuality, value: 1 })
		);
		expect(changesMeaning(followUp, stricter)).toBe(true);
		const skipping = structuredClone(flight());
		skipping.pages[0]!.skipTo = { if: lowPunctuality, to: 'end' };
		expect(changesMeaning(flight(), skipping)).toBe(true);
		const pageShown = structuredClone(flight());
		pageShown.pages[1]!.showIf = lowPunctuality;
		expect(changesMeaning(flight(), pageShown)).toBe(true);
	});

	it('does when a question moves between pages of a survey with logic, not otherwise', () => {
		const moved = moveQuestion(flight(), 'overall', 'down');
		expect(changesMeaning(flight(), moved)).toBe(false);
		const withLogic = structuredClone(flight());
		withLogic.pages[1]!.showIf = { question: 'punctuality', op: 'answered' };
		const movedWithLogic = moveQuestion(withLogic, 'overall', 'down');
		expect(changesMeaning(withLogic, movedWithLogic)).toBe(true);
	});
});

describe('builder operations', () => {
	it('find a question with its page and position', () => {
		expect(findQuestion(flight(), 'improve')).toMatchObject({
			pageIndex: 1,
			questionIndex: 0,
			question: { type: 'text' }
		});
		expect(findQuestion(flight(), 'nothing')).toBeNull();
	});

	it('add a question at the end of a page with placeholder text and a fresh id', () => {
		const once = addQuestion(flight(), 0, 'rating');
		const twice = addQuestion(once, 1, 'multiple');
		expect(idsByPage(twice)).toEqual([
			['punctuality', 'snacks', 'overall', 'q1'],
			['improve', 'frequency', 'q2']
		]);
		expect(findQuestion(twice, 'q1')?.question).toMatchObject({
			type: 'rating',
			factor: '',
			text: { en: 'How satisfied are you with …?' },
			lowLabel: { en: 'Completely dissatisfied' },
			highLabel: { en: 'Completely satisfied' }
		});
		expect(surveyDefinitionSchema.safeParse(twice).success).toBe(true);
	});

	it('add a question of every type that the schema accepts', () => {
		let definition = deleteQuestion(flight(), 'overall');
		for (const type of [
			'rating',
			'overall',
			'importance',
			'nps',
			'text',
			'single',
			'multiple'
		] as const) {
			definition = addQuestion(definition, 1, type);
		}
		expect(surveyDefinitionSchema.safeParse(definition).error?.issues ?? []).toEqual([]);
	});

	it('add a question under a chosen id, but never one already in use', () => {
		expect(idsByPage(addQuestion(flight(), 1, 'nps', 'recommend'))[1]).toEqual([
			'improve',
			'frequency',
			'recommend'
		]);
		expect(() => addQuestion(flight(), 1, 'nps', 'improve')).toThrow(
			'The survey already has a question "improve"'
		);
	});

	it('do not reuse the id of a later question when filling a gap', () => {
		const definition = deleteQuestion(
			addQuestion(addQuestion(flight(), 0, 'text'), 0, 'text'),
			'q1'
		);
		expect(findQuestion(addQuestion(definition, 0, 'text'), 'q3')).not.toBeNull();
	});

	it('move a question within its page', () => {
		expect(idsByPage(moveQuestion(flight(), 'snacks', 'up'))[0]).toEqual([
			'snacks',
			'punctuality',
			'overall'
		]);
		expect(idsByPage(moveQuestion(flight(), 'snacks', 'down'))[0]).toEqual([
			'punctuality',
			'overall',
			'snacks'
		]);
	});

	it('move a question across a page break to the end or start of the neighbouring page', () => {
		expect(idsByPage(moveQuestion(flight(), 'overall', 'down'))).toEqual([
			['punctuality', 'snacks'],
			['overall', 'improve', 'frequency']
		]);
		expect(idsByPage(moveQuestion(flight(), 'improve', 'up'))).toEqual([
			['punctuality', 'snacks', 'overall', 'improve'],
			['frequency']
		]);
	});

	it('leave the first and last question where they are', () => {
		const definition = flight();
		expect(moveQuestion(definition, 'punctuality', 'up')).toBe(definition);
		expect(moveQuestion(definition, 'frequency', 'down')).toBe(definition);
	});

	it('duplicate a question right after itself under a fresh id, keeping its option ids', () => {
		const duplicated = duplicateQuestion(flight(), 'frequency');
		expect(idsByPage(duplicated)[1]).toEqual(['improve', 'frequency', 'q1']);
		const copy = findQuestion(duplicated, 'q1')?.question;
		expect(copy).toMatchObject({ type: 'single', text: { en: 'How often do you fly with us?' } });
		expect(copy?.type === 'single' && copy.options.map((option) => option.id)).toEqual([
			'often',
			'rarely'
		]);
		expect(surveyDefinitionSchema.safeParse(duplicated).success).toBe(true);
	});

	it('duplicate into an independent copy', () => {
		const duplicated = duplicateQuestion(flight(), 'frequency');
		const copy = findQuestion(duplicated, 'q1')!.question;
		if (copy.type === 'single') copy.options[0]!.label.en = 'Every week';
		const original = findQuestion(duplicated, 'frequency')!.question;
		expect(original.type === 'single' && original.options[0]?.label.en).toBe('Often');
	});

	it('delete a question', () => {
		expect(idsByPage(deleteQuestion(flight(), 'snacks'))).toEqual([
			['punctuality', 'overall'],
			['improve', 'frequency']
		]);
		expect(() => deleteQuestion(flight(), 'nothing')).toThrow(
			'The survey has no question "nothing"'
		);
	});

	it('add an empty page with a fresh id and an optional title', () => {
		const definition = addPage(addPage(flight(), 'About you'));
		expect(
			definition.pages.map((page) => [page.id, page.title?.en, page.questions.length])
		).toEqual([
			['flight', 'Your flight', 3],
			['feedback', undefined, 2],
			['page1', 'About you', 0],
			['page2', undefined, 0]
		]);
		expect(surveyDefinitionSchema.safeParse(definition).success).toBe(true);
	});

	it('delete a page but keep its questions on the page before', () => {
		const definition = deletePage(flight(), 1);
		expect(definition.pages.map((page) => page.id)).toEqual(['flight']);
		expect(idsByPage(definition)).toEqual([
			['punctuality', 'snacks', 'overall', 'improve', 'frequency']
		]);
	});

	it('delete the first page by moving its questions to the start of the next', () => {
		expect(idsByPage(deletePage(flight(), 0))).toEqual([
			['punctuality', 'snacks', 'overall', 'improve', 'frequency']
		]);
		expect(deletePage(flight(), 0).pages.map((page) => page.id)).toEqual(['feedback']);
	});

	it('refuse to delete the only page', () => {
		const onePage = deletePage(flight(), 1);
		expect(() => deletePage(onePage, 0)).toThrow('A survey needs at least one page');
	});

	it('rename a page in the default language or in a translation, and clear a title', () => {
		const renamed = renamePage(renamePage(flight(), 0, '  The flight  '), 0, 'Der Flug', 'de');
		expect(renamed.pages[0]?.title).toEqual({ en: 'The flight', de: 'Der Flug' });
		const cleared = renamePage(renamePage(renamed, 0, '', 'de'), 0, '');
		expect(cleared.pages[0]).not.toHaveProperty('title');
	});

	it('never change the definition they are given', () => {
		const definition = flight();
		const before = structuredClone(definition);
		addQuestion(definition, 0, 'nps');
		moveQuestion(definition, 'overall', 'down');
		moveQuestion(definition, 'snacks', 'up');
		duplicateQuestion(definition, 'frequency');
		deleteQuestion(definition, 'snacks');
		addPage(definition, 'More');
		deletePage(definition, 0);
		renamePage(definition, 0, 'Renamed');
		expect(definition).toEqual(before);
	});
});

describe('a matrix of ratings in the builder', () => {
	const withMatrix = () => addQuestion(flight(), 1, 'matrix');
	const matrixOf = (definition: SurveyDefinition) => {
		const question = definition.pages[1]!.questions.at(-1)!;
		if (question.type !== 'matrix') throw new Error('expected a matrix');
		return question;
	};

	it('is added with two rows whose ids no question or row has', () => {
		const matrix = matrixOf(withMatrix());
		expect(matrix.id).toBe('q1');
		expect(matrix.rows.map(({ id, factor }) => [id, factor])).toEqual([
			['row1', ''],
			['row2', '']
		]);
		expect(surveyDefinitionSchema.safeParse(withMatrix()).success).toBe(true);
		const another = matrixOf(addQuestion(withMatrix(), 1, 'matrix'));
		expect(another.rows.map(({ id }) => id)).toEqual(['row3', 'row4']);
	});

	it('is duplicated with rows of fresh ids', () => {
		const definition = withMatrix();
		const copy = matrixOf(duplicateQuestion(definition, 'q1'));
		expect(copy.id).toBe('q2');
		expect(copy.rows.map(({ id }) => id)).toEqual(['row3', 'row4']);
		expect(surveyDefinitionSchema.safeParse(duplicateQuestion(definition, 'q1')).success).toBe(
			true
		);
	});

	it('needs a factor of the model on every row', () => {
		const definition = withMatrix();
		const matrix = matrixOf(definition);
		const rated = withQuestionIn(definition, matrix.id, {
			rows: [
				{ ...matrix.rows[0]!, factor: 'snacks' },
				{ ...matrix.rows[1]!, factor: 'wifi' },
				{ ...matrix.rows[1]!, id: 'row3', factor: '' }
			]
		});
		expect(definitionProblems(rated, factorKeys)).toEqual<DefinitionProblem[]>([
			{
				level: 'error',
				path: ['pages', 1, 'questions', 2, 'rows', 1, 'factor'],
				message:
					'Page 2, question 3 (“How satisfied are you with …”): the factor "wifi" of row 2 is not one of the model\'s factors'
			},
			{
				level: 'error',
				path: ['pages', 1, 'questions', 2, 'rows', 2, 'factor'],
				message:
					'Page 2, question 3 (“How satisfied are you with …”): row 3 of the matrix has no factor'
			}
		]);
	});

	it('changes no meaning when ratings are gathered into a matrix or its rows reordered', () => {
		const ratings = flight();
		const [punctuality, snacks] = ratings.pages[0]!.questions as [Question, Question];
		const gathered = structuredClone(ratings);
		gathered.pages[0]!.questions.splice(0, 2, {
			id: 'flight-matrix',
			type: 'matrix',
			text: { en: 'How satisfied are you with…' },
			required: true,
			allowNotApplicable: true,
			rows: [
				{ id: 'snacks', factor: 'snacks', text: snacks.text },
				{ id: 'punctuality', factor: 'punctuality', text: punctuality.text }
			]
		});
		// The snacks rating allowed "not applicable", the punctuality rating did not: as a matrix
		// both do, which is a change; without it, the two read alike.
		expect(changesMeaning(ratings, gathered)).toBe(true);
		const strict = withQuestionIn(ratings, 'snacks', { allowNotApplicable: false });
		const strictMatrix = withQuestionIn(gathered, 'flight-matrix', { allowNotApplicable: false });
		expect(changesMeaning(strict, strictMatrix)).toBe(false);
		const refactored = withQuestionIn(strictMatrix, 'flight-matrix', {
			rows: [
				{ id: 'snacks', factor: 'customs', text: snacks.text },
				{ id: 'punctuality', factor: 'punctuality', text: punctuality.text }
			]
		});
		expect(changesMeaning(strictMatrix, refactored)).toBe(true);
	});
});
