import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { campaigns, invitations, outboxMessages } from '../db/schema';
import { engine } from '../db/engine';
import type { PgDb } from '../db/postgres';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { saveClients } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import { findInvitation, inviteClient, submitLastPage, versionFor } from '../invitations/service';
import { recordClick } from '../invitations/one-click';
import { linkSecret } from '../mail/link-secret';
import { deliverDue } from '../mail/delivery';
import { personalLinkToken } from '../mail/personal-link';
import { changeStatus } from '../surveys/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import {
	audienceSize,
	campaignFunnel,
	cancelCampaign,
	clientsInvitedBy,
	createCampaign,
	queueReminders,
	runDueCampaigns
} from './service';

let db: Db;
let remove: () => Promise<void>;
let surveyId = 0;
let segmentId = 0;
const now = new Date('2026-06-01T09:00:00Z');

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyId = await openSurveyFromTemplate(db, 'nps-reasons');
	await saveClients(
		db,
		[
			clientInput({ email: 'ada@vip.example', consent: true, tags: ['VIP'] }),
			clientInput({ email: 'bo@vip.example', consent: true, tags: ['VIP'] }),
			clientInput({ email: 'cy@vip.example', consent: true, unsubscribed: true, tags: ['VIP'] }),
			clientInput({ email: 'di@vip.example', tags: ['VIP'] }),
			clientInput({ email: 'ed@other.example', consent: true })
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	segmentId = (await saveSegment(db, { name: 'VIP', filter: { tags: ['VIP'] }, userId: null })).id;
});
afterEach(() => remove());

/**
 * Returns while a campaign run is writing its first slice. SQLite: the slice is written before
 * the run first gives way to other work (it then waits for the next turn of the event loop,
 * queued after this one). PostgreSQL: every query gives way, so this waits until a transaction
 * of the run has invitations written and not yet committed.
 */
