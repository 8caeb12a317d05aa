import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { surveyDefinitionSchema } from '../../schemas/survey';
import type { Db } from '../db';
import { first } from '../db/queries';
import { auditLog, invitations, outboxMessages } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import { createCampaign } from '../campaigns/service';
import { findInvitation } from '../invitations/service';
import { saveSegment } from '../clients/segments';
import { saveBranding } from '../branding/service';
import { changeStatus, createSurvey } from '../surveys/service';
import { addUser } from '../users/test-users';
import type { User } from '../db/schema';
import { deliverDue } from './delivery';
import {
	emailPreview,
	previewChoice,
	previewClients,
	sendTestEmail,
	type PreviewRequest
} from './email-preview';
import { smtpMailer } from './transport';
import { readable, startSmtp } from './test-smtp';

const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en', 'de'],
	title: { en: 'Support check', de: 'Supportcheck' },
	email: {
		subject: {
			en: '{{survey.title}} for {{client.name}}',
			de: '{{survey.title}} für {{client.name}}'
		},
		body: {
			en: 'Hi {{client.name}},\n\nplease answer: {{link}}\nIt works until {{deadline}}.\n\n{{accountManager.name}}',
			de: 'Hallo {{client.name}},\n\nbitte antworten Sie: {{link}}\nEr gilt bis {{deadline}}.\n\n{{accountManager.name}}'
		}
	},
	pages: [
		{
			id: 'p1',
			questions: [{ id: 'overall', type: 'overall', text: { en: 'Overall?', de: 'Insgesamt?' } }]
		}
	]
});
const origin = 'https://satisfy.example';
const DAY_MS = 24 * 60 * 60 * 1000;
const longDate = (date: Date, tag: string) =>
	new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);

let db: Db;
let remove: () => Promise<void>;
let manager: User;
let surveyId = 0;
let eve = 0;
let jana = 0;
let closeSmtp: (() => Promise<void>) | null = null;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	manager = await addUser(db, 'mia@satisfy.example', 'Mia Manager', 'manager');
	surveyId = await createSurvey(db, { name: 'Support', modelId: null, definition }, manager.id);
	const saved = await saveClients(
		db,
		[
			clientInput({ email: 'eve@example.com', name: 'Eve Adams', language: 'en', consent: true }),
			clientInput({
				email: 'jana@example.com',
				name: 'Jana Novak',
				language: 'de',
				consent: true,
				accountManager: manager.email
			})
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	if (!saved.ok) throw new Error('clients not saved');
	[eve, jana] = saved.ids as [number, number];
});
afterEach(async () => {
	await closeSmtp?.();
	closeSmtp = null;
	await remove();
});

const request = (choice: Partial<PreviewRequest>): PreviewRequest => ({
	survey: { id: surveyId, definition },
	viewer: { ...manager, scopeSegmentId: null },
	language: null,
	clientId: null,
	origin,
	...choice
});

async function countOf(table: typeof invitations | typeof outboxMessages) {
	return (await first(db.select({ n: count() }).from(table)))?.n ?? 0;
}

describe('the invitation email’s preview', () => {
	it('shows a client’s email in their language, its deadline as a link sent today gets it, and a link that opens nothing', async () => {
		const now = new Date();
		const preview = await emailPreview(db, request({ clientId: jana, now }));
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.language).toBe('de');
		expect(preview.email.subject).toBe('Supportcheck für Jana Novak');
		const link = 'https://satisfy.example/s/email-preview';
		expect(preview.email.text).toContain(`bitte antworten Sie: ${link}\n`);
		// No campaign sends the survey: a link on its own works 30 days.
		const deadline = new Date(now.getTime() + 30 * DAY_MS);
		expect(preview.deadline).toEqual({ date: deadline, campaign: null });
		expect(preview.email.text).toContain(`Er gilt bis ${longDate(deadline, 'de')}.`);
		expect(preview.email.text).toContain('\n\nMia Manager');
		expect(preview.email.html).toContain(`href="${link}?q-overall=5"`);
		expect(await findInvitation(db, 'email-preview')).toBeNull();
	});

	it('takes the deadline from the campaign that sends the survey, and the language asked for', async () => {
		await changeStatus(db, surveyId, 'open');
		const created = await createCampaign(
			db,
			{
				name: 'Spring',
				surveyId,
				segmentId: null,
				sendAt: new Date(Date.now() + DAY_MS),
				recurrence: 'once',
				fatigueDays: 30,
				expiresInDays: 14
			},
			manager.id
		);
		expect(created.ok).toBe(true);
		const now = new Date();
		const preview = await emailPreview(db, request({ clientId: jana, language: 'en', now }));
		if (!preview.ok) throw new Error(preview.message);
		const deadline = new Date(now.getTime() + 14 * DAY_MS);
		expect(preview.deadline).toEqual({ date: deadline, campaign: 'Spring' });
		expect(preview.email.text).toContain(`It works until ${longDate(deadline, 'en-GB')}.`);
	});

	it('writes to a sample client, signed by the viewer, when no client is chosen', async () => {
		const preview = await emailPreview(db, request({}));
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.client).toEqual({ id: null, name: 'Alex Sample' });
		expect(preview.email.text).toContain('Hi Alex Sample,');
		expect(preview.email.text).toContain('\n\nMia Manager');
	});

	it('offers a user limited to a segment only its clients, and refuses the others', async () => {
		const germans = await saveSegment(db, {
			name: 'German speakers',
			filter: { languages: ['de'] },
			userId: manager.id
		});
		const scoped = { ...manager, scopeSegmentId: germans.id };
		expect(await previewClients(db, scoped, '')).toEqual([
			{ id: jana, name: 'Jana Novak', email: 'jana@example.com' }
		]);
		expect(await emailPreview(db, request({ viewer: scoped, clientId: eve }))).toMatchObject({
			ok: false,
			status: 404,
			field: 'client'
		});
		expect((await sendTestEmail(db, request({ viewer: scoped, clientId: eve }))).ok).toBe(false);
		expect(await countOf(outboxMessages)).toBe(0);
	});

	it('refuses a language the survey is not written in, and a client that is not there', async () => {
		expect(await emailPreview(db, request({ language: 'fr' }))).toMatchObject({
			ok: false,
			status: 400,
			field: 'lang',
			message: 'This survey is not written in “fr”. Choose one of its languages.'
		});
		expect(await emailPreview(db, request({ clientId: 999_999 }))).toMatchObject({
			ok: false,
			status: 404,
			field: 'client'
		});
	});
});

