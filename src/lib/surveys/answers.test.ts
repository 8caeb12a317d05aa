import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../schemas/survey';
import { answerRows, answersOfRows, oneClickAnswers, readPageAnswers } from './answers';

const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'T' },
	pages: [
		{
			id: 'p1',
			questions: [
				{
					id: 'snacks',
					type: 'rating',
					factor: 'snacks',
					text: { en: 'Snacks?' },
					allowNotApplicable: true
				},
				{ id: 'overall', type: 'overall', text: { en: 'Overall?' } },
				{ id: 'nps', type: 'nps', text: { en: 'Recommend?' }, required: false },
				{ id: 'why', type: 'text', text: { en: 'Why?' }, required: false, maxLength: 10 },
				{
					id: 'often',
					type: 'single',
					text: { en: 'How often?' },
					options: [
						{ id: 'weekly', label: { en: 'Weekly' } },
						{ id: 'monthly', label: { en: 'Monthly' } }
					]
				},
				{
					id: 'uses',
					type: 'multiple',
					text: { en: 'Uses?' },
					required: false,
					options: [
						{ id: 'work', label: { en: 'Work' } },
						{ id: 'leisure', label: { en: 'Leisure' } }
					]
				}
			]
		}
	]
});
const questions = definition.pages[0]!.questions;
const form = (fields: Record<string, string | string[]>) => (name: string) => {
	const value = fields[name];
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

describe('reading a page of answers', () => {
	it('accepts valid answers and stores scores, not-applicable, text and choices', () => {
		const { answers, problems } = readPageAnswers(
			questions,
			form({
				'q-snacks': 'na',
				'q-overall': '4',
				'q-nps': '0',
				'q-why': ' late ',
				'q-often': 'weekly',
				'q-uses': ['work', 'leisure']
			})
		);
		expect(problems).toEqual({});
		expect(answerRows(definition, answers)).toEqual([
			{ questionId: 'snacks', score: null, notApplicable: true, text: null, choices: null },
			{ questionId: 'overall', score: 4, notApplicable: false, text: null, choices: null },
			{ questionId: 'nps', score: 0, notApplicable: false, text: null, choices: null },
			{ questionId: 'why', score: null, notApplicable: false, text: 'late', choices: null },
			{ questionId: 'often', score: null, notApplicable: false, text: null, choices: ['weekly'] },
			{
				questionId: 'uses',
				score: null,
				notApplicable: false,
				text: null,
				choices: ['work', 'leisure']
			}
		]);
	});

	it('reads stored rows back as the answers they were made from', () => {
		const answers = {
			snacks: 'na',
			overall: '4',
			nps: '0',
			why: 'late',
			often: 'weekly',
			uses: ['work', 'leisure']
		};
		expect(answersOfRows(definition, answerRows(definition, answers))).toEqual(answers);
		expect(answersOfRows(definition, [])).toEqual({});
	});

	it('asks for required answers and leaves optional ones out', () => {
		const { answers, problems } = readPageAnswers(questions, form({ 'q-overall': '3' }));
		expect(problems).toEqual({ snacks: { key: 'required' }, often: { key: 'required' } });
		expect(answers).toEqual({ overall: '3' });
	});

	it('refuses values the question does not offer, and texts over the limit', () => {
		const { problems } = readPageAnswers(
			questions,
			form({
				'q-snacks': '6',
				'q-overall': 'na',
				'q-nps': '11',
				'q-why': 'far too long',
				'q-often': 'daily',
				'q-uses': ['work', 'hacking']
			})
		);
		expect(problems).toEqual({
			snacks: { key: 'invalid' },
			overall: { key: 'invalid' },
			nps: { key: 'invalid' },
			why: { key: 'tooLong', max: 10 },
			often: { key: 'invalid' },
			uses: { key: 'invalid' }
		});
	});
});

describe('answers to a question whose id every object has a member called', () => {
	const withConstructor = surveyDefinitionSchema.parse({
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'T' },
		pages: [
			{ id: 'p1', questions: [{ id: 'constructor', type: 'overall', text: { en: 'Overall?' } }] }
		]
	});
	const [question] = withConstructor.pages[0]!.questions;

	it('still asks for the answer when it is required and left out', () => {
		expect(readPageAnswers([question!], form({})).problems).toEqual({
			constructor: { key: 'required' }
		});
	});

	it('reads nothing from fields named after no question, such as q-__proto__', () => {
		const read = readPageAnswers(
			questions,
			form({
				'q-overall': '4',
				'q-snacks': '3',
				'q-often': 'weekly',
				'q-__proto__': '5',
				'q-constructor': '5',
				'q-toString': '5'
			})
		);
		expect(read).toEqual({ answers: { overall: '4', snacks: '3', often: 'weekly' }, problems: {} });
		expect(Object.getPrototypeOf(read.answers)).toBe(Object.prototype);
	});

	it('stores no answer for it when none was given', () => {
		expect(answerRows(withConstructor, {})).toEqual([]);
	});
});

