import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { surveyVersions, webhookDeliveries } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { inviteClient, submitLastPage, versionFor } from '../invitations/service';
import { recordResponse } from '../responses/record';
import type { SurveyDefinition } from '../../schemas/survey';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { webhookPayloadSchema } from '../../webhooks/event-data';
import type { WebhookEvent } from '../../webhooks/events';
import { addStaff, respond } from '../followups/test-followups';
import { emitWebhookEvent, type ChatAlertOf, type WebhookPayload } from './emit';
import { disableWebhook, registerWebhook } from './service';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

const register = async (events: WebhookEvent[]) =>
	(await registerWebhook(db, {}, { url: 'https://crm.example.com/hooks', events })).webhook;
const deliveries = () => db.select().from(webhookDeliveries);
/** Emits in a transaction of its own, as the change that emits it would. */
const emit = <Data extends object>(
	event: WebhookEvent,
	data: Data | (() => Data),
	now?: Date,
	alert?: ChatAlertOf<Data>
) => inTransaction(db, async (tx) => emitWebhookEvent(tx, event, data, now, alert));

describe('emitting an event', () => {
	it('queues nothing, and builds no payload, when no webhook listens', async () => {
		await register(['review.imported']);
		const disabled = await register(['response.completed']);
		await disableWebhook(db, {}, disabled.id);
		let built = false;
		expect(await emit('response.completed', () => ((built = true), {}))).toBeNull();
		expect(built).toBe(false);
		expect(await deliveries()).toEqual([]);
	});

	it('queues one delivery per subscribed webhook, all with the same event id and body', async () => {
		const crm = await register(['response.completed', 'followup.created']);
		const bi = await register(['response.completed']);
		await register(['review.imported']);
		const now = new Date('2026-03-01T10:00:00Z');
		const eventId = await emit('response.completed', { responseId: 42 }, now);
		expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
		const queued = await deliveries();
		expect(queued.map((d) => d.webhookId).sort()).toEqual([crm.id, bi.id].sort());
		for (const delivery of queued) {
			expect(delivery).toMatchObject({
				event: 'response.completed',
				eventId,
				status: 'queued',
				attempts: 0,
				nextAttemptAt: now
			});
			expect(JSON.parse(delivery.payload)).toEqual({
				id: eventId,
				event: 'response.completed',
				createdAt: '2026-03-01T10:00:00.000Z',
				data: { responseId: 42 }
			});
		}
		expect(await emit('response.completed', { responseId: 43 })).not.toBe(eventId);
	});

	it('writes a chat message for Slack and Teams targets only, and none where the event has none', async () => {
		const slack = (
			await registerWebhook(
				db,
				{},
				{
					url: 'https://hooks.slack.com/services/T0/B0/x',
					format: 'slack',
					events: ['followup.created']
				}
			)
		).webhook;
		const crm = await register(['followup.created']);
		const alert = () => ({
			summary: 'Case #1 opened',
			title: 'Case #1 opened',
			reason: null,
			facts: [],
			quotes: [],
			links: [],
			more: null,
			action: { label: 'Open the case', url: 'https://satisfy.example.com/cases/1' }
		});
		await emit('followup.created', { caseId: 1 }, new Date(), alert);
		const byWebhook = new Map(
			(await deliveries()).map((delivery) => [delivery.webhookId, delivery])
		);
		expect(byWebhook.get(crm.id)!.body).toBeNull();
		expect(JSON.parse(byWebhook.get(slack.id)!.body!)).toMatchObject({ text: 'Case #1 opened' });
		// Same event, same canonical payload: erasure finds both by the client id in it.
		expect(byWebhook.get(slack.id)!.payload).toBe(byWebhook.get(crm.id)!.payload);

		await emit('followup.created', { caseId: 2 });
		expect((await deliveries()).filter((delivery) => delivery.webhookId === slack.id)).toHaveLength(
			1
		);
	});

	it('is undone with the transaction it ran in', async () => {
		await register(['response.completed']);
		await expect(
			inTransaction(db, async (tx) => {
				await emitWebhookEvent(tx, 'response.completed', { responseId: 1 });
				throw new Error('the response could not be saved');
			})
		).rejects.toThrow('the response could not be saved');
		expect(await deliveries()).toEqual([]);
	});
});

