import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	answerableQuestions,
	questionSchema,
	surveyDefinitionSchema,
	type SurveyDefinitionInput
} from './survey';

type QuestionInput = SurveyDefinitionInput['pages'][number]['questions'][number];

const punctuality: QuestionInput = {
	id: 'punctuality',
	type: 'rating',
	factor: 'punctuality',
	text: { en: 'How punctual was your departure?', de: 'Wie pünktlich war Ihr Abflug?' },
	lowLabel: { en: 'Completely dissatisfied' },
	highLabel: { en: 'Completely satisfied' }
};
const overall: QuestionInput = {
	id: 'overall',
	type: 'overall',
	text: { en: 'Overall, how satisfied are you?' }
};
const improve: QuestionInput = {
	id: 'improve',
	type: 'text',
	text: { en: 'What should we improve?' }
};
const frequency: QuestionInput = {
	id: 'frequency',
	type: 'single',
	text: { en: 'How often do you fly with us?' },
	options: [
		{ id: 'often', label: { en: 'Often' } },
		{ id: 'rarely', label: { en: 'Rarely' } }
	]
};

/** A survey in English and German with two pages; `questions` fill the first, an open question the second. */
function survey(
	questions: QuestionInput[] = [punctuality, overall],
	changes: Partial<SurveyDefinitionInput> = {}
): SurveyDefinitionInput {
	return {
		defaultLanguage: 'en',
		languages: ['en', 'de'],
		title: { en: 'How was your flight?', de: 'Wie war Ihr Flug?' },
		pages: [
			{ id: 'flight', title: { en: 'Your flight' }, questions },
			{ id: 'more', questions: [improve] }
		],
		...changes
	};
}

