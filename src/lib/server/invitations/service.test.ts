import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { answers, invitations, responses } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { first } from '../db/queries';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import { changeStatus, getSurvey, saveDefinition } from '../surveys/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import {
	findInvitation,
	findSurveyByPublicLink,
	inviteAnonymous,
	inviteClient,
	saveDraft,
	setPublicLink,
	submitLastPage,
	unavailability,
	updateOwnProfile,
	versionFor
} from './service';
import { getClient } from '../clients/queries';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let surveyId = 0;
const DAY = 24 * 60 * 60 * 1000;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyId = await openSurveyFromTemplate(db, 'nps-reasons');
	await saveClients(
		db,
		[
			clientInput({ email: 'anna@example.com', consent: true }),
			clientInput({ email: 'gone@example.com', consent: true, unsubscribed: true }),
			clientInput({ email: 'shy@example.com' })
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
});
afterEach(() => remove());

const invite = async (email: string, now = new Date()) =>
	await inviteClient(db, { surveyId, client: { email }, channel: 'api', fatigueDays: 30, now });

describe('invitations', () => {
	it('give a 256-bit personal link and store only its hash', async () => {
		const invited = await invite('anna@example.com');
		if (!invited.ok) throw new Error(invited.message);
		expect(invited.token).toMatch(/^[a-z2-7]{52}$/);
		expect(JSON.stringify(await db.select().from(invitations))).not.toContain(invited.token);
		expect((await findInvitation(db, invited.token))?.client?.id).toBe(1);
		expect(
			await findInvitation(
				db,
				invited.token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))
			)
		).toBeNull();
	});

	it('skip unsubscribed clients and clients without consent, saying why', async () => {
		expect(await invite('gone@example.com')).toEqual({
			ok: false,
			status: 409,
			message: 'The client has unsubscribed from surveys.'
		});
		expect(await invite('shy@example.com')).toEqual({
			ok: false,
			status: 409,
			message: 'The client has not consented to be surveyed.'
		});
		expect(await invite('nobody@example.com')).toMatchObject({ ok: false, status: 404 });
	});

	it('leave a client alone for 30 days after an invitation (the survey-fatigue rule)', async () => {
		const start = new Date('2026-06-01T10:00:00Z');
		expect((await invite('anna@example.com', start)).ok).toBe(true);
		expect(await invite('anna@example.com', new Date(start.getTime() + 12 * DAY))).toEqual({
			ok: false,
			status: 409,
			message:
				'The client was invited 12 days ago; the survey-fatigue rule leaves clients alone for 30 days.'
		});
		expect((await invite('anna@example.com', new Date(start.getTime() + 31 * DAY))).ok).toBe(true);
	});

	it('keep the survey-fatigue rule when two invitations for one client come at once (two app nodes)', async () => {
		// Two connections opened first (PostgreSQL), so that neither invitation waits for one to open.
		await Promise.all([db.select().from(invitations), db.select().from(invitations)]);
		const invited = await Promise.all([invite('anna@example.com'), invite('anna@example.com')]);
		expect(invited.map((outcome) => outcome.ok).sort()).toEqual([false, true]);
		expect(await db.select().from(invitations)).toHaveLength(1);
	});

	it('only go out for open surveys, and stop working when expired', async () => {
		await changeStatus(db, surveyId, 'close');
		expect(await invite('anna@example.com')).toMatchObject({
			ok: false,
			message: 'The survey is closed; only open surveys can be sent.'
		});
		await changeStatus(db, surveyId, 'open');
		const invited = await invite('anna@example.com');
		if (!invited.ok) throw new Error(invited.message);
		const found = (await findInvitation(db, invited.token))!;
		expect(unavailability(found)).toBeNull();
		expect(unavailability(found, new Date(Date.now() + 31 * DAY))).toBe('expired');
	});
});

