import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db';
import { followupCases, outboxMessages, webhookDeliveries } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { registerWebhook } from '../webhooks/service';
import { webhookPayloadSchema } from '../../webhooks/event-data';
import { openCasesForResponses } from './cases';
import { sendOverdueDigest } from './digest';
import { addClient, addStaff, respond } from './test-followups';
import { updateCase } from './workflow';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let surveyId: number;
const monday = new Date('2026-03-02T09:00:00Z');
const at = (iso: string) => new Date(iso);

beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(monday);
	({ db, remove } = await openTestDatabase());
	await addStaff(db, 'Olga', 'owner');
	await addStaff(db, 'Otto', 'owner');
	await addStaff(db, 'Old', 'owner', true);
	await addStaff(db, 'Mark');
	surveyId = await openSurveyFromTemplate(db, 'airline-csi');
});
afterEach(async () => {
	await remove();
	vi.useRealTimers();
});

/** A case due Wednesday 09:00 (two business days after Monday). */
async function openCase(email: string): Promise<number> {
	const clientId = await addClient(db, email, 'Mark');
	const responded = await respond(db, surveyId, {
		clientId,
		answers: { punctuality: '4', customs: 'na', safety: '4', snacks: '4', overall: '1' }
	});
	await inTransaction(db, (tx) => openCasesForResponses(tx, [responded]));
	return (await first(
		db
			.select({ id: followupCases.id })
			.from(followupCases)
			.where(eq(followupCases.clientId, clientId))
	))!.id;
}
const digests = async () =>
	await db
		.select()
		.from(outboxMessages)
		.where(eq(outboxMessages.subject, 'Satisfy: 1 overdue follow-up case'));
const postedDeliveries = async () =>
	await db.select().from(webhookDeliveries).orderBy(webhookDeliveries.webhookId);
const allDigests = async () =>
	(await db.select().from(outboxMessages)).filter((message) =>
		message.subject?.startsWith('Satisfy:')
	);

describe('the daily digest of overdue cases', () => {
	it('is not sent while nothing is overdue', async () => {
		await openCase('anna@example.com');
		expect(await sendOverdueDigest(db, at('2026-03-04T08:59:00Z'))).toBe(0);
		expect(await allDigests()).toEqual([]);
	});

	it('goes to every active owner once a UTC day, listing the overdue case with its assignee and link', async () => {
		const id = await openCase('anna@example.com');
		expect(await sendOverdueDigest(db, at('2026-03-04T09:01:00Z'))).toBe(2);
		expect((await digests()).map((message) => message.toAddress).sort()).toEqual([
			'olga@staff.test',
			'otto@staff.test'
		]);
		expect((await digests())[0]!.textBody).toContain(
			`#${id} anna — Mark, due 4 Mar 2026, 09:00 UTC: http://localhost:3000/cases/${id}`
		);

		expect(await sendOverdueDigest(db, at('2026-03-04T23:59:00Z'))).toBe(0);
		expect(await digests()).toHaveLength(2);
		expect(await sendOverdueDigest(db, at('2026-03-05T00:00:00Z'))).toBe(2);
		expect(await digests()).toHaveLength(4);
	});

	it('goes out once when two rounds run at once (two app nodes)', async () => {
		await openCase('anna@example.com');
		const sent = await Promise.all([
			sendOverdueDigest(db, at('2026-03-04T09:01:00Z')),
			sendOverdueDigest(db, at('2026-03-04T09:01:00Z'))
		]);
		expect(sent.sort()).toEqual([0, 2]);
		expect(await digests()).toHaveLength(2);
	});

	it('leaves out closed cases, and waits for the first overdue case of the day', async () => {
		const id = await openCase('anna@example.com');
		await updateCase(
			db,
			id,
			{ status: 'resolved', note: 'Called back.' },
			{ userId: 'user-mark', name: 'Mark' }
		);
		expect(await sendOverdueDigest(db, at('2026-03-04T10:00:00Z'))).toBe(0);
		vi.setSystemTime(at('2026-03-04T10:00:00Z'));
		await openCase('bo@example.com'); // due Friday 10:00
		expect(await sendOverdueDigest(db, at('2026-03-06T10:30:00Z'))).toBe(2);
		expect((await digests())[0]!.textBody).toContain('bo — Mark');
	});

	it('is posted once a day to the webhooks and chat channels that subscribed to it', async () => {
		const crm = (
			await registerWebhook(
				db,
				{},
				{ url: 'https://crm.example.com/hooks', events: ['followup.digest'] }
			)
		).webhook;
		const teams = (
			await registerWebhook(
				db,
				{},
				{
					url: 'https://prod-1.westeurope.logic.azure.com/workflows/x',
					format: 'teams',
					events: ['followup.digest'],
					nameClients: true
				}
			)
		).webhook;
		const id = await openCase('anna@example.com');
		expect(await postedDeliveries()).toEqual([]);

		await sendOverdueDigest(db, at('2026-03-04T09:01:00Z'));
		await sendOverdueDigest(db, at('2026-03-04T12:00:00Z'));
		const posted = await postedDeliveries();
		expect(posted.map((delivery) => [delivery.webhookId, delivery.event])).toEqual([
			[crm.id, 'followup.digest'],
			[teams.id, 'followup.digest']
		]);
		const payload = JSON.parse(posted[0]!.payload) as unknown;
		expect(webhookPayloadSchema('followup.digest').safeParse(payload).error).toBeUndefined();
		expect(payload).toMatchObject({
			event: 'followup.digest',
			data: {
				total: 1,
				url: 'http://localhost:3000/cases?view=overdue',
				cases: [
					{
						caseId: id,
						url: `http://localhost:3000/cases/${id}`,
						clientId: expect.any(Number),
						assignee: { name: 'Mark', email: 'mark@staff.test' },
						dueAt: '2026-03-04T09:00:00.000Z'
					}
				]
			}
		});
		expect(posted[0]!.body).toBeNull();
		expect(posted[1]!.body).toContain(`#${id} anna — Mark, due 4 Mar 2026, 09:00 UTC`);
	});
});