/** What a manager would be shown: each message and the field it points at. */
function problemsOf(input: unknown) {
	const result = surveyDefinitionSchema.safeParse(input);
	return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('a valid survey definition', () => {
	it('is accepted with defaults filled in and languages canonicalised', () => {
		const parsed = surveyDefinitionSchema.parse(
			survey([punctuality, overall], {
				defaultLanguage: ' EN ',
				languages: ['en', 'DE'],
				intro: { en: '  Two minutes.  ', de: '' }
			})
		);
		expect(parsed.defaultLanguage).toBe('en');
		expect(parsed.languages).toEqual(['en', 'de']);
		expect(parsed.intro).toEqual({ en: 'Two minutes.' });
		expect(parsed.pages[0]?.questions[0]).toMatchObject({
			required: true,
			allowNotApplicable: false
		});
		expect(parsed.pages[1]?.questions[0]).toMatchObject({
			type: 'text',
			required: true,
			maxLength: 5000
		});
	});

	it('reads translations filed under a non-canonical tag as that language', () => {
		const parsed = surveyDefinitionSchema.parse(
			survey([{ ...overall, text: { en: 'Overall?', 'pt-br': 'No geral?' } }], {
				languages: ['en', 'pt-BR'],
				title: { en: 'Flight' }
			})
		);
		expect(parsed.pages[0]?.questions[0]?.text).toEqual({ en: 'Overall?', 'pt-BR': 'No geral?' });
	});

	it('can be described as JSON Schema for the API documentation', () => {
		const schema = JSON.stringify(
			z.toJSONSchema(surveyDefinitionSchema, { io: 'input', unrepresentable: 'any' })
		);
		for (const type of ['rating', 'overall', 'importance', 'nps', 'text', 'single', 'multiple'])
			expect(schema).toContain(`"const":"${type}"`);
	});
});

describe('survey structure', () => {
	it('rejects a question id used twice, pointing at the second use', () => {
		expect(problemsOf(survey([punctuality, overall, { ...improve, id: 'punctuality' }]))).toEqual([
			{
				path: ['pages', 0, 'questions', 2, 'id'],
				message:
					'Page 1, question 3 (“What should we improve?”): the id "punctuality" is already used by page 1, question 1'
			}
		]);
	});

	it('rejects a question id used again on a later page', () => {
		expect(problemsOf(survey([punctuality, overall, improve]))).toEqual([
			{
				path: ['pages', 1, 'questions', 0, 'id'],
				message:
					'Page 2, question 1 (“What should we improve?”): the id "improve" is already used by page 1, question 3'
			}
		]);
	});

	it('rejects two pages with the same id', () => {
		const input = survey();
		input.pages[1] = { ...input.pages[1]!, id: 'flight' };
		expect(problemsOf(input)).toEqual([
			{ path: ['pages', 1, 'id'], message: 'Page 2: the id "flight" is already used by page 1' }
		]);
	});

	it('allows only one overall satisfaction question', () => {
		expect(problemsOf(survey([overall, punctuality, { ...overall, id: 'overall-again' }]))).toEqual(
			[
				{
					path: ['pages', 0, 'questions', 2, 'type'],
					message:
						'Page 1, question 3 (“Overall, how satisfied are you?”): a survey has one overall satisfaction question, and page 1, question 1 already is one'
				}
			]
		);
	});

	it('needs at least one question', () => {
		const input = survey([]);
		input.pages = [input.pages[0]!];
		expect(problemsOf(input)).toEqual([{ path: ['pages'], message: 'Add at least one question' }]);
	});

	it('needs at least one page', () => {
		expect(problemsOf(survey([], { pages: [] }))).toEqual([
			{ path: ['pages'], message: 'Add at least one page' }
		]);
	});

	it('rejects ids that are not stable keys', () => {
		expect(problemsOf(survey([{ ...punctuality, id: 'Punctuality 1' }, overall]))).toEqual([
			{
				path: ['pages', 0, 'questions', 0, 'id'],
				message:
					'Page 1, question 1: use at most 40 lower-case letters, digits, - and _ for the id, starting with a letter, e.g. punctuality'
			}
		]);
	});

	it('names the question types when the type is unknown', () => {
		expect(problemsOf(survey([{ ...overall, type: 'stars' } as unknown as QuestionInput]))).toEqual(
			[
				{
					path: ['pages', 0, 'questions', 0, 'type'],
					message:
						'Page 1, question 1: choose a question type: rating, overall, importance, nps, text, single, multiple, date, matrix'
				}
			]
		);
	});
});

describe('choice and text questions', () => {
	it('need at least two options', () => {
		const lonely = { ...frequency, options: [{ id: 'often', label: { en: 'Often' } }] };
		expect(problemsOf(survey([punctuality, overall, lonely]))).toEqual([
			{
				path: ['pages', 0, 'questions', 2, 'options'],
				message: 'Page 1, question 3: give a choice question 2 to 30 options'
			}
		]);
	});

	it('need distinct option ids', () => {
		const doubled: QuestionInput = {
			...frequency,
			type: 'multiple',
			options: [
				{ id: 'often', label: { en: 'Often' } },
				{ id: 'rarely', label: { en: 'Rarely' } },
				{ id: 'often', label: { en: 'Very often' } }
			]
		};
		expect(problemsOf(survey([overall, doubled]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'options', 2, 'id'],
				message:
					'Page 1, question 2 (“How often do you fly with us?”): options 1 and 3 both have the id "often"'
			}
		]);
	});

	it('may use the same option ids as another question', () => {
		expect(
			problemsOf(survey([overall, frequency, { ...frequency, id: 'frequency-abroad' }]))
		).toEqual([]);
	});

	it('limit text answers to 5000 characters', () => {
		expect(problemsOf(survey([overall, { ...improve, id: 'wish', maxLength: 6000 }]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'maxLength'],
				message: 'Page 1, question 2: allow text answers of 1 to 5000 characters'
			}
		]);
	});

	it('still name the place when the survey is part of a larger document', () => {
		const exported = z.object({
			surveys: z.array(z.object({ definition: surveyDefinitionSchema }))
		});
		const result = exported.safeParse({
			surveys: [{ definition: survey([overall, { ...improve, id: 'wish', maxLength: 6000 }]) }]
		});
		expect(result.error?.issues.map(({ message }) => message)).toEqual([
			'Page 1, question 2: allow text answers of 1 to 5000 characters'
		]);
	});

	it('speak without a place when a question is checked on its own', () => {
		const result = questionSchema.safeParse({ ...improve, maxLength: 0 });
		expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
			{ path: ['maxLength'], message: 'Allow text answers of 1 to 5000 characters' }
		]);
	});
});