describe('answering', () => {
	it('resumes from the saved draft and completes exactly once', async () => {
		const invited = await invite('anna@example.com');
		if (!invited.ok) throw new Error(invited.message);
		const { versionId, definition } = await versionFor(db, invited.invitationId, surveyId);
		const [nps, reason] = definition.pages.flatMap((page) => page.questions);
		await inTransaction(db, async (tx) =>
			saveDraft(tx, {
				invitationId: invited.invitationId,
				surveyVersionId: versionId,
				language: 'en',
				page: 0,
				pagesPassed: 0,
				answers: { [nps!.id]: '9' }
			})
		);
		expect((await versionFor(db, invited.invitationId, surveyId)).draft?.answers).toEqual({
			[nps!.id]: '9'
		});
		// The last page adds its answer to those saved so far.
		const saved = (await versionFor(db, invited.invitationId, surveyId)).draft!.answers;
		const last = {
			invitationId: invited.invitationId,
			surveyVersionId: versionId,
			definition,
			language: 'en',
			page: 0,
			answers: { ...saved, [reason!.id]: 'Friendly crew' }
		};

		expect(await submitLastPage(db, last)).toBe('completed');
		expect(await submitLastPage(db, last)).toBe('alreadyCompleted');
		expect((await versionFor(db, invited.invitationId, surveyId)).draft).toBeNull();
		expect(await db.select().from(responses)).toHaveLength(1);
		expect(
			await db
				.select({ questionId: answers.questionId, score: answers.score, text: answers.text })
				.from(answers)
		).toEqual([
			{ questionId: nps!.id, score: 9, text: null },
			{ questionId: reason!.id, score: null, text: 'Friendly crew' }
		]);
		expect(unavailability((await findInvitation(db, invited.token))!)).toBe('alreadyAnswered');
	});

	it('saves the last page and completes the response in one step, once', async () => {
		const invited = await invite('anna@example.com');
		if (!invited.ok) throw new Error(invited.message);
		const { versionId, definition } = await versionFor(db, invited.invitationId, surveyId);
		const [nps] = definition.pages.flatMap((page) => page.questions);
		const draft = {
			invitationId: invited.invitationId,
			surveyVersionId: versionId,
			definition,
			language: 'en',
			page: 0,
			answers: { [nps!.id]: '7' }
		};

		expect(await submitLastPage(db, draft)).toBe('completed');
		expect(await submitLastPage(db, { ...draft, answers: { [nps!.id]: '1' } })).toBe(
			'alreadyCompleted'
		);
		expect(await db.select({ score: answers.score }).from(answers)).toEqual([{ score: 7 }]);
		expect(await first(db.select().from(invitations))).toMatchObject({
			startedAt: expect.any(Date),
			completedAt: expect.any(Date)
		});
	});

	it('shows a wording fix to respondents at once, also on a version that already has answers', async () => {
		const first = await invite('anna@example.com');
		if (!first.ok) throw new Error(first.message);
		const { versionId, definition } = await versionFor(db, first.invitationId, surveyId);
		await submitLastPage(db, {
			invitationId: first.invitationId,
			surveyVersionId: versionId,
			definition,
			language: 'en',
			page: 0,
			answers: {}
		});

		const fixed = structuredClone((await getSurvey(db, surveyId))!.definition);
		fixed.title = { ...fixed.title, en: 'How was your flight with us?' };
		expect(await saveDefinition(db, surveyId, fixed)).toMatchObject({
			ok: true,
			newVersion: false
		});
		const seen = await versionFor(db, first.invitationId, surveyId);
		expect(seen.versionId).toBe(versionId);
		expect(seen.definition.title.en).toBe('How was your flight with us?');
		expect(definition.title.en).not.toBe('How was your flight with us?');
	});
});

describe('public links', () => {
	it('can be turned on with a fresh address and off again', async () => {
		const first = (await setPublicLink(db, surveyId, true))!;
		expect((await findSurveyByPublicLink(db, first))?.id).toBe(surveyId);
		const second = (await setPublicLink(db, surveyId, true))!;
		expect(await findSurveyByPublicLink(db, first)).toBeNull();
		expect(await setPublicLink(db, surveyId, false)).toBeNull();
		expect(await findSurveyByPublicLink(db, second)).toBeNull();
	});

	it('give each visitor an anonymous invitation, outside the fatigue rule', async () => {
		const { token } = await inviteAnonymous(db, surveyId);
		const found = (await findInvitation(db, token))!;
		expect(found.client).toBeNull();
		expect(found.invitation.channel).toBe('public');
		expect(unavailability(found)).toBeNull();
	});
});

describe('self-service from the link', () => {
	it('updates details, withdraws consent and unsubscribes, keeping an audit trail', async () => {
		await updateOwnProfile(db, 1, {
			phone: '+358 40 123',
			language: 'fi',
			consent: false,
			unsubscribed: true
		});
		expect(await getClient(db, 1)).toMatchObject({
			phone: '+358 40 123',
			language: 'fi',
			consentAt: null,
			unsubscribedAt: expect.any(Date)
		});
		expect(await invite('anna@example.com')).toMatchObject({
			ok: false,
			message: 'The client has unsubscribed from surveys.'
		});
		await updateOwnProfile(db, 1, {
			phone: null,
			language: 'fi',
			consent: true,
			unsubscribed: false
		});
		expect(await getClient(db, 1)).toMatchObject({
			consentSource: 'the client, via their survey link',
			unsubscribedAt: null
		});
	});
});
