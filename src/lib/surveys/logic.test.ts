import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema, type SurveyDefinitionInput } from '../schemas/survey';
import {
	askedQuestions,
	isShown,
	nextPage,
	passes,
	previousPage,
	shownAnswers,
	surveyRoute,
	valueTest,
	visibleQuestions
} from './logic';

const options = (...ids: string[]) => ids.map((id) => ({ id, label: { en: id } }));

/*
 * Four pages. Page 1: a rating, "what went wrong" for 2 or less, and the channel used; web users
 * skip page 2. Page 3 is asked only once the rating is given, and ends the survey for detractors.
 * Page 4: what the respondent uses, and why leisure if they chose it.
 */
const input: SurveyDefinitionInput = {
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'Service' },
	pages: [
		{
			id: 'p1',
			skipTo: { if: { question: 'channel', op: 'is', option: 'web' }, to: 'p3' },
			questions: [
				{
					id: 'service',
					type: 'rating',
					factor: 'service',
					text: { en: 'Service?' },
					allowNotApplicable: true
				},
				{
					id: 'wrong',
					type: 'text',
					text: { en: 'What went wrong?' },
					showIf: { question: 'service', op: 'lte', value: 2 }
				},
				{
					id: 'channel',
					type: 'single',
					text: { en: 'Channel?' },
					options: options('web', 'phone')
				}
			]
		},
		{
			id: 'p2',
			questions: [{ id: 'wait', type: 'rating', factor: 'wait', text: { en: 'Waiting?' } }]
		},
		{
			id: 'p3',
			showIf: { question: 'service', op: 'answered' },
			skipTo: { if: { question: 'nps', op: 'lte', value: 6 }, to: 'end' },
			questions: [{ id: 'nps', type: 'nps', text: { en: 'Recommend?' } }]
		},
		{
			id: 'p4',
			questions: [
				{
					id: 'uses',
					type: 'multiple',
					text: { en: 'Uses?' },
					required: false,
					options: options('work', 'leisure')
				},
				{
					id: 'leisure_why',
					type: 'text',
					text: { en: 'Why leisure?' },
					required: false,
					showIf: { question: 'uses', op: 'includes', option: 'leisure' }
				}
			]
		}
	]
};
const definition = surveyDefinitionSchema.parse(input);

describe('a condition as a test on the values of a form field', () => {
	it('turns a comparison of scores into the scores that meet it, never “not applicable”', () => {
		expect(valueTest(definition, { question: 'service', op: 'lte', value: 2 })).toEqual({
			field: 'q-service',
			anyOf: ['1', '2']
		});
		expect(valueTest(definition, { question: 'nps', op: 'gte', value: 9 })).toEqual({
			field: 'q-nps',
			anyOf: ['9', '10']
		});
		expect(valueTest(definition, { question: 'nps', op: 'eq', value: 0 })).toEqual({
			field: 'q-nps',
			anyOf: ['0']
		});
	});

	it('needs an answer without the option for “is not”, and only the answer’s presence otherwise', () => {
		expect(valueTest(definition, { question: 'uses', op: 'isNot', option: 'work' })).toEqual({
			field: 'q-uses',
			answered: true,
			noneOf: ['work']
		});
		expect(valueTest(definition, { question: 'wrong', op: 'notAnswered' })).toEqual({
			field: 'q-wrong',
			answered: false
		});
		const isNotWork = valueTest(definition, { question: 'uses', op: 'isNot', option: 'work' });
		expect(passes(isNotWork, [])).toBe(false);
		expect(passes(isNotWork, ['leisure'])).toBe(true);
		expect(passes(isNotWork, ['leisure', 'work'])).toBe(false);
	});
});

describe('whether a condition holds', () => {
	const atMostTwo = { question: 'service', op: 'lte', value: 2 } as const;

	it('holds for scores that meet the comparison', () => {
		expect(isShown(definition, atMostTwo, { service: '1' })).toBe(true);
		expect(isShown(definition, atMostTwo, { service: '2' })).toBe(true);
		expect(isShown(definition, atMostTwo, { service: '3' })).toBe(false);
	});

	it('fails every comparison for an unanswered question and for “not applicable”', () => {
		expect(isShown(definition, atMostTwo, {})).toBe(false);
		expect(isShown(definition, atMostTwo, { service: 'na' })).toBe(false);
		expect(isShown(definition, { question: 'service', op: 'answered' }, { service: 'na' })).toBe(
			true
		);
		expect(isShown(definition, { question: 'service', op: 'notAnswered' }, {})).toBe(true);
	});

	it('always holds when there is no condition', () => {
		expect(isShown(definition, undefined, {})).toBe(true);
	});
});

