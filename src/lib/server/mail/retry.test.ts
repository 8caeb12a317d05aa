import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../audit';
import { campaignFunnel, createCampaign, runDueCampaigns } from '../campaigns/service';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { clients } from '../db/schema';
import { outboxResponseText } from '../../mail/outbox-note';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { addStaff } from '../followups/test-followups';
import { findInvitation, inviteClient } from '../invitations/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { deliverDue, MAX_ATTEMPTS, recentOutbox } from './delivery';
import { enqueueInvitationEmail } from './queue';
import { retryFailedMessage, retryFailedOfCampaign } from './retry';
import { readable, startSmtp } from './test-smtp';
import { smtpMailer, type Mailer } from './transport';

let db: Db;
let mailer: Mailer | null = null;
/** Mail servers, mailers and the database a test opened, closed after it. */
let closing: (() => unknown)[] = [];
let surveyId = 0;
let owner = '';
const origin = 'https://satisfy.example';
const HOUR = 3_600_000;

beforeEach(async () => {
	const test = await openTestDatabase();
	db = test.db;
	closing = [test.remove];
	surveyId = await openSurveyFromTemplate(db, 'nps-reasons');
	await saveClients(
		db,
		['ada@example.com', 'bo@example.com', 'cy@example.com'].map((email) =>
			clientInput({ email, consent: true })
		),
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	owner = await addStaff(db, 'Olga', 'owner');
});
afterEach(async () => {
	for (const close of closing.reverse()) await close();
});

function mailerFor(url: string) {
	mailer = smtpMailer(url, 'surveys@satisfy.example');
	closing.push(mailer.close);
}

/** A real mail server that refuses every recipient for good (550) until `refusing` is turned off. */
async function mailServer() {
	const server = { refusing: true };
	const smtp = await startSmtp(() => (server.refusing ? 550 : null));
	closing.push(smtp.close);
	mailerFor(smtp.url);
	return Object.assign(server, smtp);
}

async function invite(email: string) {
	const invited = await inviteClient(db, {
		surveyId,
		client: { email },
		channel: 'email',
		fatigueDays: 0
	});
	if (!invited.ok) throw new Error(invited.message);
	return inTransaction(db, (tx) =>
		enqueueInvitationEmail(tx, {
			id: invited.invitationId,
			toAddress: email,
			sendAt: new Date()
		})
	);
}

/** What owners did to the outbox, newest first (saving clients is audited too). */
const retries = async () =>
	(await recentAudit(db)).filter((entry) => entry.action.includes('retry'));
const status = async (id: number) => (await recentOutbox(db)).find((message) => message.id === id)!;
const deliver = (now = new Date()) =>
	deliverDue(db, { mailer, origin, ratePerMinute: 60, retryBaseMs: 1000, now });

describe('sending failed emails again', () => {
	it('sends an email again after an outage longer than its retries, once an owner asks, and its link works', async () => {
		const down = await startSmtp();
		await down.close();
		mailerFor(down.url);
		const id = await invite('ada@example.com');
		for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
			await deliver(new Date(Date.now() + attempt * HOUR));
		expect(await status(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });

		const smtp = await startSmtp(() => null, down.port);
		closing.push(smtp.close);
		expect(await retryFailedMessage(db, id, { userId: owner })).toBe(true);
		expect(await status(id)).toMatchObject({ status: 'queued', attempts: 0 });
		await deliver();
		expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1 });
		expect(smtp.received).toHaveLength(1);
		const token = /https:\/\/satisfy\.example\/s\/([a-z2-7]{52})/.exec(
			readable(smtp.received[0]!)
		)?.[1];
		expect(token && (await findInvitation(db, token))?.client?.name).toBe('ada');

		expect(await retries()).toMatchObject([
			{ actorUserId: owner, action: 'outbox.retry', subject: `outbox:${id}` }
		]);
		expect(JSON.stringify(await retries())).not.toContain('ada');
	});

	it('queues again only an email that failed', async () => {
		const smtp = await mailServer();
		smtp.refusing = false;
		const id = await invite('ada@example.com');
		await deliver();
		expect(await retryFailedMessage(db, id, { userId: owner })).toBe(false);
		expect(await retryFailedMessage(db, id + 1, { userId: owner })).toBe(false);
		expect((await status(id)).status).toBe('sent');
		expect(await retries()).toEqual([]);
	});

	it('sends again every failed email of one campaign, and no other, once the campaign shows how many failed', async () => {
		const smtp = await mailServer();
		const created = await createCampaign(
			db,
			{
				name: 'June',
				surveyId,
				segmentId: null,
				sendAt: new Date(),
				recurrence: 'once',
				fatigueDays: 0,
				expiresInDays: 30
			},
			owner
		);
		if (!created.ok) throw new Error(created.message);
		await runDueCampaigns(db);
		const outside = await invite('cy@example.com');
		await deliver();
		expect(await campaignFunnel(db, created.id)).toMatchObject({ invited: 3, failed: 3 });
		expect((await status(outside)).status).toBe('failed');

		smtp.refusing = false;
		expect(await retryFailedOfCampaign(db, created.id, { userId: owner })).toEqual({ retried: 3 });
		await deliver();
		expect(await campaignFunnel(db, created.id)).toMatchObject({ failed: 0, accepted: 3 });
		expect(smtp.received).toHaveLength(3);
		expect((await status(outside)).status).toBe('failed');
		expect(await retries()).toMatchObject([
			{
				actorUserId: owner,
				action: 'campaign.retry-failed',
				subject: `campaign:${created.id}`,
				details: { emails: 3 }
			}
		]);
		expect(await retryFailedOfCampaign(db, created.id, { userId: owner })).toEqual({ retried: 0 });
	});

	it('asks first when more than a handful failed, and queues them only for the very number confirmed', async () => {
		await mailServer();
		const more = ['di', 'ed', 'flo', 'gus'].map((name) => `${name}@example.com`);
		await saveClients(
			db,
			more.map((email) => clientInput({ email, consent: true })),
			{ onExisting: 'reject', actor: {}, source: 'test' }
		);
		const created = await createCampaign(
			db,
			{
				name: 'July',
				surveyId,
				segmentId: null,
				sendAt: new Date(),
				recurrence: 'once',
				fatigueDays: 0,
				expiresInDays: 30
			},
			owner
		);
		if (!created.ok) throw new Error(created.message);
		await runDueCampaigns(db);
		await deliver();
		expect(await campaignFunnel(db, created.id)).toMatchObject({ failed: 7 });
		const retry = (confirmedCount?: number) =>
			retryFailedOfCampaign(db, created.id, { userId: owner }, confirmedCount);
		expect(await retry()).toEqual({ toConfirm: 7 });
		// Confirmed for 6 (as the page showed before a seventh failed): asked again, with the new number.
		expect(await retry(6)).toEqual({ toConfirm: 7 });
		expect(await campaignFunnel(db, created.id)).toMatchObject({ failed: 7 });
		expect(await retries()).toEqual([]);
		expect(await retry(7)).toEqual({ retried: 7 });
		expect(await campaignFunnel(db, created.id)).toMatchObject({ failed: 0 });
	});

	it('still sends nothing to a client who unsubscribed after the email failed', async () => {
		const smtp = await mailServer();
		const id = await invite('bo@example.com');
		await deliver();
		await inTransaction(db, async (tx) => {
			await tx
				.update(clients)
				.set({ unsubscribedAt: new Date() })
				.where(eq(clients.email, 'bo@example.com'));
		});

		smtp.refusing = false;
		expect(await retryFailedMessage(db, id, { userId: owner })).toBe(true);
		await deliver();
		const skipped = await status(id);
		expect(skipped).toMatchObject({ status: 'failed', note: 'clientUnsubscribed' });
		expect(outboxResponseText(skipped)).toContain('unsubscribed');
		expect(smtp.received).toHaveLength(0);
	});
});
