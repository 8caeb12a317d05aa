import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientStates, type RecipientState } from '../../campaigns/recipient-status';
import { scopeOf } from '../auth/scope';
import { saveClients } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { clients, invitations } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { addStaff } from '../followups/test-followups';
import { markOpened, submitLastPage, versionFor } from '../invitations/service';
import { deliverDue } from '../mail/delivery';
import { enqueueInvitationEmail } from '../mail/queue';
import { retryFailedOfCampaign } from '../mail/retry';
import { startSmtp } from '../mail/test-smtp';
import { smtpMailer } from '../mail/transport';
import { eraseClients } from '../privacy/erasure';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { reachableCampaign, recipientCounts, recipientPage, recipientsCsv } from './recipients';
import { createCampaign, runDueCampaigns } from './service';

let db: Db;
/** Mail servers, mailers and the database a test opened, closed after it. */
let closing: (() => unknown)[] = [];
let surveyId = 0;
let segmentId = 0;
let campaignId = 0;
let owner = '';

const everyone = ['ada', 'bo', 'cy', 'di'].map((name) => `${name}@june.example`);
const [ada, bo, cy, di] = everyone as [string, string, string, string];

async function campaignTo(segment: number | null, name = 'June') {
	const created = await createCampaign(
		db,
		{
			name,
			surveyId,
			segmentId: segment,
			sendAt: new Date(),
			recurrence: 'once',
			fatigueDays: 0,
			expiresInDays: 30
		},
		owner
	);
	if (!created.ok) throw new Error(created.message);
	return created.id;
}

const invitationOf = async (email: string) =>
	(
		await db
			.select({ id: invitations.id })
			.from(invitations)
			.innerJoin(clients, eq(clients.id, invitations.clientId))
			.where(eq(clients.email, email))
	)[0]!.id;

/**
 * A campaign of four: Ada's email is accepted and she completes the survey, Bo's address is
 * refused for good (550), Cy opens the link, and Di's mail server asks to try later (451), so
 * hers waits in the queue.
 */
