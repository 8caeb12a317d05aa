import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRules } from '../../followups/triggers';
import { caseEventText } from '../../followups/event-text';
import type { Db } from '../db';
import {
	clients,
	followupCases,
	followupEvents,
	invitations,
	outboxMessages,
	surveys,
	webhookDeliveries,
	webhooks
} from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { openCasesForResponses } from './cases';
import { saveFollowupSettings } from './rules';
import { addClient, addStaff, respond } from './test-followups';
import { canActOnCase, updateCase } from './workflow';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let caseId: number;
let clientId: number;
const mark = { userId: 'user-mark', name: 'Mark' };
const monday = new Date('2026-03-02T09:00:00Z');
const later = (hours: number) => new Date(monday.getTime() + hours * 3_600_000);

beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(monday);
	({ db, remove } = await openTestDatabase());
	await addStaff(db, 'Mark');
	await addStaff(db, 'Vera', 'viewer');
	await addStaff(db, 'Gone', 'manager', true);
	clientId = await addClient(db, 'anna@example.com', 'Mark');
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	const responseId = await respond(db, surveyId, {
		clientId,
		answers: { punctuality: '1', customs: 'na', safety: '4', snacks: '4', overall: '2' }
	});
	await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId]));
	caseId = (await first(db.select().from(followupCases)))!.id;
});
afterEach(async () => {
	await remove();
	vi.useRealTimers();
});

const kase = async () =>
	(await first(db.select().from(followupCases).where(eq(followupCases.id, caseId))))!;
/** The history after created, assigned and notified, as a reader sees it. */
const history = async () =>
	(
		await db
			.select()
			.from(followupEvents)
			.where(eq(followupEvents.caseId, caseId))
			.orderBy(followupEvents.id)
	)
		.slice(3)
		.map((event) => ({
			kind: event.kind,
			actorId: event.actorId,
			detail: caseEventText(event)
		}));
const mailTo = async (address: string) =>
	await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address));

describe('working on a follow-up case', () => {
	it('refuses to resolve without a note, saying what to write, and changes nothing', async () => {
		expect(await updateCase(db, caseId, { status: 'resolved', note: '   ' }, mark)).toEqual({
			ok: false,
			status: 400,
			field: 'note',
			message: 'Write a resolution note: what was done for the client, so the next person knows.'
		});
		expect(await updateCase(db, caseId, { status: 'wont_fix' }, mark)).toMatchObject({
			ok: false,
			field: 'note',
			message: 'Write why the case will not be fixed, so the next person knows.'
		});
		expect(await kase()).toMatchObject({ status: 'open', resolvedAt: null, firstActionAt: null });
		expect(await history()).toEqual([]);
	});

	it('moves open → in progress → resolved, recording each step with its actor, time and note', async () => {
		vi.setSystemTime(later(1));
		expect(await updateCase(db, caseId, { status: 'in_progress' }, mark)).toEqual({ ok: true });
		vi.setSystemTime(later(5));
		expect(
			await updateCase(
				db,
				caseId,
				{ status: 'resolved', note: 'Called Anna, refunded the ticket.' },
				mark
			)
		).toEqual({ ok: true });
		expect(await kase()).toMatchObject({
			status: 'resolved',
			firstActionAt: later(1),
			resolvedAt: later(5),
			resolutionNote: 'Called Anna, refunded the ticket.'
		});
		expect(await history()).toEqual([
			{ kind: 'status', actorId: 'user-mark', detail: 'Open → In progress' },
			{
				kind: 'status',
				actorId: 'user-mark',
				detail: 'In progress → Resolved: Called Anna, refunded the ticket.'
			}
		]);
	});

	it('refuses moves the lifecycle does not have, and reopens a closed case', async () => {
		await updateCase(db, caseId, { status: 'wont_fix', note: 'Client left us.' }, mark);
		expect(await updateCase(db, caseId, { status: 'in_progress' }, mark)).toMatchObject({
			ok: false,
			status: 409,
			message: 'A case that is won’t fix cannot become in progress.'
		});
		expect(await updateCase(db, caseId, { status: 'open' }, mark)).toEqual({ ok: true });
		expect(await kase()).toMatchObject({ status: 'open', resolvedAt: null, resolutionNote: null });
	});

	it('keeps comments in the history and counts the first one as the first action', async () => {
		vi.setSystemTime(later(2));
		await updateCase(db, caseId, { comment: '  Left a voicemail.  ' }, mark);
		vi.setSystemTime(later(3));
		await updateCase(db, caseId, { comment: 'Called again.' }, { apiKeyName: 'CRM' });
		expect((await kase()).firstActionAt).toEqual(later(2));
		expect(await history()).toEqual([
			{ kind: 'comment', actorId: 'user-mark', detail: 'Left a voicemail.' },
			{ kind: 'comment', actorId: null, detail: 'Called again. (API key “CRM”)' }
		]);
	});

	it('reassigns to an active user, who is emailed; never to a deactivated one', async () => {
		expect(await updateCase(db, caseId, { assigneeId: 'user-gone' }, mark)).toMatchObject({
			ok: false,
			field: 'assigneeId'
		});
		expect(await updateCase(db, caseId, { assigneeId: 'user-vera' }, mark)).toEqual({ ok: true });
		expect((await kase()).assigneeId).toBe('user-vera');
		expect(await history()).toEqual([
			{ kind: 'assigned', actorId: 'user-mark', detail: 'Mark → Vera' },
			{ kind: 'notified', actorId: null, detail: 'Emailed Vera' }
		]);
		const [email] = await mailTo('vera@staff.test');
		expect(email!.textBody).toContain('Mark assigned you the follow-up case for anna');
		await updateCase(db, caseId, { assigneeId: null }, mark);
		expect((await kase()).assigneeId).toBeNull();
	});

	it('changes the due date without counting it as acting on the case', async () => {
		await updateCase(db, caseId, { dueAt: new Date('2026-03-06T17:00:00Z') }, mark);
		expect(await kase()).toMatchObject({
			dueAt: new Date('2026-03-06T17:00:00Z'),
			firstActionAt: null
		});
		expect(await history()).toEqual([
			{
				kind: 'due',
				actorId: 'user-mark',
				detail: 'Due 4 Mar 2026, 09:00 UTC → 6 Mar 2026, 17:00 UTC'
			}
		]);
	});

	it('lets managers act on every case and anyone on the cases assigned to them', () => {
		expect(canActOnCase({ id: 'user-vera', role: 'viewer' }, { assigneeId: 'user-mark' })).toBe(
			false
		);
		expect(canActOnCase({ id: 'user-vera', role: 'viewer' }, { assigneeId: 'user-vera' })).toBe(
			true
		);
		expect(canActOnCase({ id: 'user-olga', role: 'manager' }, { assigneeId: null })).toBe(true);
	});

	it('announces the resolution to subscribed webhooks', async () => {
		await inTransaction(db, async (tx) => {
			await tx.insert(webhooks).values({
				url: 'https://crm.example/hook',
				events: ['followup.resolved'],
				secret: 's',
				createdAt: monday
			});
		});
		await updateCase(db, caseId, { status: 'resolved', note: 'Refunded.' }, mark);
		const [delivery] = await db.select().from(webhookDeliveries);
		expect(JSON.parse(delivery!.payload)).toMatchObject({
			event: 'followup.resolved',
			data: {
				caseId,
				clientId,
				status: 'resolved',
				resolutionNote: 'Refunded.',
				triggers: ['lowFactor', 'lowOverall']
			}
		});
	});
});