describe('date questions', () => {
	const visit: QuestionInput = {
		id: 'visit',
		type: 'date',
		text: { en: 'When did you visit us?' },
		earliest: '2026-01-01',
		latest: '2026-12-31'
	};

	it('are accepted with an earliest and a latest date, or without them', () => {
		expect(problemsOf(survey([overall, visit]))).toEqual([]);
		expect(
			problemsOf(survey([overall, { id: 'born', type: 'date', text: { en: 'Born on?' } }]))
		).toEqual([]);
	});

	it('refuse an earliest date after the latest, pointing at the latest', () => {
		expect(problemsOf(survey([overall, { ...visit, latest: '2025-12-31' }]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'latest'],
				message:
					'Page 1, question 2 (“When did you visit us?”): the earliest date (2026-01-01) is after the latest date (2025-12-31)'
			}
		]);
	});

	it('refuse a day that does not exist or is not written YYYY-MM-DD', () => {
		expect(
			problemsOf(survey([overall, { ...visit, earliest: '2026-02-30', latest: '31.12.2026' }]))
		).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'earliest'],
				message:
					'Page 1, question 2: write the date as YYYY-MM-DD, a day that exists, e.g. 2026-03-31'
			},
			{
				path: ['pages', 0, 'questions', 1, 'latest'],
				message:
					'Page 1, question 2: write the date as YYYY-MM-DD, a day that exists, e.g. 2026-03-31'
			}
		]);
	});
});

describe('matrix questions', () => {
	const seat = { id: 'seat', factor: 'comfort', text: { en: 'your seat?', de: 'Ihrem Sitz?' } };
	const food = { id: 'food', factor: 'snacks', text: { en: 'the food?', de: 'dem Essen?' } };
	const trip = {
		id: 'trip',
		type: 'matrix',
		text: { en: 'How satisfied are you with…', de: 'Wie zufrieden sind Sie mit…' },
		rows: [seat, food]
	} satisfies QuestionInput;

	it('are accepted with 2 rows, each answered as a rating of its factor', () => {
		expect(problemsOf(survey([overall, trip]))).toEqual([]);
		const parsed = surveyDefinitionSchema.parse(survey([overall, trip]));
		expect(answerableQuestions(parsed).map(({ id, type }) => `${id}:${type}`)).toEqual([
			'overall:overall',
			'seat:rating',
			'food:rating',
			'improve:text'
		]);
	});

	it('need 2 to 15 rows', () => {
		const message = 'Page 1, question 2: give a matrix 2 to 15 rows';
		const path = ['pages', 0, 'questions', 1, 'rows'];
		expect(problemsOf(survey([overall, { ...trip, rows: [seat] }]))).toEqual([{ path, message }]);
		const many = Array.from({ length: 16 }, (_, i) => ({ ...seat, id: `row${i}` }));
		expect(problemsOf(survey([overall, { ...trip, rows: many }]))).toEqual([{ path, message }]);
	});

	it('refuse a row id that another question or row already has', () => {
		const clash = { ...trip, rows: [seat, food, { ...seat, id: 'overall' }] };
		expect(problemsOf(survey([overall, clash]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'rows', 2, 'id'],
				message:
					"Page 1, question 2 (“How satisfied are you with…”): the row id \"overall\" is already used by page 1, question 1; a row's id names its answer, so it must differ from every question's and row's id"
			}
		]);
		expect(problemsOf(survey([overall, trip, { ...trip, id: 'trip2' }]))[0]?.path).toEqual([
			'pages',
			0,
			'questions',
			2,
			'rows',
			0,
			'id'
		]);
	});

	it('require each row’s text in the default language', () => {
		const untranslated = {
			...trip,
			rows: [seat, { ...food, text: { de: 'dem Essen?' } }]
		};
		expect(problemsOf(survey([overall, untranslated]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'rows', 1, 'text', 'en'],
				message:
					'Page 1, question 2 (“How satisfied are you with…”): enter the text of row 2 in English (en)'
			}
		]);
	});

	it('let a condition test a row as a rating, but not the matrix itself', () => {
		const followUp = {
			...improve,
			id: 'seat-why',
			showIf: { question: 'seat', op: 'lte', value: 2 }
		} satisfies QuestionInput;
		expect(problemsOf(survey([overall, trip, followUp]))).toEqual([]);
		const onMatrix = { ...followUp, showIf: { question: 'trip', op: 'answered' } } as const;
		expect(problemsOf(survey([overall, trip, onMatrix]))[0]?.path).toEqual([
			'pages',
			0,
			'questions',
			2,
			'showIf',
			'question'
		]);
	});
});