describe('response.completed', () => {
	it('carries the response, its survey version, the client id and the answers when a respondent finishes', async () => {
		const surveyId = await openSurveyFromTemplate(db, 'nps-reasons');
		await saveClients(db, [clientInput({ email: 'anna@example.com', consent: true })], {
			onExisting: 'reject',
			actor: {},
			source: 'test'
		});
		await register(['response.completed']);
		const invited = await inviteClient(db, {
			surveyId,
			client: { email: 'anna@example.com' },
			channel: 'api',
			fatigueDays: 30
		});
		if (!invited.ok) throw new Error(invited.message);
		const { versionId, definition } = await versionFor(db, invited.invitationId, surveyId);
		const [nps, reason] = definition.pages.flatMap((page) => page.questions);
		const submittedAt = new Date('2026-03-02T08:30:00Z');
		await submitLastPage(
			db,
			{
				invitationId: invited.invitationId,
				surveyVersionId: versionId,
				definition,
				language: 'en',
				page: 0,
				answers: { [nps!.id]: '3', [reason!.id]: 'Late again' }
			},
			submittedAt
		);

		const [delivery] = await deliveries();
		const payload = JSON.parse(delivery!.payload) as WebhookPayload;
		expect(webhookPayloadSchema('response.completed').safeParse(payload).error).toBeUndefined();
		expect(payload).toMatchObject({
			event: 'response.completed',
			id: delivery!.eventId,
			createdAt: submittedAt.toISOString()
		});
		expect(payload.data).toEqual({
			responseId: expect.any(Number),
			surveyId,
			surveyVersion: 1,
			clientId: 1,
			submittedAt: '2026-03-02T08:30:00.000Z',
			language: 'en',
			answers: [
				{ questionId: nps!.id, score: 3, notApplicable: false, text: null, choices: null },
				{
					questionId: reason!.id,
					score: null,
					notApplicable: false,
					text: 'Late again',
					choices: null
				}
			]
		});
	});

	it('is not sent for imported past responses', async () => {
		await openSurveyFromTemplate(db, 'nps-reasons');
		await register(['response.completed']);
		const version = (await first(db.select().from(surveyVersions)))!;
		const past = {
			surveyVersionId: version.id,
			definition: version.definition as SurveyDefinition,
			clientId: null,
			language: 'en',
			submittedAt: new Date('2025-01-10'),
			answers: []
		};
		await inTransaction(db, async (tx) => {
			await recordResponse(tx, { ...past, source: 'import' });
		});
		expect(await deliveries()).toEqual([]);
		await inTransaction(db, async (tx) => {
			await recordResponse(tx, past);
		});
		expect(await deliveries()).toHaveLength(1);
	});
});

describe('followup.created and followup.resolved', () => {
	it('carry the case as the schema in the OpenAPI document describes it', async () => {
		await register(['followup.created', 'followup.resolved']);
		await addStaff(db, 'Mark');
		const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
		await respond(db, surveyId, {
			clientId: null,
			answers: { punctuality: '1', customs: 'na', safety: '4', snacks: '4', overall: '2' }
		});
		const [delivery] = await deliveries();
		const payload = JSON.parse(delivery!.payload) as WebhookPayload;
		expect(webhookPayloadSchema('followup.created').safeParse(payload).error).toBeUndefined();
		expect(payload.data).toMatchObject({
			status: 'open',
			clientId: null,
			triggers: ['lowFactor', 'lowOverall'],
			url: expect.stringMatching(/^http:\/\/localhost:3000\/cases\/\d+$/)
		});
	});
});