describe('oneClickAnswers', () => {
	const link = (query: string) => oneClickAnswers(definition, new URLSearchParams(query));

	it('reads one value per scale question from what its scale offers', () => {
		expect(link('q-overall=4&q-nps=10&q-snacks=na')).toEqual({
			overall: '4',
			nps: '10',
			snacks: 'na'
		});
	});

	it('ignores values off the scale, repeated fields, texts, choices and unknown questions', () => {
		expect(
			link('q-overall=6&q-nps=3&q-nps=4&q-why=bad&q-often=weekly&q-__proto__=1&q-snacks=4.5')
		).toEqual({});
	});
});

describe('date answers', () => {
	const dated = surveyDefinitionSchema.parse({
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'T' },
		pages: [
			{
				id: 'p1',
				questions: [
					{
						id: 'visit',
						type: 'date',
						text: { en: 'When did you visit?' },
						earliest: '2026-01-01',
						latest: '2026-06-30'
					},
					{ id: 'born', type: 'date', text: { en: 'Born?' }, required: false }
				]
			}
		]
	});
	const read = (visit: string, born?: string) =>
		readPageAnswers(
			dated.pages[0]!.questions,
			form({ 'q-visit': visit, ...(born === undefined ? {} : { 'q-born': born }) })
		);

	it('stores the day as YYYY-MM-DD in the answer’s text, with no score', () => {
		const { answers, problems } = read('2026-02-28', '1970-01-01');
		expect(problems).toEqual({});
		expect(answerRows(dated, answers)).toEqual([
			{ questionId: 'visit', score: null, notApplicable: false, text: '2026-02-28', choices: null },
			{ questionId: 'born', score: null, notApplicable: false, text: '1970-01-01', choices: null }
		]);
		expect(answersOfRows(dated, answerRows(dated, answers))).toEqual(answers);
	});

	it('refuses a day that does not exist, and anything that is not a date', () => {
		expect(read('2026-02-30').problems).toEqual({ visit: { key: 'notADate' } });
		expect(read('2026-03-01', 'yesterday').problems).toEqual({ born: { key: 'notADate' } });
	});

	it('refuses a day before the earliest or after the latest, naming the limit; the limits themselves are fine', () => {
		expect(read('2025-12-31').problems).toEqual({
			visit: { key: 'tooEarly', date: '2026-01-01' }
		});
		expect(read('2026-07-01').problems).toEqual({ visit: { key: 'tooLate', date: '2026-06-30' } });
		expect(read('2026-01-01').problems).toEqual({});
		expect(read('2026-06-30').problems).toEqual({});
	});
});

describe('matrix answers', () => {
	const trip = surveyDefinitionSchema.parse({
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'T' },
		pages: [
			{
				id: 'p1',
				questions: [
					{
						id: 'trip',
						type: 'matrix',
						text: { en: 'How satisfied are you with…' },
						allowNotApplicable: true,
						rows: [
							{ id: 'seat', factor: 'comfort', text: { en: 'your seat?' } },
							{ id: 'food', factor: 'snacks', text: { en: 'the food?' } }
						]
					}
				]
			}
		]
	});

	it('reads each row as a rating under its own id, and stores one row per matrix row', () => {
		const { answers, problems } = readPageAnswers(
			trip.pages[0]!.questions,
			form({ 'q-seat': '2', 'q-food': 'na', 'q-trip': '5' })
		);
		expect(problems).toEqual({});
		expect(answerRows(trip, answers)).toEqual([
			{ questionId: 'seat', score: 2, notApplicable: false, text: null, choices: null },
			{ questionId: 'food', score: null, notApplicable: true, text: null, choices: null }
		]);
		expect(answersOfRows(trip, answerRows(trip, answers))).toEqual({ seat: '2', food: 'na' });
	});

	it('asks for every row of a required matrix, and refuses values off the scale', () => {
		expect(readPageAnswers(trip.pages[0]!.questions, form({ 'q-seat': '6' })).problems).toEqual({
			seat: { key: 'invalid' },
			food: { key: 'required' }
		});
	});
});
