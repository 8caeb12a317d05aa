import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { webhookDeliveries } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { openCasesForResponses } from '../followups/cases';
import { addStaff, respond } from '../followups/test-followups';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { chatTargetRefusal } from './chat-targets';
import { deliverDueWebhooks } from './delivery';
import { registerWebhook, resendDelivery } from './service';
import { allowList } from './target-addresses';
import { startReceiver } from './test-receiver';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
const SECOND = 1000;
const opened = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(opened.getTime() + ms);
/** The test receiver listens on 127.0.0.1: allowed as an owner allows a relay of their own. */
const RECEIVER_ALLOWED = ['127.0.0.1'];

beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(opened);
	({ db, remove } = await openTestDatabase());
});
afterEach(async () => {
	await receiver?.close();
	receiver = undefined;
	await remove();
	vi.useRealTimers();
});

/** Anna, looked after by Mark, answers 1 overall with a comment that read negative: a case opens. */
async function annaIsUnhappy(): Promise<number> {
	await addStaff(db, 'Mark');
	const saved = await saveClients(
		db,
		[
			clientInput({
				email: 'anna@example.com',
				name: 'Anna Müller',
				phone: '+49 89 7654321',
				consent: true,
				accountManager: 'mark@staff.test'
			})
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	const responseId = await respond(db, surveyId, {
		clientId: 1,
		answers: {
			punctuality: '4',
			customs: 'na',
			safety: '4',
			snacks: '4',
			overall: '1',
			improve: 'Late again, and nobody told us why.'
		},
		sentiment: { improve: { label: 'negative', words: [{ word: 'late', score: -2 }] } }
	});
	const [caseId] = await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId], opened));
	return caseId!;
}

const deliveries = () => db.select().from(webhookDeliveries);
const round = (now: Date) =>
	deliverDueWebhooks(db, { now, retryBaseMs: 30 * SECOND, allowedHosts: RECEIVER_ALLOWED });

/** The parts of the message a person reads: who, what, by when, and the link. */
const expectedText = (caseId: number) => [
	`Follow-up case #${caseId} opened`,
	'Low overall satisfaction, Negative comment',
	'Anna Müller',
	'Late again, and nobody told us why.',
	'4 Mar 2026, 09:00 UTC',
	`http://localhost:3000/cases/${caseId}`
];

describe.each([
	{
		format: 'slack' as const,
		shape: (body: Record<string, unknown>) =>
			expect(body).toMatchObject({
				text: expect.stringContaining('Follow-up case'),
				blocks: expect.arrayContaining([
					expect.objectContaining({ type: 'section' }),
					expect.objectContaining({ type: 'actions' })
				])
			})
	},
	{
		format: 'teams' as const,
		shape: (body: Record<string, unknown>) =>
			expect(body).toMatchObject({
				type: 'message',
				attachments: [
					{
						contentType: 'application/vnd.microsoft.card.adaptive',
						content: { type: 'AdaptiveCard', version: '1.4' }
					}
				]
			})
	}
])('a case opened, posted to a $format channel', ({ format, shape }) => {
	it('reaches a real receiver through the delivery worker, unsigned, and is retried after a 500 with the same message', async () => {
		receiver = await startReceiver((index) => (index === 0 ? 500 : 200));
		expect(chatTargetRefusal(format, receiver.url, allowList(RECEIVER_ALLOWED))).toBeNull();
		const { webhook } = await registerWebhook(
			db,
			{},
			{ url: receiver.url, format, events: ['followup.created'], nameClients: true }
		);
		const caseId = await annaIsUnhappy();

		expect(await round(opened)).toBe(1);
		expect(await deliveries()).toEqual([
			expect.objectContaining({
				event: 'followup.created',
				status: 'queued',
				attempts: 1,
				lastStatusCode: 500,
				nextAttemptAt: at(30 * SECOND)
			})
		]);
		expect(await round(at(29 * SECOND))).toBe(0);
		expect(await round(at(30 * SECOND))).toBe(1);
		const [delivery] = await deliveries();
		expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });

		const [first, retry] = receiver.received;
		expect(receiver.received).toHaveLength(2);
		expect(retry!.body.equals(first!.body)).toBe(true);
		expect(retry!.body.toString('utf8')).toBe(delivery!.body);
		expect(retry!.headers).toMatchObject({
			'content-type': 'application/json',
			'user-agent': 'Satisfy-Webhooks/1',
			'x-satisfy-event': 'followup.created',
			'x-satisfy-delivery': delivery!.eventId
		});
		expect(retry!.headers).not.toHaveProperty('x-satisfy-signature');
		expect(retry!.headers).not.toHaveProperty('x-satisfy-timestamp');

		const text = retry!.body.toString('utf8');
		const message = JSON.parse(text) as Record<string, unknown>;
		shape(message);
		for (const part of expectedText(caseId)) expect(text, part).toContain(part);
		// A channel is wider than the staff app: the name where allowed, never email or phone.
		expect(text).not.toContain('anna@example.com');
		expect(text).not.toContain('7654321');

		// The resend button sends the very same message again.
		const resent = await resendDelivery(
			db,
			{},
			{ webhookId: webhook.id, deliveryId: delivery!.id }
		);
		expect(resent.ok).toBe(true);
		await round(at(60 * SECOND));
		expect(receiver.received[2]!.body.equals(first!.body)).toBe(true);
	});

	it('leaves the client unnamed unless the owner chose so for the channel', async () => {
		receiver = await startReceiver();
		await registerWebhook(db, {}, { url: receiver.url, format, events: ['followup.created'] });
		await annaIsUnhappy();
		await round(opened);
		const text = receiver.received[0]!.body.toString('utf8');
		expect(text).toContain('Late again, and nobody told us why.');
		expect(text).not.toContain('Anna');
	});
});

describe('a chat target', () => {
	it('must be the chat service’s address unless its host is allow-listed', () => {
		const nothingAllowed = allowList([]);
		expect(chatTargetRefusal('slack', 'http://127.0.0.1:8080/hooks', nothingAllowed)).toMatch(
			/^A Slack incoming webhook address/
		);
		expect(
			chatTargetRefusal('teams', 'https://relay.internal/teams', allowList(['relay.internal']))
		).toBeNull();
		expect(
			chatTargetRefusal('satisfy', 'https://crm.example.com/hooks', nothingAllowed)
		).toBeNull();
	});
});