async function firstSliceUnderWay(): Promise<void> {
	if (engine === 'sqlite') return new Promise((resolve) => setImmediate(resolve));
	const pg = db as unknown as PgDb;
	for (;;) {
		const { rows } = await pg.execute(sql`
			select 1 from pg_locks
			where database = (select oid from pg_database where datname = current_database())
				and relation = 'invitations'::regclass and mode = 'RowExclusiveLock'
				and pid <> pg_backend_pid()`);
		if (rows.length) return;
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
}

const campaign = async (recurrence: 'once' | 'monthly' = 'once') => {
	const created = await createCampaign(
		db,
		{
			name: 'June VIP',
			surveyId,
			segmentId,
			sendAt: now,
			recurrence,
			fatigueDays: 30,
			expiresInDays: 14
		},
		null
	);
	if (!created.ok) throw new Error(created.message);
	return created.id;
};

describe('campaigns', () => {
	it('reach the segment’s reachable members only, and say who was skipped and why', async () => {
		// Bo was surveyed a week ago through the API.
		await inviteClient(db, {
			surveyId,
			client: { email: 'bo@vip.example' },
			channel: 'api',
			fatigueDays: 30,
			now: new Date(now.getTime() - 7 * 86_400_000)
		});
		expect(await audienceSize(db, segmentId)).toBe(2);
		const id = await campaign();
		expect(await runDueCampaigns(db, new Date(now.getTime() - 1000))).toBe(0);
		expect(await runDueCampaigns(db, now)).toBe(1);
		expect(await clientsInvitedBy(db, id)).toEqual(['ada@vip.example']);
		expect(
			(await db.select().from(outboxMessages).orderBy(outboxMessages.id)).map((m) => [
				m.toAddress,
				m.status
			])
		).toEqual([['ada@vip.example', 'queued']]);
		const stored = (await first(db.select().from(campaigns)))!;
		expect(stored).toMatchObject({ status: 'done', nextRunAt: null });
		expect(stored.skippedReasons).toEqual([
			{ reason: { code: 'invitedRecently', fatigueDays: 30 }, count: 1 }
		]);
		expect(await runDueCampaigns(db, new Date(now.getTime() + 86_400_000))).toBe(0);
	});

	it('repeat monthly, re-evaluating the segment each time', async () => {
		await campaign('monthly');
		await runDueCampaigns(db, now);
		expect(await first(db.select().from(campaigns))).toMatchObject({
			status: 'scheduled',
			nextRunAt: new Date('2026-07-01T09:00:00Z')
		});
		await saveClients(
			db,
			[clientInput({ email: 'fay@vip.example', consent: true, tags: ['VIP'] })],
			{
				onExisting: 'reject',
				actor: {},
				source: 'test'
			}
		);
		await runDueCampaigns(db, new Date('2026-07-01T09:00:00Z'));
		expect((await clientsInvitedBy(db, 1)).sort()).toEqual([
			'ada@vip.example',
			'ada@vip.example',
			'bo@vip.example',
			'bo@vip.example',
			'fay@vip.example'
		]);
	});

	it('count the funnel: invited, accepted by the mail server, opened, started, partial, completed', async () => {
		const id = await campaign();
		await runDueCampaigns(db, now);
		expect(await campaignFunnel(db, id)).toMatchObject({
			invited: 2,
			queued: 2,
			accepted: 0,
			completed: 0,
			responseRate: null
		});
		await deliverDue(db, { mailer: null, origin: 'https://satisfy.example', ratePerMinute: 60 });
		const [first] = await db.select().from(invitations).orderBy(invitations.id);
		const { versionId, definition } = await versionFor(db, first!.id, surveyId);
		await submitLastPage(db, {
			invitationId: first!.id,
			surveyVersionId: versionId,
			definition,
			language: 'en',
			page: 0,
			answers: { [definition.pages[0]!.questions[0]!.id]: '9' }
		});
		expect(await campaignFunnel(db, id)).toMatchObject({
			invited: 2,
			queued: 0,
			accepted: 2,
			started: 1,
			partial: 0,
			completed: 1,
			responseRate: 0.5
		});

		// The other client answers the email's first question with one click and stops there.
		const [, second] = await db.select().from(invitations).orderBy(invitations.id);
		await recordClick(db, second!.id, { [definition.pages[0]!.questions[0]!.id]: '4' });
		expect(await campaignFunnel(db, id)).toMatchObject({
			started: 2,
			partial: 1,
			completed: 1,
			responseRate: 0.5
		});
	});

	it('invite a large audience in slices, and a campaign cancelled while sending stops after the slice under way', async () => {
		const many = Array.from({ length: 1200 }, (_, i) =>
			clientInput({ email: `c${i}@many.example`, consent: true, tags: ['Many'] })
		);
		await saveClients(db, many, { onExisting: 'reject', actor: {}, source: 'test' });
		const manyId = (
			await saveSegment(db, { name: 'Many', filter: { tags: ['Many'] }, userId: null })
		).id;
		const create = async () => {
			const created = await createCampaign(
				db,
				{
					name: 'Many',
					surveyId,
					segmentId: manyId,
					sendAt: now,
					recurrence: 'once',
					fatigueDays: 0,
					expiresInDays: 14
				},
				null
			);
			if (!created.ok) throw new Error(created.message);
			return created.id;
		};

		const whole = await create();
		await runDueCampaigns(db, now);
		expect(await clientsInvitedBy(db, whole)).toHaveLength(1200);
		expect(await first(db.select().from(campaigns).where(eq(campaigns.id, whole)))).toMatchObject({
			status: 'done',
			skippedReasons: []
		});

		const cut = await create();
		const running = runDueCampaigns(db, now);
		await firstSliceUnderWay();
		expect(await cancelCampaign(db, cut)).toBe(true);
		await running;
		expect(await clientsInvitedBy(db, cut)).toHaveLength(200);
		expect(await first(db.select().from(campaigns).where(eq(campaigns.id, cut)))).toMatchObject({
			status: 'cancelled'
		});
		// 1,400 invitations: a few seconds on PostgreSQL, which answers each query over a socket.
	}, 30_000);

	it('carry on after a restart with the clients a run has not invited yet, without counting the others as skipped', async () => {
		const id = await campaign();
		// A run that invited Ada and was then cut short: the campaign is still scheduled.
		const ada = await inviteClient(db, {
			surveyId,
			client: { email: 'ada@vip.example' },
			channel: 'email',
			fatigueDays: 30,
			now
		});
		if (!ada.ok) throw new Error(ada.message);
		await inTransaction(db, async (tx) => {
			await tx
				.update(invitations)
				.set({ campaignId: id })
				.where(eq(invitations.id, ada.invitationId));
		});

		await runDueCampaigns(db, new Date(now.getTime() + 60_000));
		expect((await clientsInvitedBy(db, id)).sort()).toEqual(['ada@vip.example', 'bo@vip.example']);
		expect(await first(db.select().from(campaigns))).toMatchObject({
			status: 'done',
			skippedReasons: []
		});
	});

	it('only go out for open surveys', async () => {
		await changeStatus(db, surveyId, 'close');
		expect(
			await createCampaign(
				db,
				{
					name: 'x',
					surveyId,
					segmentId: null,
					sendAt: now,
					recurrence: 'once',
					fatigueDays: 30,
					expiresInDays: 14
				},
				null
			)
		).toMatchObject({ ok: false });
	});
});

describe('reminders', () => {
	it('go to non-responders after N days, at most M times, and every email’s link keeps working', async () => {
		const created = await createCampaign(
			db,
			{
				name: 'Reminded',
				surveyId,
				segmentId,
				sendAt: now,
				recurrence: 'once',
				fatigueDays: 30,
				expiresInDays: 30,
				reminderAfterDays: 3,
				maxReminders: 1
			},
			null
		);
		if (!created.ok) throw new Error(created.message);
		await runDueCampaigns(db, now);
		const outboxMailer = { mailer: null, origin: 'https://satisfy.example', ratePerMinute: 60 };
		await deliverDue(db, { ...outboxMailer, now });
		expect(await queueReminders(db, new Date(now.getTime() + 2 * 86_400_000))).toBe(0);

		// Ada answers; Bo does not.
		const [ada] = await db.select().from(invitations).orderBy(invitations.id);
		const { versionId, definition } = await versionFor(db, ada!.id, surveyId);
		await submitLastPage(db, {
			invitationId: ada!.id,
			surveyVersionId: versionId,
			definition,
			language: 'en',
			page: 0,
			answers: { [definition.pages[0]!.questions[0]!.id]: '8' }
		});

		const later = new Date(now.getTime() + 4 * 86_400_000);
		expect(await queueReminders(db, later)).toBe(1);
		await deliverDue(db, { ...outboxMailer, now: later });
		const mails = await db.select().from(outboxMessages).orderBy(outboxMessages.id);
		expect(mails.map((m) => [m.toAddress, m.kind])).toEqual([
			['ada@vip.example', 'invitation'],
			['bo@vip.example', 'invitation'],
			['bo@vip.example', 'reminder']
		]);
		expect(mails[2]!.subject).toMatch(/^Reminder: /);
		// Kept emails hide their links (mail/personal-link.ts); each is derived from its message, as a demo outbox shows it.
		const secret = await linkSecret(db);
		const links = mails.slice(1).map((mail) => personalLinkToken(secret, mail.id));
		const names = [];
		for (const token of links) names.push((await findInvitation(db, token))?.client?.name);
		expect(names).toEqual(['bo', 'bo']);
		expect(await queueReminders(db, new Date(later.getTime() + 10 * 86_400_000))).toBe(0);
	});

	it('go out once when two app nodes look for them at once', async () => {
		const created = await createCampaign(
			db,
			{
				name: 'Reminded',
				surveyId,
				segmentId,
				sendAt: now,
				recurrence: 'once',
				fatigueDays: 30,
				expiresInDays: 30,
				reminderAfterDays: 3,
				maxReminders: 1
			},
			null
		);
		if (!created.ok) throw new Error(created.message);
		await runDueCampaigns(db, now);
		await deliverDue(db, {
			mailer: null,
			origin: 'https://satisfy.example',
			ratePerMinute: 60,
			now
		});

		const later = new Date(now.getTime() + 4 * 86_400_000);
		const queued = await Promise.all([queueReminders(db, later), queueReminders(db, later)]);
		expect(queued.sort()).toEqual([0, 2]);
		expect(
			(await db.select().from(outboxMessages)).filter((mail) => mail.kind === 'reminder')
		).toHaveLength(2);
	});
});