beforeEach(async () => {
	const test = await openTestDatabase();
	db = test.db;
	closing = [test.remove];
	surveyId = await openSurveyFromTemplate(db, 'nps-reasons');
	await saveClients(
		db,
		[
			// A name a spreadsheet would run as a formula.
			...everyone.map((email) =>
				clientInput({
					email,
					consent: true,
					tags: ['June'],
					...(email === di ? { name: '=HYPERLINK("x")' } : {})
				})
			),
			clientInput({ email: 'ed@other.example', consent: true })
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	segmentId = (await saveSegment(db, { name: 'June', filter: { tags: ['June'] }, userId: null }))
		.id;
	owner = await addStaff(db, 'Olga', 'owner');
	campaignId = await campaignTo(segmentId);
	await runDueCampaigns(db);

	const smtp = await startSmtp((to) => (to === bo ? 550 : to === di ? 451 : null));
	const mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
	closing.push(smtp.close, mailer.close);
	await deliverDue(db, { mailer, origin: 'https://satisfy.example', ratePerMinute: 60 });

	await markOpened(db, await invitationOf(cy));
	const adaInvitation = await invitationOf(ada);
	const { versionId, definition } = await versionFor(db, adaInvitation, surveyId);
	await submitLastPage(db, {
		invitationId: adaInvitation,
		surveyVersionId: versionId,
		definition,
		language: 'en',
		page: 0,
		answers: { [definition.pages[0]!.questions[0]!.id]: '9' }
	});
});
afterEach(async () => {
	for (const close of closing.reverse()) await close();
});

const emailsIn = async (status?: RecipientState) =>
	(await recipientPage(db, campaignId, { status })).recipients.map(
		(recipient) => recipient.client?.email ?? 'erased'
	);

describe('a campaign’s recipients', () => {
	it('each stand in one state, with the mail server’s answer to their newest email', async () => {
		const { recipients, previous, next } = await recipientPage(db, campaignId, {});
		expect(
			recipients.map(({ client, state, answer }) => ({ email: client?.email, state, answer }))
		).toEqual([
			{ email: ada, state: 'completed', answer: expect.stringMatching(/^250 /) },
			{ email: bo, state: 'failed', answer: expect.stringMatching(/^550 .*Mailbox unknown/) },
			{ email: cy, state: 'opened', answer: expect.stringMatching(/^250 /) },
			{ email: di, state: 'queued', answer: expect.stringMatching(/^451 .*Try again later/) }
		]);
		expect(recipients[0]).toMatchObject({
			reminders: 0,
			sentAt: expect.any(Date),
			completedAt: expect.any(Date)
		});
		expect(recipients[3]).toMatchObject({ sentAt: null, openedAt: null });
		expect([previous, next]).toEqual([null, null]);
	});

	it('filter by each state, and the counts agree with the lists', async () => {
		const expected: Record<RecipientState, string[]> = {
			queued: [di],
			sent: [],
			failed: [bo],
			opened: [cy],
			started: [],
			completed: [ada]
		};
		for (const state of recipientStates)
			expect(await emailsIn(state), state).toEqual(expected[state]);
		expect(await recipientCounts(db, campaignId)).toEqual({
			queued: 1,
			sent: 0,
			failed: 1,
			opened: 1,
			started: 0,
			completed: 1
		});
	});

	it('come a page at a time, forwards and back', async () => {
		const first = await recipientPage(db, campaignId, {}, 3);
		expect(first.recipients.map((recipient) => recipient.client?.email)).toEqual([ada, bo, cy]);
		expect(first.previous).toBeNull();
		const second = await recipientPage(db, campaignId, { after: first.next! }, 3);
		expect(second.recipients.map((recipient) => recipient.client?.email)).toEqual([di]);
		expect(second.next).toBeNull();
		const back = await recipientPage(db, campaignId, { before: second.previous! }, 2);
		expect(back.recipients.map((recipient) => recipient.client?.email)).toEqual([bo, cy]);
		expect(back.next).toBe(back.recipients.at(-1)!.invitationId);
		const start = await recipientPage(db, campaignId, { before: back.previous! }, 2);
		expect(start.recipients.map((recipient) => recipient.client?.email)).toEqual([ada]);
		expect(start.previous).toBeNull();
	});

	it('sent again: only the failed one is queued again, and only once', async () => {
		expect(await retryFailedOfCampaign(db, campaignId, { userId: owner })).toEqual({ retried: 1 });
		expect(await emailsIn('failed')).toEqual([]);
		expect(await emailsIn('queued')).toEqual([bo, di]);
		expect(await recipientCounts(db, campaignId)).toMatchObject({ queued: 2, opened: 1 });
		expect(await retryFailedOfCampaign(db, campaignId, { userId: owner })).toEqual({ retried: 0 });
		expect(await emailsIn('queued')).toEqual([bo, di]);
	});

	it('show an erased client as erased, still counted in their state', async () => {
		const [erased] = await db.select().from(clients).where(eq(clients.email, ada));
		await eraseClients(db, [erased!.id], { userId: owner });
		const { recipients } = await recipientPage(db, campaignId, {});
		expect(recipients[0]).toMatchObject({ client: null, state: 'completed', answer: null });
		expect(await emailsIn('completed')).toEqual(['erased']);
	});

	it('are counted as reminded only for reminders the mail server accepted', async () => {
		const smtp = await startSmtp();
		const mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		closing.push(smtp.close, mailer.close);
		const cyInvitation = await invitationOf(cy);
		const remind = async () => {
			await inTransaction(db, (tx) =>
				enqueueInvitationEmail(tx, {
					id: cyInvitation,
					toAddress: cy,
					sendAt: new Date(),
					kind: 'reminder'
				})
			);
		};
		await remind();
		const cyRow = async () =>
			(await recipientPage(db, campaignId, {})).recipients.find(
				(recipient) => recipient.client?.email === cy
			)!;
		expect(await cyRow()).toMatchObject({ reminders: 0, lastRemindedAt: null, state: 'opened' });
		await deliverDue(db, { mailer, origin: 'https://satisfy.example', ratePerMinute: 60 });
		await remind();
		await deliverDue(db, { mailer, origin: 'https://satisfy.example', ratePerMinute: 60 });
		expect(await cyRow()).toMatchObject({ reminders: 2, lastRemindedAt: expect.any(Date) });
	});

	it('download as CSV, one state or all, with formulas turned into text', async () => {
		const read = async (status?: RecipientState) => {
			let text = '';
			for await (const chunk of recipientsCsv(db, campaignId, status, 'en', 2)) text += chunk;
			return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
		};
		const all = await read();
		expect(all.map((row) => [row.email, row.status])).toEqual([
			[ada, 'completed'],
			[bo, 'failed'],
			[cy, 'opened'],
			[di, 'queued']
		]);
		expect(all[1]!.serverAnswer).toMatch(/^550 .*Mailbox unknown/);
		expect(all[3]!.name).toBe(`'=HYPERLINK("x")`);
		expect(all[0]!.completedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect((await read('failed')).map((row) => row.email)).toEqual([bo]);
	});

	it('are seen by a scoped user only for campaigns sent to their segment', async () => {
		const toEveryone = await campaignTo(null, 'Everyone');
		const scope = await scopeOf(db, { role: 'manager', scopeSegmentId: segmentId });
		expect(await reachableCampaign(db, campaignId, scope)).toMatchObject({ name: 'June' });
		expect(await reachableCampaign(db, toEveryone, scope)).toBeUndefined();
		expect(await reachableCampaign(db, toEveryone, null)).toMatchObject({ name: 'Everyone' });
	});
});
