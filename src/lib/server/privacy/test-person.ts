import { createAttributeDefinition } from '../clients/attributes';
import { stageImport } from '../clients/imports';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { first } from '../db/queries';
import { followupCases } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { DAY_MS } from '../../dates';
import { sendOverdueDigest } from '../followups/digest';
import { addStaff, respond } from '../followups/test-followups';
import { updateCase } from '../followups/workflow';
import { inviteClient, saveDraft, versionFor } from '../invitations/service';
import { deliverDue } from '../mail/delivery';
import { enqueueInvitationEmail } from '../mail/queue';
import { importReviewItems } from '../reviews/import';
import { annotateResponse } from '../responses/annotations';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { registerWebhook } from '../webhooks/service';

/** The client whose rights the privacy tests exercise; Ben is someone else, who must stay untouched. */
export const anna = {
	id: 1,
	email: 'anna.mueller@example.de',
	name: 'Anna Müller',
	phone: '+49 89 7654321',
	nickname: 'Annchen'
};
export const ben = { id: 2 };

const satisfied = {
	expectations: '4',
	quality: '5',
	value: '4',
	complaints: 'na',
	loyalty: '5',
	overall: '4',
	recommend: '9'
};

/** An ACSI survey, Mark (manager) and the two clients; returns the survey and Mark's id. */
export async function withAnnaAndBen(db: Db): Promise<{ surveyId: number; mark: string }> {
	const surveyId = await openSurveyFromTemplate(db, 'acsi');
	const mark = await addStaff(db, 'Mark');
	await createAttributeDefinition(db, { key: 'nickname', label: 'Nickname', type: 'string' });
	const saved = await saveClients(
		db,
		[
			clientInput({
				email: anna.email,
				name: anna.name,
				phone: anna.phone,
				consent: true,
				tags: ['vip'],
				accountManager: 'mark@staff.test',
				attributes: { nickname: anna.nickname }
			}),
			clientInput({ email: 'ben@example.com', name: 'Ben Berg', consent: true })
		],
		{ onExisting: 'reject', actor: { userId: mark }, source: 'test' }
	);
	if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
	return { surveyId, mark };
}

/**
 * Anna leaves a trace everywhere Satisfy keeps one: an invitation and a reminder kept in the
 * outbox, a survey started and not sent, an unhappy response (`improve` is her comment) that opens
 * a case for Mark with his comment and that Mark tags and notes, webhook deliveries and chat
 * messages (the overdue digest among them), a linked review and a staged import.
 * Ben answers too. Returns the token of the personal link she was answering with.
 */
export async function annaEverywhere(
	db: Db,
	{ surveyId, mark }: { surveyId: number; mark: string },
	improve: string
): Promise<string> {
	await registerWebhook(
		db,
		{ userId: mark },
		{
			url: 'https://hooks.example.com/satisfy',
			events: ['response.completed', 'followup.created', 'review.imported']
		}
	);
	// A channel whose messages name clients: its copies of her name must go too.
	await registerWebhook(
		db,
		{ userId: mark },
		{
			url: 'https://hooks.slack.com/services/T0/B0/x',
			format: 'slack',
			events: ['followup.created', 'followup.digest'],
			nameClients: true
		}
	);
	const sent = await inviteClient(db, {
		surveyId,
		client: { id: anna.id },
		channel: 'email',
		fatigueDays: 0
	});
	if (!sent.ok) throw new Error(sent.message);
	await inTransaction(db, async (tx) => {
		await enqueueInvitationEmail(tx, {
			id: sent.invitationId,
			toAddress: anna.email,
			sendAt: new Date()
		});
		await enqueueInvitationEmail(tx, {
			id: sent.invitationId,
			toAddress: anna.email,
			sendAt: new Date(),
			kind: 'reminder'
		});
	});
	await deliverDue(db, { mailer: null, origin: 'https://satisfy.example', ratePerMinute: 100 });
	const started = await inviteClient(db, {
		surveyId,
		client: { id: anna.id },
		channel: 'api',
		fatigueDays: 0
	});
	if (!started.ok) throw new Error(started.message);
	const { versionId } = await versionFor(db, started.invitationId, surveyId);
	await inTransaction(db, async (tx) =>
		saveDraft(tx, {
			invitationId: started.invitationId,
			surveyVersionId: versionId,
			language: 'en',
			page: 0,
			pagesPassed: 0,
			answers: { improve: `${anna.nickname} would like a window seat` }
		})
	);
	const answered = await respond(db, surveyId, {
		clientId: anna.id,
		answers: { ...satisfied, overall: '1', improve }
	});
	await annotateResponse(
		db,
		answered,
		{ tags: ['callback'], note: `${anna.name} wants a call on ${anna.phone}` },
		{ userId: mark }
	);
	await respond(db, surveyId, { clientId: ben.id, answers: satisfied });
	const kase = (await first(db.select().from(followupCases).limit(1)))!;
	const commented = await updateCase(
		db,
		kase.id,
		{ comment: `Called ${anna.name} on ${anna.phone}` },
		{ userId: mark, name: 'Mark' }
	);
	if (!commented.ok) throw new Error(commented.message);
	await importReviewItems(
		db,
		[
			{
				source: 'google',
				externalId: 'g1',
				author: anna.name,
				email: anna.email,
				stars: 2,
				text: 'The flight was late again.',
				date: '2026-03-01'
			}
		],
		{
			actor: {},
			origin: { kind: 'file', name: 'test' }
		}
	);
	// A month on, her cases are on the overdue digest, emailed to owners and posted to the channel.
	await sendOverdueDigest(db, new Date(Date.now() + 30 * DAY_MS));
	const staged = await stageImport(
		db,
		{
			name: 'more.csv',
			bytes: new TextEncoder().encode(`email,name\n${anna.email},${anna.name}\n`)
		},
		mark
	);
	if (!staged.ok) throw new Error('The import was not staged.');
	return started.token;
}
