import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { answers, responseDrafts, responses } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { first } from '../db/queries';
import { responseView } from '../responses/view';
import { getSurvey, saveDefinition } from '../surveys/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { answerPage } from './answer-page';
import { inviteAnna } from './test-invitations';

let db: Db;
let remove: () => Promise<void>;
let token: string;

/*
 * The airline template with display logic: "what made it late" follows punctuality when it is
 * 2 or less (required then), and a 1 for snacks ends the survey after the first page.
 */
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	const { definition } = (await getSurvey(db, surveyId))!;
	const [first, ...rest] = definition.pages;
	const late = {
		id: 'late',
		type: 'text' as const,
		text: { en: 'What made the flight late?' },
		required: true,
		maxLength: 500,
		showIf: { question: 'punctuality', op: 'lte' as const, value: 2 }
	};
	const saved = await saveDefinition(db, surveyId, {
		...definition,
		pages: [
			{
				...first!,
				skipTo: { if: { question: 'snacks', op: 'eq', value: 1 }, to: 'end' },
				questions: [first!.questions[0]!, late, ...first!.questions.slice(1)]
			},
			...rest
		]
	});
	if (!saved.ok) throw new Error(saved.message);
	token = await inviteAnna(db, surveyId);
});
afterEach(() => remove());

const send = async (fields: Record<string, string>) =>
	await answerPage(db, token, (field) => (field in fields ? [fields[field]!] : []));
const firstPage = (punctuality: string, extra: Record<string, string> = {}) => ({
	page: '0',
	language: 'en',
	'q-punctuality': punctuality,
	'q-customs': '3',
	'q-safety': '5',
	'q-snacks': '4',
	...extra
});
const lastPage = { page: '1', language: 'en', 'q-overall': '4' };
const storedQuestions = async () =>
	(await db.select({ questionId: answers.questionId }).from(answers))
		.map(({ questionId }) => questionId)
		.sort();

describe('answering a survey with display logic', () => {
	it('requires the follow-up a low rating shows, and stores its answer', async () => {
		expect(await send(firstPage('2'))).toMatchObject({
			kind: 'problems',
			page: 0,
			problems: { late: { key: 'required' } }
		});
		expect(await send(firstPage('2', { 'q-late': 'Waited for a crew' }))).toEqual({
			kind: 'saved'
		});
		expect(await send(lastPage)).toEqual({ kind: 'completed', language: 'en' });
		expect(await storedQuestions()).toEqual([
			'customs',
			'late',
			'overall',
			'punctuality',
			'safety',
			'snacks'
		]);
	});

	it('neither requires nor stores the follow-up a good rating hides, even when the form sends it', async () => {
		expect(await send(firstPage('4', { 'q-late': 'Typed before changing my mind' }))).toEqual({
			kind: 'saved'
		});
		expect((await first(db.select().from(responseDrafts)))?.answers).not.toHaveProperty('late');
		expect(await send(lastPage)).toEqual({ kind: 'completed', language: 'en' });
		// No row at all: the dashboard counts the question as not asked, not as "not applicable".
		expect(await storedQuestions()).toEqual([
			'customs',
			'overall',
			'punctuality',
			'safety',
			'snacks'
		]);
	});

	it('drops a follow-up’s answer once a changed rating hides it', async () => {
		await send(firstPage('1', { 'q-late': 'Waited for a crew' }));
		await send({ ...lastPage, go: 'back' });
		expect(await send(firstPage('5'))).toEqual({ kind: 'saved' });
		expect((await first(db.select().from(responseDrafts)))?.answers).not.toHaveProperty('late');
		await send(lastPage);
		expect(await storedQuestions()).not.toContain('late');
	});

	it('completes the response at a skip to the end, without the pages after it', async () => {
		expect(await send(firstPage('4', { 'q-snacks': '1' }))).toEqual({
			kind: 'completed',
			language: 'en'
		});
		expect(await storedQuestions()).toEqual(['customs', 'punctuality', 'safety', 'snacks']);
	});

	it('shows staff the questions the respondent was not asked as “not asked”, not as unanswered', async () => {
		await send(firstPage('4', { 'q-snacks': '1' }));
		const response = (await first(db.select({ id: responses.id }).from(responses)))!;
		const shown = (await responseView(db, response.id))!.answers.map(({ id, asked, answered }) => ({
			id,
			asked,
			answered
		}));
		expect(shown).toEqual([
			{ id: 'punctuality', asked: true, answered: true },
			{ id: 'late', asked: false, answered: false },
			{ id: 'customs', asked: true, answered: true },
			{ id: 'safety', asked: true, answered: true },
			{ id: 'snacks', asked: true, answered: true },
			{ id: 'overall', asked: false, answered: false },
			{ id: 'improve', asked: false, answered: false }
		]);
	});
});
