import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../schemas/survey';
import { firstUnansweredPage, pageStep } from './progress';

const overall = { id: 'overall', type: 'overall', text: { en: 'Overall?' } };
const snacks = {
	id: 'snacks',
	type: 'rating',
	factor: 'snacks',
	text: { en: 'Snacks?' },
	allowNotApplicable: true
};
const why = { id: 'why', type: 'text', text: { en: 'Why?' }, required: false };
const nps = { id: 'nps', type: 'nps', text: { en: 'Recommend?' } };
const uses = {
	id: 'uses',
	type: 'multiple',
	text: { en: 'Uses?' },
	options: [
		{ id: 'work', label: { en: 'Work' } },
		{ id: 'leisure', label: { en: 'Leisure' } }
	]
};
// Three pages: required questions first and last, a page of optional ones between them.
const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'T' },
	pages: [
		{ id: 'p1', questions: [overall, snacks, why] },
		{
			id: 'p2',
			questions: [{ id: 'more', type: 'text', text: { en: 'Anything else?' }, required: false }]
		},
		{ id: 'p3', questions: [nps, uses] }
	]
});
const complete = { overall: '4', snacks: 'na', nps: '9', uses: ['work'] };
const forward = (page: number) => ({ page, go: 'forward' as const, problems: {} });

describe('the first page with a required question unanswered', () => {
	it('names the page and each of its required questions without an answer', () => {
		expect(firstUnansweredPage(definition, { snacks: '3', why: 'Late' })).toEqual({
			page: 0,
			problems: { overall: { key: 'required' } }
		});
		expect(firstUnansweredPage(definition, { overall: '4', snacks: '3' })).toEqual({
			page: 2,
			problems: { nps: { key: 'required' }, uses: { key: 'required' } }
		});
	});

	it('counts “not applicable” as an answer and needs nothing on a page of optional questions', () => {
		expect(firstUnansweredPage(definition, complete)).toBeNull();
	});

	it('looks only as far as the page it is asked about', () => {
		expect(firstUnansweredPage(definition, { overall: '4', snacks: '3' }, 1)).toBeNull();
	});
});

describe('where a page sent by a respondent leads', () => {
	it('moves on to the next page and counts the sent one as passed', () => {
		expect(pageStep(definition, forward(0), 0, { overall: '4', snacks: '3' })).toEqual({
			kind: 'move',
			page: 1,
			pagesPassed: 1
		});
		expect(pageStep(definition, forward(1), 1, { overall: '4', snacks: '3' })).toEqual({
			kind: 'move',
			page: 2,
			pagesPassed: 2
		});
	});

	it('completes the response from the last page once every page is passed and every required question answered', () => {
		expect(pageStep(definition, forward(2), 2, complete)).toEqual({ kind: 'complete' });
	});

	it('sends a respondent who sends the last page straight away back to the first page, naming its unanswered questions', () => {
		expect(pageStep(definition, forward(2), 0, { nps: '9', uses: ['work'] })).toEqual({
			kind: 'incomplete',
			page: 0,
			pagesPassed: 0,
			problems: { overall: { key: 'required' }, snacks: { key: 'required' } }
		});
	});

	it('sends a respondent who skips a page of optional questions back to it, even though nothing on it is missing', () => {
		expect(pageStep(definition, forward(2), 1, complete)).toEqual({
			kind: 'incomplete',
			page: 1,
			pagesPassed: 1,
			problems: {}
		});
	});

	it('refuses a page not reached yet in either direction', () => {
		expect(pageStep(definition, { page: 2, go: 'back', problems: {} }, 0, {})).toMatchObject({
			kind: 'incomplete',
			page: 0
		});
	});

	it('checks every page again at completion: a passed page whose answer was taken back is shown again', () => {
		const { overall: _takenBack, ...rest } = complete;
		expect(pageStep(definition, forward(2), 2, rest)).toEqual({
			kind: 'incomplete',
			page: 0,
			pagesPassed: 3,
			problems: { overall: { key: 'required' } }
		});
	});

	it('keeps a page with problems in place and the pages passed as they were', () => {
		const problems = { nps: { key: 'invalid' as const } };
		expect(pageStep(definition, { page: 2, go: 'forward', problems }, 2, complete)).toEqual({
			kind: 'problems',
			page: 2,
			pagesPassed: 2,
			problems
		});
	});

	it('goes back without checks, and going back loses no progress', () => {
		expect(
			pageStep(definition, { page: 2, go: 'back', problems: { nps: { key: 'required' } } }, 2, {})
		).toEqual({ kind: 'move', page: 1, pagesPassed: 2 });
		expect(pageStep(definition, { page: 0, go: 'back', problems: {} }, 2, {})).toEqual({
			kind: 'move',
			page: 0,
			pagesPassed: 2
		});
		// A page passed earlier may be sent again from a tab left open there.
		expect(pageStep(definition, forward(1), 2, complete)).toEqual({
			kind: 'move',
			page: 2,
			pagesPassed: 2
		});
	});
});

describe('where a page leads with display logic', () => {
	// Page 1: a rating, a required "what went wrong" for 2 or less; a 5 ends the survey. Page 2 is
	// asked only when something went wrong; page 3 always.
	const logic = surveyDefinitionSchema.parse({
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'T' },
		pages: [
			{
				id: 'p1',
				skipTo: { if: { question: 'snacks', op: 'eq', value: 5 }, to: 'end' },
				questions: [
					{ ...snacks, allowNotApplicable: false },
					{
						id: 'wrong',
						type: 'text',
						text: { en: 'What went wrong?' },
						showIf: { question: 'snacks', op: 'lte', value: 2 }
					}
				]
			},
			{ id: 'p2', showIf: { question: 'wrong', op: 'answered' }, questions: [why] },
			{ id: 'p3', questions: [overall] }
		]
	});
	const required = { wrong: { key: 'required' as const } };

	it('requires a follow-up its condition shows', () => {
		expect(
			pageStep(logic, { page: 0, go: 'forward', problems: required }, 0, { snacks: '2' })
		).toEqual({ kind: 'problems', page: 0, pagesPassed: 0, problems: required });
	});

	it('does not require a hidden follow-up, and passes over the page that depends on it', () => {
		expect(
			pageStep(logic, { page: 0, go: 'forward', problems: required }, 0, { snacks: '4' })
		).toEqual({ kind: 'move', page: 2, pagesPassed: 2 });
		expect(pageStep(logic, { page: 2, go: 'back', problems: {} }, 2, { snacks: '4' })).toEqual({
			kind: 'move',
			page: 0,
			pagesPassed: 2
		});
	});

	it('completes the response at a skip to the end', () => {
		expect(pageStep(logic, forward(0), 0, { snacks: '5' })).toEqual({ kind: 'complete' });
	});

	it('checks at completion only the questions the answers show', () => {
		expect(pageStep(logic, forward(2), 2, { snacks: '3', overall: '4' })).toEqual({
			kind: 'complete'
		});
		expect(pageStep(logic, forward(2), 2, { snacks: '1', overall: '4' })).toEqual({
			kind: 'incomplete',
			page: 0,
			pagesPassed: 3,
			problems: required
		});
	});
});
