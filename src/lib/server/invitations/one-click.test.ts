import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answersWithClicks } from '../../respondent/one-click';
import type { Db } from '../db';
import { first } from '../db/queries';
import { invitationClicks, invitations, responseDrafts } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { answerPage } from './answer-page';
import { countedClicks, recordClick } from './one-click';
import { inviteAnna } from './test-invitations';

let db: Db;
let remove: () => Promise<void>;
let token: string;
let invitationId: number;

/** When the email arrived: just after the invitation was made, as its link opens no earlier. */
let delivered: Date;
const later = (seconds: number) => new Date(delivered.getTime() + seconds * 1000);

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	token = await inviteAnna(db, surveyId);
	invitationId = (await first(db.select({ id: invitations.id }).from(invitations)))!.id;
	delivered = new Date();
});
afterEach(() => remove());

const startedAt = async () =>
	(await first(db.select({ at: invitations.startedAt }).from(invitations)))!.at;
/** What the respondent's page shows as answered: saved pages with counted clicks laid over. */
const standing = async () =>
	answersWithClicks(
		(await first(db.select().from(responseDrafts))) ?? null,
		await countedClicks(db, invitationId)
	);
const firstPage = {
	page: '0',
	language: 'en',
	'q-punctuality': '4',
	'q-customs': '3',
	'q-safety': '5',
	'q-snacks': '4'
};
const send = async (fields: Record<string, string>, at: Date) =>
	await answerPage(db, token, (field) => (field in fields ? [fields[field]!] : []), at);

describe('recordClick', () => {
	it('records a person’s click at once, starts the invitation, and the pages carry it into the response', async () => {
		expect(await recordClick(db, invitationId, { overall: '2' }, later(3600))).toBe(true);
		expect(await startedAt()).toEqual(later(3600));
		expect(await standing()).toEqual({ overall: '2' });

		// The respondent comes back and answers the first page: the click's answer is kept for the second.
		expect(await send(firstPage, later(7200))).toEqual({ kind: 'saved' });
		expect((await first(db.select().from(responseDrafts)))!.answers).toMatchObject({
			overall: '2',
			punctuality: '4'
		});
	});

	it('sets a mail scanner’s burst aside, and a person’s later click still counts', async () => {
		expect(await recordClick(db, invitationId, { overall: '1' }, later(2))).toBe(true);
		expect(await recordClick(db, invitationId, { overall: '2' }, later(2.4))).toBe(false);
		expect(await recordClick(db, invitationId, { overall: '3' }, later(2.8))).toBe(false);
		expect(await standing()).toEqual({});
		expect(await startedAt()).toBeNull();
		const kept = await db.select().from(invitationClicks).orderBy(invitationClicks.id);
		expect(kept.map(({ value, counted }) => [value, counted])).toEqual([
			['1', false],
			['2', false],
			['3', false]
		]);

		expect(await recordClick(db, invitationId, { overall: '4' }, later(3600))).toBe(true);
		expect(await standing()).toEqual({ overall: '4' });
		expect(await startedAt()).toEqual(later(3600));
	});

	it('takes the same value clicked twice as one answer', async () => {
		expect(await recordClick(db, invitationId, { overall: '5' }, later(60))).toBe(true);
		expect(await recordClick(db, invitationId, { overall: '5' }, later(61))).toBe(true);
		expect(await standing()).toEqual({ overall: '5' });
	});

	it('lets the latest of the page and the email’s clicks win', async () => {
		await recordClick(db, invitationId, { punctuality: '1' }, later(60));
		await send(firstPage, later(120));
		expect(await standing()).toMatchObject({ punctuality: '4' });
		await recordClick(db, invitationId, { punctuality: '2' }, later(180));
		expect(await standing()).toMatchObject({ punctuality: '2', safety: '5' });
	});

	it('leaves a respondent who saved a page started when a scanner bursts in later', async () => {
		await send(firstPage, later(60));
		await recordClick(db, invitationId, { overall: '1' }, later(120));
		await recordClick(db, invitationId, { overall: '5' }, later(120.5));
		expect(await startedAt()).toEqual(later(60));
		expect(await standing()).toMatchObject({ punctuality: '4' });
		expect(await standing()).not.toHaveProperty('overall');
	});
});
