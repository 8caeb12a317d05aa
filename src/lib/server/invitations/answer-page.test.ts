import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { answers, invitations, responseDrafts, responses } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { first } from '../db/queries';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { answerPage } from './answer-page';
import { inviteAnonymous } from './service';
import { inviteAnna } from './test-invitations';

let db: Db;
let remove: () => Promise<void>;
let token: string;
let surveyId: number;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	token = await inviteAnna(db, surveyId);
});
afterEach(() => remove());

/** A page's form as the browser sends it. */
const send = async (fields: Record<string, string>) =>
	await answerPage(db, token, (field) => (field in fields ? [fields[field]!] : []));
const firstPage = {
	page: '0',
	language: 'en',
	'q-punctuality': '2',
	'q-customs': 'na',
	'q-safety': '5',
	'q-snacks': '4'
};
const draft = async () => await first(db.select().from(responseDrafts));

describe('answerPage', () => {
	it('saves each page against the invitation and completes the response once, from all pages', async () => {
		expect(await send(firstPage)).toEqual({ kind: 'saved' });
		expect(await draft()).toMatchObject({
			page: 1,
			language: 'en',
			answers: { punctuality: '2', customs: 'na', safety: '5', snacks: '4' }
		});

		expect(
			await send({ page: '1', language: 'en', 'q-overall': '3', 'q-improve': 'More legroom' })
		).toEqual({ kind: 'completed', language: 'en' });
		expect(await draft()).toBeUndefined();
		const stored = await db
			.select({
				questionId: answers.questionId,
				score: answers.score,
				notApplicable: answers.notApplicable,
				text: answers.text
			})
			.from(answers)
			.orderBy(answers.questionId);
		expect(stored).toEqual([
			{ questionId: 'customs', score: null, notApplicable: true, text: null },
			{ questionId: 'improve', score: null, notApplicable: false, text: 'More legroom' },
			{ questionId: 'overall', score: 3, notApplicable: false, text: null },
			{ questionId: 'punctuality', score: 2, notApplicable: false, text: null },
			{ questionId: 'safety', score: 5, notApplicable: false, text: null },
			{ questionId: 'snacks', score: 4, notApplicable: false, text: null }
		]);
		expect(await first(db.select().from(invitations))).toMatchObject({
			startedAt: expect.any(Date),
			completedAt: expect.any(Date)
		});

		// A second submit (a reload, another device) finds the link answered and stores nothing.
		expect(await send({ page: '1', language: 'en', 'q-overall': '1' })).toEqual({
			kind: 'unavailable'
		});
		expect(await db.select().from(responses)).toHaveLength(1);
	});

	it('records one response when the last page arrives twice at once (two tabs, two app nodes)', async () => {
		await send(firstPage);
		const lastPage = { page: '1', language: 'en', 'q-overall': '3' };
		await Promise.all([send(lastPage), send(lastPage)]);
		expect(await db.select().from(responses)).toHaveLength(1);
	});

	it('keeps the answers and says what is wrong next to each question, and lets the respondent go back without checks', async () => {
		expect(
			await send({ page: '0', language: 'en', 'q-punctuality': '9', 'q-safety': '5' })
		).toEqual({
			kind: 'problems',
			page: 0,
			answers: { safety: '5' },
			problems: {
				punctuality: { key: 'invalid' },
				customs: { key: 'required' },
				snacks: { key: 'required' }
			}
		});
		expect(await draft()).toMatchObject({ page: 0, answers: { safety: '5' } });
		await send(firstPage);
		expect(await send({ page: '1', language: 'en', go: 'back', 'q-improve': 'Half done' })).toEqual(
			{
				kind: 'saved'
			}
		);
		expect(await draft()).toMatchObject({
			page: 0,
			answers: { punctuality: '2', improve: 'Half done' }
		});
		expect(await db.select().from(responses)).toEqual([]);
	});

	it('answers in the survey’s default language when the form names one the survey is not offered in', async () => {
		await send({ ...firstPage, language: 'xx-evil' });
		expect((await draft())!.language).toBe('en');
	});

	it('refuses a form whose own fields were tampered with, and an unknown link, storing nothing', async () => {
		expect(await send({ ...firstPage, page: 'two' })).toEqual({ kind: 'unreadable' });
		expect(await send({ ...firstPage, go: 'sideways' })).toEqual({ kind: 'unreadable' });
		expect(await answerPage(db, 'a'.repeat(52), () => [])).toEqual({ kind: 'notFound' });
		expect(await draft()).toBeUndefined();
	});

	it('sends the last page’s answers to the last page when the survey lost a page meanwhile', async () => {
		await send(firstPage);
		expect(await send({ page: '7', language: 'en', 'q-overall': '4' })).toEqual({
			kind: 'completed',
			language: 'en'
		});
		expect(
			await first(
				db.select({ score: answers.score }).from(answers).where(eq(answers.questionId, 'overall'))
			)
		).toEqual({ score: 4 });
	});

	it('refuses to complete a response whose earlier required questions were skipped by sending the last page straight away', async () => {
		expect(await send({ page: '1', language: 'en', 'q-overall': '3' })).toEqual({
			kind: 'incomplete',
			page: 0,
			answers: { overall: '3' },
			problems: {
				punctuality: { key: 'required' },
				customs: { key: 'required' },
				safety: { key: 'required' },
				snacks: { key: 'required' }
			}
		});
		expect(await db.select().from(responses)).toEqual([]);
		expect((await first(db.select().from(invitations)))!.completedAt).toBeNull();
		// Kept for when the respondent gets there; the link opens on the page to answer first.
		expect(await draft()).toMatchObject({ page: 0, pagesPassed: 0, answers: { overall: '3' } });

		expect(await send(firstPage)).toEqual({ kind: 'saved' });
		expect(await send({ page: '1', language: 'en', 'q-overall': '3' })).toEqual({
			kind: 'completed',
			language: 'en'
		});
	});

	it('checks every page again at completion: a required answer taken back on an earlier page sends the respondent there, losing nothing', async () => {
		await send(firstPage);
		// Going back sends a page without checks, so it can empty answers of a page already passed.
		expect(
			await send({ page: '0', language: 'en', go: 'back', 'q-punctuality': '2', 'q-safety': '5' })
		).toEqual({ kind: 'saved' });
		expect(
			await send({ page: '1', language: 'en', 'q-overall': '4', 'q-improve': 'Legroom' })
		).toEqual({
			kind: 'incomplete',
			page: 0,
			answers: { punctuality: '2', safety: '5', overall: '4', improve: 'Legroom' },
			problems: { customs: { key: 'required' }, snacks: { key: 'required' } }
		});
		expect(await draft()).toMatchObject({
			page: 0,
			answers: { punctuality: '2', safety: '5', overall: '4', improve: 'Legroom' }
		});
		expect(await db.select().from(responses)).toEqual([]);
	});

	it('remembers the pages passed with the autosave, so going back or another device’s open tab locks nobody out of them', async () => {
		await send(firstPage);
		await send({ page: '1', language: 'en', go: 'back', 'q-overall': '4' });
		expect(await draft()).toMatchObject({ page: 0, pagesPassed: 1 });
		// The last page, still open on another device, may be sent: every page before it was passed.
		expect(await send({ page: '1', language: 'en', 'q-overall': '4' })).toEqual({
			kind: 'completed',
			language: 'en'
		});
	});

	it('holds an anonymous visitor of a public link to the same order of pages', async () => {
		const { token: anonymous } = await inviteAnonymous(db, surveyId);
		const sent = await answerPage(db, anonymous, (field) =>
			field === 'page' ? ['1'] : field === 'q-overall' ? ['5'] : []
		);
		expect(sent).toMatchObject({ kind: 'incomplete', page: 0 });
		expect(await db.select().from(responses)).toEqual([]);
	});
});