describe('the route a respondent takes', () => {
	it('skips a page by its rule and ends early, dropping the answers of pages not on the way', () => {
		const answers = {
			service: '2',
			wrong: 'Late',
			channel: 'web',
			wait: '3',
			nps: '5',
			uses: ['work']
		};
		expect(surveyRoute(definition, answers)).toEqual({
			pages: [0, 2],
			answers: { service: '2', wrong: 'Late', channel: 'web', nps: '5' }
		});
	});

	it('drops the stale answer of a question an earlier change hid', () => {
		const answers = {
			service: '4',
			wrong: 'Late',
			channel: 'phone',
			wait: '3',
			nps: '9',
			uses: ['work'],
			leisure_why: 'Holidays'
		};
		expect(surveyRoute(definition, answers)).toEqual({
			pages: [0, 1, 2, 3],
			answers: { service: '4', channel: 'phone', wait: '3', nps: '9', uses: ['work'] }
		});
		expect(shownAnswers(definition, { ...answers, uses: ['leisure'] })).toMatchObject({
			leisure_why: 'Holidays'
		});
	});

	it('passes over a page whose condition fails, also when a skip lands on it', () => {
		expect(surveyRoute(definition, { channel: 'web' }).pages).toEqual([0, 3]);
		expect(surveyRoute(definition, { channel: 'phone' }).pages).toEqual([0, 1, 3]);
	});

	it('leads forward and back along the route', () => {
		const web = { service: '3', channel: 'web' };
		expect(nextPage(definition, 0, web)).toBe(2);
		expect(previousPage(definition, 2, web)).toBe(0);
		expect(previousPage(definition, 2, { ...web, channel: 'phone' })).toBe(1);
		expect(nextPage(definition, 2, { ...web, nps: '6' })).toBe('end');
		expect(nextPage(definition, 2, { ...web, nps: '7' })).toBe(3);
		expect(nextPage(definition, 3, web)).toBe('end');
		expect(previousPage(definition, 0, web)).toBe(0);
	});
});

describe('the questions a page shows', () => {
	const ids = (pageIndex: number, answers: Record<string, string | string[]>) =>
		visibleQuestions(definition, pageIndex, answers).map(({ id }) => id);

	it('shows a follow-up only while its condition holds', () => {
		expect(ids(0, { service: '2' })).toEqual(['service', 'wrong', 'channel']);
		expect(ids(0, { service: '5' })).toEqual(['service', 'channel']);
		expect(ids(0, {})).toEqual(['service', 'channel']);
	});

	it('shows nothing of a page the route passes over', () => {
		expect(ids(1, { channel: 'web' })).toEqual([]);
		expect(ids(1, { channel: 'phone' })).toEqual(['wait']);
	});
});

describe('the questions a respondent was asked', () => {
	it('leaves out follow-ups whose condition failed and pages the route passed over', () => {
		const asked = askedQuestions(definition, { service: '4', channel: 'web', nps: '9' });
		expect([...asked]).toEqual(['service', 'channel', 'nps', 'uses']);
	});

	it('counts a shown question as asked even when left unanswered', () => {
		const asked = askedQuestions(definition, { service: '1', channel: 'phone', nps: '3' });
		expect([...asked]).toEqual(['service', 'wrong', 'channel', 'wait', 'nps']);
	});
});

/** The messages of the definition with one change, or [] when it is valid. */
function problems(change: (copy: SurveyDefinitionInput) => void): string[] {
	const copy = structuredClone(input);
	change(copy);
	const parsed = surveyDefinitionSchema.safeParse(copy);
	return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}
const pageOf = (copy: SurveyDefinitionInput, index: number) => copy.pages[index]!;
const questionOf = (copy: SurveyDefinitionInput, page: number, index: number) =>
	pageOf(copy, page).questions[index]!;