describe('languages and translations', () => {
	it('requires the default-language text of every question', () => {
		const germanOnly = { ...overall, text: { de: 'Wie zufrieden sind Sie insgesamt?' } };
		expect(problemsOf(survey([punctuality, germanOnly]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'text', 'en'],
				message: 'Page 1, question 2: enter the question text in English (en)'
			}
		]);
	});

	it('requires the default-language text of labels, options and the survey title', () => {
		const noEnglishLabel = { ...punctuality, highLabel: { de: 'Völlig zufrieden' } };
		const noEnglishOption: QuestionInput = {
			...frequency,
			options: [
				{ id: 'often', label: { en: 'Often' } },
				{ id: 'rarely', label: { de: 'Selten' } }
			]
		};
		expect(
			problemsOf(
				survey([noEnglishLabel, overall, noEnglishOption], { title: { de: 'Wie war Ihr Flug?' } })
			)
		).toEqual([
			{ path: ['title', 'en'], message: 'Enter the survey title in English (en)' },
			{
				path: ['pages', 0, 'questions', 0, 'highLabel', 'en'],
				message:
					'Page 1, question 1 (“How punctual was your departure?”): enter the label of the scale’s high end in English (en)'
			},
			{
				path: ['pages', 0, 'questions', 2, 'options', 1, 'label', 'en'],
				message:
					'Page 1, question 3 (“How often do you fly with us?”): enter the label of option 2 in English (en)'
			}
		]);
	});

	it('counts a text of only spaces as missing', () => {
		expect(problemsOf(survey([punctuality, { ...overall, text: { en: '   ' } }]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'text', 'en'],
				message: 'Page 1, question 2: enter the question text in English (en)'
			}
		]);
	});

	it('rejects an unknown default language', () => {
		expect(problemsOf(survey([punctuality, overall], { defaultLanguage: 'xx' }))).toEqual([
			{
				path: ['defaultLanguage'],
				message: 'Unknown language "xx": use a code like de, nl, fi, ro or en'
			}
		]);
	});

	it('rejects an unknown language in the list', () => {
		expect(problemsOf(survey([punctuality, overall], { languages: ['en', 'klingon'] }))).toEqual([
			{
				path: ['languages', 1],
				message: 'Unknown language "klingon": use a code like de, nl, fi, ro or en'
			}
		]);
	});

	it('requires the default language among the languages', () => {
		expect(
			problemsOf(
				survey([{ ...overall, text: { en: 'Overall?' } }], {
					languages: ['de'],
					title: { en: 'Flight' }
				})
			)
		).toEqual([
			{
				path: ['languages'],
				message: 'List the default language, English (en), among the survey’s languages'
			}
		]);
	});

	it('rejects a language listed twice', () => {
		expect(problemsOf(survey([punctuality, overall], { languages: ['en', 'de', 'DE'] }))).toEqual([
			{ path: ['languages', 2], message: 'German (de) is listed twice' }
		]);
	});

	it('rejects a translation into a language the survey does not offer', () => {
		const french = {
			...overall,
			help: { en: 'Think of the whole trip.', fr: 'Pensez à tout le voyage.' }
		};
		expect(problemsOf(survey([punctuality, french]))).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'help', 'fr'],
				message:
					'Page 1, question 2 (“Overall, how satisfied are you?”): the help text has a translation into French (fr), which is not one of the survey’s languages'
			}
		]);
	});

	it('rejects texts longer than 2000 characters, naming the place', () => {
		expect(
			problemsOf(survey([punctuality, { ...overall, help: { en: 'x'.repeat(2001) } }]))
		).toEqual([
			{
				path: ['pages', 0, 'questions', 1, 'help', 'en'],
				message: 'Page 1, question 2: use at most 2000 characters'
			}
		]);
	});
});