describe('the choice in the query string or the test form', () => {
	it('reads a language, a client or the sample, and a search, leaving out empty fields', () => {
		expect(previewChoice(new URLSearchParams('lang=de&client=42&search=+nov+'))).toEqual({
			ok: true,
			choice: { lang: 'de', client: 42, search: 'nov' }
		});
		expect(previewChoice(new URLSearchParams('client=sample&search='))).toEqual({
			ok: true,
			choice: { client: 'sample' }
		});
	});

	it('says what is wrong with a client that is no client', () => {
		expect(previewChoice(new URLSearchParams('client=x1'))).toEqual({
			ok: false,
			message: 'This client is not, or no longer, among the clients you may see. Choose another.'
		});
	});
});

describe('a test email to oneself', () => {
	it('reaches the user’s own address through the outbox and SMTP, once, from the company as a client’s would, and invites nobody', async () => {
		await saveBranding(
			db,
			{
				name: 'Acme Airlines',
				accentColour: '',
				senderName: 'Acme Customer Care',
				replyTo: 'care@acme.example',
				footer: '',
				logo: null
			},
			{}
		);
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		const sent = await sendTestEmail(db, request({ clientId: eve }));
		expect(sent).toEqual({ ok: true, to: 'mia@satisfy.example' });
		const mailer = smtpMailer(smtp.url, 'Satisfy <surveys@satisfy.example>');
		try {
			expect(await deliverDue(db, { mailer, origin, ratePerMinute: 100 })).toBe(1);
		} finally {
			mailer.close();
		}
		expect(smtp.received).toHaveLength(1);
		const mail = readable(smtp.received[0]!);
		expect(mail).toMatch(/^To: mia@satisfy\.example\r?$/m);
		expect(mail).toMatch(/^From: Acme Customer Care <surveys@satisfy\.example>\r?$/m);
		expect(mail).toMatch(/^Reply-To: care@acme\.example\r?$/m);
		expect(mail).toMatch(/^Subject: \[Test\] Support check for Eve Adams\r?$/m);
		expect(mail).toContain('Hi Eve Adams,');
		expect(mail).toContain('https://satisfy.example/s/email-preview');
		expect(await countOf(invitations)).toBe(0);
		const audited = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'survey.email-test'));
		expect(audited).toMatchObject([
			{
				actorUserId: manager.id,
				subject: `survey:${surveyId}`,
				details: { client: `client:${eve}` }
			}
		]);
	});

	it('refuses the sixth test within ten minutes, with a message saying why', async () => {
		for (let test = 1; test <= 5; test += 1)
			expect((await sendTestEmail(db, request({ clientId: eve }))).ok).toBe(true);
		expect(await sendTestEmail(db, request({ clientId: jana }))).toMatchObject({
			ok: false,
			status: 429,
			message:
				'You have sent 5 test emails in the last 10 minutes. Please wait a few minutes before you send another.'
		});
		expect(await countOf(outboxMessages)).toBe(5);
		// Another user has tests of their own.
		const owner = await addUser(db, 'olga@satisfy.example', 'Olga Owner', 'owner');
		expect(
			(
				await sendTestEmail(
					db,
					request({ viewer: { ...owner, scopeSegmentId: null }, clientId: eve })
				)
			).ok
		).toBe(true);
	});
});