describe('display conditions and skip rules in the definition', () => {
	it('accepts the conditions of a valid survey', () => {
		expect(problems(() => {})).toEqual([]);
	});

	it('refuses a condition on a question asked later, naming both places', () => {
		expect(
			problems((copy) => {
				questionOf(copy, 0, 0).showIf = { question: 'channel', op: 'is', option: 'web' };
			})
		).toEqual([
			'Page 1, question 1 (“Service?”): the condition uses Page 1, question 3 (“Channel?”), which is not asked before it; a condition can only use answers given earlier'
		]);
	});

	it('refuses a page condition on the page’s own questions, but lets its skip rule use them', () => {
		expect(
			problems((copy) => {
				pageOf(copy, 1).showIf = { question: 'wait', op: 'answered' };
			})
		).toEqual([
			'Page 2, display condition: the condition uses Page 2, question 1 (“Waiting?”), which is not asked before it; a condition can only use answers given earlier'
		]);
		expect(
			problems((copy) => {
				pageOf(copy, 1).skipTo = { if: { question: 'wait', op: 'gte', value: 4 }, to: 'p4' };
			})
		).toEqual([]);
	});

	it('refuses a condition on a question the survey does not have (a deleted one)', () => {
		expect(
			problems((copy) => {
				pageOf(copy, 0).questions.splice(0, 1);
			})
		).toEqual([
			'Page 1, question 1 (“What went wrong?”): the condition uses question "service", which the survey does not have',
			'Page 3, display condition: the condition uses question "service", which the survey does not have'
		]);
	});

	it('refuses a score outside the question’s scale and a comparison that does not suit it', () => {
		expect(
			problems((copy) => {
				questionOf(copy, 0, 1).showIf = { question: 'service', op: 'lte', value: 6 };
			})
		).toEqual([
			'Page 1, question 2 (“What went wrong?”): the condition compares Page 1, question 1 (“Service?”) with 6, outside its scale of 1 to 5'
		]);
		expect(
			problems((copy) => {
				pageOf(copy, 2).skipTo = { if: { question: 'nps', op: 'lte', value: 0 }, to: 'end' };
			})
		).toEqual([]);
		expect(
			problems((copy) => {
				questionOf(copy, 0, 2).showIf = { question: 'wrong', op: 'gte', value: 2 };
			})
		).toEqual([
			'Page 1, question 3 (“Channel?”): the comparison "gte" does not suit Page 1, question 2 (“What went wrong?”); scales take lte, gte and eq, choices is, isNot and includes, every question answered and notAnswered'
		]);
	});

	it('refuses an option the question does not offer', () => {
		expect(
			problems((copy) => {
				pageOf(copy, 0).skipTo = { if: { question: 'channel', op: 'is', option: 'fax' }, to: 'p3' };
			})
		).toEqual([
			'Page 1, skip rule: the condition uses option "fax", which Page 1, question 3 (“Channel?”) does not offer'
		]);
	});

	it('refuses a skip backwards or to a page the survey does not have', () => {
		expect(
			problems((copy) => {
				pageOf(copy, 2).skipTo = { if: { question: 'nps', op: 'answered' }, to: 'p2' };
			})
		).toEqual(['Page 3, skip rule: the rule leads back to page 2; a skip can only go forward']);
		expect(
			problems((copy) => {
				pageOf(copy, 0).skipTo = { if: { question: 'service', op: 'answered' }, to: 'p9' };
			})
		).toEqual(['Page 1, skip rule: the rule leads to page "p9", which the survey does not have']);
	});

	it('names the comparisons when a condition lacks its value', () => {
		expect(
			problems((copy) => {
				questionOf(copy, 0, 1).showIf = { question: 'service', op: 'lte' } as never;
			})
		).toEqual([
			'Page 1, question 2: a condition needs a question, a comparison (lte, gte, eq, is, isNot, includes, answered, notAnswered) and, for scores and options, the value to compare with'
		]);
	});
});

describe('a condition on a row of a matrix', () => {
	const definition = surveyDefinitionSchema.parse({
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
						rows: [
							{ id: 'seat', factor: 'comfort', text: { en: 'your seat?' } },
							{ id: 'food', factor: 'snacks', text: { en: 'the food?' } }
						]
					}
				]
			},
			{
				id: 'p2',
				questions: [
					{
						id: 'seat-why',
						type: 'text',
						text: { en: 'What was wrong with the seat?' },
						showIf: { question: 'seat', op: 'lte', value: 2 }
					}
				]
			}
		]
	});

	it('is tested like a rating: a 2 for the seat asks why, a 4 does not', () => {
		expect(visibleQuestions(definition, 1, { seat: '2', food: '5' }).map(({ id }) => id)).toEqual([
			'seat-why'
		]);
		expect(visibleQuestions(definition, 1, { seat: '4', food: '5' })).toEqual([]);
		expect(valueTest(definition, { question: 'seat', op: 'lte', value: 2 })).toEqual({
			field: 'q-seat',
			anyOf: ['1', '2']
		});
	});

	it('keeps the rows’ answers on the route and counts the rows as asked', () => {
		const answers = { seat: '4', food: '3', 'seat-why': 'stale' };
		expect(shownAnswers(definition, answers)).toEqual({ seat: '4', food: '3' });
		expect([...askedQuestions(definition, answers)]).toEqual(['seat', 'food']);
	});
});
