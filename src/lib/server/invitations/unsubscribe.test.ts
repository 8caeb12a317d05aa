import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, branding, clients, outboxMessages } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { first } from '../db/queries';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { deliverDue } from '../mail/delivery';
import { smtpMailer } from '../mail/transport';
import { readable, startSmtp } from '../mail/test-smtp';
import { inviteClient } from './service';
import { changeSubscription } from './unsubscribe';

let db: Db;
let remove: () => Promise<void>;
let surveyId = 0;
const now = new Date('2026-12-05T10:00:00Z');
const later = new Date('2026-12-09T10:00:00Z');
const link = 'https://satisfy.example/s/abcdefghijklmnopqrstuvwxyz234567abcdefgh/unsubscribe';

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyId = await openSurveyFromTemplate(db, 'nps-reasons');
	await saveClients(db, [clientInput({ email: 'anna@example.com', name: 'Anna', consent: true })], {
		onExisting: 'reject',
		actor: {},
		source: 'test'
	});
});
afterEach(() => remove());

const anna = async () => (await first(db.select().from(clients).where(eq(clients.id, 1))))!;
const selfService = () =>
	db.select().from(auditLog).where(eq(auditLog.action, 'client.self-service'));
const invite = () =>
	inviteClient(db, {
		surveyId,
		client: { email: 'anna@example.com' },
		channel: 'api',
		fatigueDays: 0
	});

describe('unsubscribing from the link', () => {
	it('stops invitations, keeps consent, is recorded as the profile page records it, and sends nothing unasked', async () => {
		const { consentAt, consentSource } = await anna();
		expect(await changeSubscription(db, 1, { unsubscribed: true, confirmation: null }, now)).toBe(
			'changed'
		);
		expect(await anna()).toMatchObject({ unsubscribedAt: now, consentAt, consentSource });
		expect(await invite()).toMatchObject({
			ok: false,
			message: 'The client has unsubscribed from surveys.'
		});
		expect((await selfService()).map((entry) => [entry.subject, entry.details])).toEqual([
			['client:1', { consent: true, unsubscribed: true }]
		]);
		expect(await db.select().from(outboxMessages)).toEqual([]);
	});

	it('a second time changes, records and sends nothing: the first date stands', async () => {
		const confirmation = { link, language: 'en' };
		expect(await changeSubscription(db, 1, { unsubscribed: true, confirmation }, now)).toBe(
			'changed'
		);
		expect(await changeSubscription(db, 1, { unsubscribed: true, confirmation }, later)).toBe(
			'unchanged'
		);
		expect((await anna()).unsubscribedAt).toEqual(now);
		expect(await selfService()).toHaveLength(1);
		expect(await db.select().from(outboxMessages)).toHaveLength(1);
	});

	// Whoever holds a forwarded link could otherwise fill the client's inbox by toggling.
	it('sends at most one confirmation a day, however often the link toggles the subscription', async () => {
		const confirmation = { link, language: 'en' };
		const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
		const unsubscribe = (hours: number) =>
			changeSubscription(db, 1, { unsubscribed: true, confirmation }, at(hours));
		const resubscribe = (hours: number) =>
			changeSubscription(db, 1, { unsubscribed: false }, at(hours));
		expect(await unsubscribe(0)).toBe('changed');
		for (const hours of [1, 2, 23]) {
			expect(await resubscribe(hours - 0.5)).toBe('changed');
			expect(await unsubscribe(hours)).toBe('changed-not-confirmed');
			expect((await anna()).unsubscribedAt).toEqual(at(hours));
		}
		expect(await db.select().from(outboxMessages)).toHaveLength(1);
		await resubscribe(24.5);
		expect(await unsubscribe(25)).toBe('changed');
		expect(await db.select().from(outboxMessages)).toHaveLength(2);
	});

	it('undo subscribes the client again, with their consent as it was, recorded too', async () => {
		await changeSubscription(db, 1, { unsubscribed: true, confirmation: null }, now);
		expect(await changeSubscription(db, 1, { unsubscribed: false }, later)).toBe('changed');
		expect(await anna()).toMatchObject({ unsubscribedAt: null, consentAt: expect.any(Date) });
		expect(await invite()).toMatchObject({ ok: true });
		expect((await selfService()).map((entry) => entry.details)).toEqual([
			{ consent: true, unsubscribed: true },
			{ consent: true, unsubscribed: false }
		]);
		expect(await changeSubscription(db, 1, { unsubscribed: false }, later)).toBe('unchanged');
		expect(await selfService()).toHaveLength(2);
		// Undoing sends no email, whatever was asked before.
		expect(await db.select().from(outboxMessages)).toEqual([]);
	});

	it('says so when the client was erased meanwhile', async () => {
		await inTransaction(db, async (tx) => {
			await tx.delete(clients).where(eq(clients.id, 1));
		});
		expect(
			await changeSubscription(db, 1, {
				unsubscribed: true,
				confirmation: { link, language: 'en' }
			})
		).toBe('erased');
		expect(await db.select().from(outboxMessages)).toEqual([]);
	});
});

describe('the confirmation email', () => {
	it('reaches the client when asked, from the company, in the page’s language: the company, the date and the page to undo, nothing else', async () => {
		await inTransaction(db, async (tx) => {
			await tx.insert(branding).values({
				id: 1,
				name: 'Acme Rail',
				replyTo: 'care@acme-rail.example',
				updatedAt: now
			});
		});
		await changeSubscription(
			db,
			1,
			{ unsubscribed: true, confirmation: { link, language: 'de' } },
			now
		);
		const smtp = await startSmtp();
		const mailer = smtpMailer(smtp.url, 'Satisfy <surveys@satisfy.example>');
		try {
			expect(
				await deliverDue(db, {
					mailer,
					origin: 'https://satisfy.example',
					ratePerMinute: 60,
					now: later
				})
			).toBe(1);
		} finally {
			mailer.close();
			await smtp.close();
		}
		expect(smtp.received).toHaveLength(1);
		// Quoted-printable escapes UTF-8 bytes, which readable() gives back one character each.
		const mail = Buffer.from(readable(smtp.received[0]!), 'latin1').toString('utf8');
		expect(mail).toMatch(/^To: anna@example\.com\r?$/m);
		// From the company, as its invitations are: its name (no sender name was set) and reply-to.
		expect(mail).toMatch(/^From: Acme Rail <surveys@satisfy\.example>\r?$/m);
		expect(mail).toMatch(/^Reply-To: care@acme-rail\.example\r?$/m);
		expect(mail).toMatch(/^Subject: Acme Rail: Sie sind von Umfragen abgemeldet\r?$/m);
		expect(mail).toContain(
			'wie von Ihnen am 05.12.2026 gewünscht, sendet Acme Rail Ihnen an diese Adresse keine Umfrageeinladungen und Erinnerungen mehr.'
		);
		expect(mail).toContain(
			`Haben Sie es sich anders überlegt? Auf dieser Seite können Sie sich wieder anmelden:\r\n${link}`
		);
		expect(mail).toContain('<html lang="de">');
		expect(mail).toMatch(new RegExp(`<a href="${link}"[^>]*>Wieder anmelden</a>`));
		// Only the page's link: no unsubscribe header, no survey, no tracking.
		expect(mail).not.toContain('List-Unsubscribe');
		expect(mail.match(/https?:\/\/[^\s"<]+/g)?.every((found) => found === link)).toBe(true);
	});
});