describe('asking the client “Did we resolve it?”', () => {
	const askOn = async (trigger: 'lowOverall' | 'lowNps') =>
		await saveFollowupSettings(db, {
			rules: { ...defaultRules, [trigger]: { ...defaultRules[trigger], askResolved: true } },
			defaultAssigneeId: null,
			slaBusinessDays: 2
		});

	it('invites the client once, by email, to a built-in one-question survey, when the rule asks', async () => {
		await askOn('lowOverall');
		await updateCase(db, caseId, { status: 'resolved', note: 'Refunded.' }, mark);
		const invitation = (await first(db.select().from(invitations)))!;
		expect((await kase()).resolutionInvitationId).toBe(invitation.id);
		expect(
			await first(db.select().from(surveys).where(eq(surveys.id, invitation.surveyId)))
		).toMatchObject({ name: 'Did we resolve it?', status: 'open', modelId: null });
		expect(await mailTo('anna@example.com')).toMatchObject([
			{ kind: 'invitation', invitationId: invitation.id }
		]);

		// Reopened and resolved again: still one invitation.
		await updateCase(db, caseId, { status: 'open' }, mark);
		await updateCase(db, caseId, { status: 'resolved', note: 'Refunded again.' }, mark);
		expect(await db.select().from(invitations)).toHaveLength(1);
		expect(
			(await history()).filter((event) => event.kind === 'notified').map((event) => event.detail)
		).toEqual(['Asked the client “Did we resolve it?” by email']);
	});

	it('asks nobody when the rules that opened the case do not ask, or the case is closed as won’t fix', async () => {
		await askOn('lowNps');
		await updateCase(db, caseId, { status: 'resolved', note: 'Refunded.' }, mark);
		await askOn('lowOverall');
		await updateCase(db, caseId, { status: 'open' }, mark);
		await updateCase(db, caseId, { status: 'wont_fix', note: 'Not our fault.' }, mark);
		expect(await db.select().from(invitations)).toEqual([]);
	});

	it('respects the client’s unsubscription, saying so in the history', async () => {
		await askOn('lowOverall');
		await inTransaction(db, async (tx) => {
			await tx
				.update(clients)
				.set({ unsubscribedAt: new Date(1) })
				.where(eq(clients.id, clientId));
		});
		await updateCase(db, caseId, { status: 'resolved', note: 'Refunded.' }, mark);
		expect((await kase()).resolutionInvitationId).toBeNull();
		expect((await history()).at(-1)).toEqual({
			kind: 'notified',
			actorId: null,
			detail:
				'The client was not asked “Did we resolve it?”: The client has unsubscribed from surveys.'
		});
		expect(
			await db.select().from(surveys).where(eq(surveys.name, 'Did we resolve it?'))
		).toHaveLength(1);
	});
});
