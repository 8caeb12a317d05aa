import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db';
import { invitationLinks, invitations, outboxMessages } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import { findInvitation, inviteClient } from '../invitations/service';
import { translatedAirlineSurvey } from '../demo/surveys';
import {
	changeStatus,
	createSurveyFromTemplate,
	getSurvey,
	saveDefinition
} from '../surveys/service';
import { deliverDue, recentOutbox, recoverInterruptedSends } from './delivery';
import { enqueueInvitationEmail, enqueueNotification } from './queue';
import { smtpMailer, type Mailer } from './transport';
import { linkSecret } from './link-secret';
import { personalLinkToken } from './personal-link';
import { readable, startSmtp } from './test-smtp';
import { outboxResponseText } from '../../mail/outbox-note';
import { sqliteWriterOf } from '../db/sqlite-connections';
import { engine } from '../db/engine';
import { plainSql } from '../db/plain-sql';

let db: Db;
let url: string;
let remove: () => Promise<void>;
let mailer: Mailer | null = null;
let closeSmtp: (() => Promise<void>) | null = null;
let surveyId = 0;
const origin = 'https://satisfy.example';
const MINUTE = 60_000;

beforeEach(async () => {
	({ db, url, remove } = await openTestDatabase());
	const created = await createSurveyFromTemplate(db, 'airline-csi', null);
	if (!created.ok) throw new Error(created.message);
	surveyId = created.id;
	await saveDefinition(
		db,
		surveyId,
		translatedAirlineSurvey((await getSurvey(db, surveyId))!.definition)
	);
	await changeStatus(db, surveyId, 'open');
	await saveClients(
		db,
		['anna@example.com', 'ben@example.com', 'cleo@example.com'].map((email) =>
			clientInput({ email, name: email.split('@')[0], consent: true, language: 'de' })
		),
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
});
afterEach(async () => {
	mailer?.close();
	mailer = null;
	await closeSmtp?.();
	closeSmtp = null;
	await remove();
});

async function queue(email: string, sendAt = new Date()) {
	const invited = await inviteClient(db, {
		surveyId,
		client: { email },
		channel: 'email',
		fatigueDays: 30,
		sendAt
	});
	if (!invited.ok) throw new Error(invited.message);
	return inTransaction(db, async (tx) =>
		enqueueInvitationEmail(tx, { id: invited.invitationId, toAddress: email, sendAt })
	);
}

const status = async (id: number) => (await recentOutbox(db)).find((message) => message.id === id)!;

/** `count` more consenting clients, many-0@example.com…, each with an invitation email queued. */
async function queueMany(count: number) {
	const emails = Array.from({ length: count }, (_, n) => `many-${n}@example.com`);
	await saveClients(
		db,
		emails.map((email) => clientInput({ email, name: email.split('@')[0], consent: true })),
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	const ids = [];
	for (const email of emails) ids.push(await queue(email));
	return ids;
}

const nodeScript = fileURLToPath(new URL('./delivery-node.fixture.ts', import.meta.url));
// The emails are Svelte components: a process of its own needs the loader the scripts use.
const svelteLoader = fileURLToPath(
	new URL('../../../../scripts/svelte-register.mjs', import.meta.url)
);

/** An app node in a process of its own, ready to send what is due to `smtpUrl` once told to. */
async function startNode(smtpUrl: string) {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', '--import', svelteLoader, nodeScript, url, smtpUrl],
		{ env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'inherit'] }
	);
	const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
	expect((await lines.next()).value).toBe('ready');
	return {
		go: () => child.stdin.write('go\n'),
		handled: async () => Number((await lines.next()).value)
	};
}

describe('the outbox', () => {
	it('sends a staff notification as it was written, once', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'Satisfy <surveys@satisfy.example>');
		const id = await inTransaction(db, async (tx) =>
			enqueueNotification(tx, 'max@example.com', {
				subject: 'Case 7: call Anna back',
				text: 'Open https://satisfy.example/cases/7',
				html: '<p>Open the case</p>',
				language: 'en'
			})
		);

		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 60 })).toBe(1);
		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 60 })).toBe(0);
		expect(smtp.received).toHaveLength(1);
		expect(readable(smtp.received[0]!)).toContain('Subject: Case 7: call Anna back');
		expect(readable(smtp.received[0]!)).toContain('Open https://satisfy.example/cases/7');
		expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it('sends an invitation once, in the client’s language, with a working personal link and one-click unsubscribe', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'Satisfy <surveys@satisfy.example>');
		const id = await queue('anna@example.com');

		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 60 })).toBe(1);
		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 60 })).toBe(0);
		expect(smtp.received).toHaveLength(1);
		const mail = readable(smtp.received[0]!);
		expect(mail).toContain('Subject: Wie war Ihr Flug?');
		expect(mail).toContain('Guten Tag anna,');
		expect(mail).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		const token = /https:\/\/satisfy\.example\/s\/([a-z2-7]{52})/.exec(mail)?.[1];
		expect(token && (await findInvitation(db, token))?.client?.name).toBe('anna');
		expect(mail).toMatch(/\?q-punctuality=5/);
		expect(await status(id)).toMatchObject({
			status: 'sent',
			attempts: 1,
			textBody: null,
			sentAt: expect.any(Date)
		});
		expect((await first(db.select().from(invitations)))?.sentAt).toBeInstanceOf(Date);
	});

	it('retries a temporary refusal later with backoff, and delivers exactly once', async () => {
		let refusals = 1;
		const smtp = await startSmtp(() => (refusals-- > 0 ? 451 : null));
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		const now = new Date();
		const id = await queue('ben@example.com', now);

		await deliverDue(db, { mailer, origin, ratePerMinute: 60, now });
		expect(await status(id)).toMatchObject({
			status: 'queued',
			attempts: 1,
			nextAttemptAt: new Date(now.getTime() + MINUTE)
		});
		expect(
			await deliverDue(db, {
				mailer,
				origin,
				ratePerMinute: 60,
				now: new Date(now.getTime() + 30_000)
			})
		).toBe(0);
		await deliverDue(db, {
			mailer,
			origin,
			ratePerMinute: 60,
			now: new Date(now.getTime() + 2 * MINUTE)
		});
		expect(await status(id)).toMatchObject({ status: 'sent', attempts: 2 });
		expect(smtp.received).toHaveLength(1);
	});

	it('doubles the configured retry pause after each temporary refusal', async () => {
		const smtp = await startSmtp(() => 451);
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		const now = new Date();
		const id = await queue('ben@example.com', now);
		const delivery = { mailer, origin, ratePerMinute: 60, retryBaseMs: 1000 };

		await deliverDue(db, { ...delivery, now });
		expect(await status(id)).toMatchObject({
			status: 'queued',
			attempts: 1,
			nextAttemptAt: new Date(now.getTime() + 1000)
		});
		await deliverDue(db, { ...delivery, now: new Date(now.getTime() + 1000) });
		expect(await status(id)).toMatchObject({
			status: 'queued',
			attempts: 2,
			nextAttemptAt: new Date(now.getTime() + 1000 + 2000)
		});
		expect(smtp.received).toHaveLength(0);
	});

	it('keeps retrying while the mail server is down, and delivers once it is back', async () => {
		const down = await startSmtp();
		const port = down.port;
		await down.close();
		mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'surveys@satisfy.example');
		const now = new Date();
		const id = await queue('cleo@example.com', now);
		await deliverDue(db, { mailer, origin, ratePerMinute: 60, now });
		expect(await status(id)).toMatchObject({
			status: 'queued',
			attempts: 1,
			serverResponse: expect.stringMatching(/ECONNREFUSED|connect/i)
		});

		const smtp = await startSmtp(() => null, port);
		closeSmtp = smtp.close;
		await deliverDue(db, {
			mailer,
			origin,
			ratePerMinute: 60,
			now: new Date(now.getTime() + 2 * MINUTE)
		});
		expect((await status(id)).status).toBe('sent');
		expect(smtp.received).toHaveLength(1);
	});

	it('marks a permanent refusal failed with the server’s answer', async () => {
		const smtp = await startSmtp(() => 550);
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		const id = await queue('anna@example.com');
		await deliverDue(db, { mailer, origin, ratePerMinute: 60 });
		expect(await status(id)).toMatchObject({
			status: 'failed',
			serverResponse: expect.stringContaining('550')
		});
	});

	it('respects the per-minute rate', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		for (const email of ['anna@example.com', 'ben@example.com', 'cleo@example.com'])
			await queue(email);
		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 2 })).toBe(2);
		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 2 })).toBe(0);
		expect(
			await deliverDue(db, {
				mailer,
				origin,
				ratePerMinute: 2,
				now: new Date(Date.now() + 2 * MINUTE)
			})
		).toBe(1);
		expect(smtp.received).toHaveLength(3);
	});

	it('never sends again a message interrupted mid-send (a crash): it is set aside as uncertain', async () => {
		const id = await queue('anna@example.com');
		await inTransaction(db, async (tx) => {
			await tx.update(outboxMessages).set({ status: 'sending', attempts: 1 });
		});
		expect(await recoverInterruptedSends(db)).toBe(1);
		expect(await deliverDue(db, { mailer: null, origin, ratePerMinute: 60 })).toBe(0);
		const interrupted = await status(id);
		expect(interrupted).toMatchObject({ status: 'uncertain', note: 'interrupted' });
		expect(outboxResponseText(interrupted)).toContain('not sent again');
	});

	it('claims a few messages at a time, so a node that dies leaves only those it was sending in doubt', async () => {
		await queueMany(20);
		let mostInDoubt = 0;
		const watching: Mailer = {
			async send() {
				const inDoubt = (await db.select().from(outboxMessages)).filter(
					(message) => message.status === 'sending'
				).length;
				mostInDoubt = Math.max(mostInDoubt, inDoubt);
				return { ok: true, response: '250 Accepted' };
			},
			close() {}
		};
		expect(await deliverDue(db, { mailer: watching, origin, ratePerMinute: 1000 })).toBe(20);
		expect(mostInDoubt).toBe(8);
	});

	it('sends many emails over a few connections it keeps open, not one connection per email', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		await queueMany(20);
		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 1000 })).toBe(20);
		expect(smtp.received).toHaveLength(20);
		expect(smtp.connections()).toBeLessThanOrEqual(4);
	});

	it('records each email of a round on its own: one refused for now is retried, one refused for good fails, the others are sent', async () => {
		const smtp = await startSmtp((to) =>
			to === 'ben@example.com' ? 451 : to === 'cleo@example.com' ? 550 : null
		);
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		const now = new Date();
		const [anna, ben, cleo] = [
			await queue('anna@example.com', now),
			await queue('ben@example.com', now),
			await queue('cleo@example.com', now)
		];
		expect(await deliverDue(db, { mailer, origin, ratePerMinute: 60, now })).toBe(3);
		expect(await status(anna!)).toMatchObject({ status: 'sent', attempts: 1 });
		expect(await status(ben!)).toMatchObject({
			status: 'queued',
			attempts: 1,
			nextAttemptAt: new Date(now.getTime() + MINUTE),
			serverResponse: expect.stringContaining('451')
		});
		expect(await status(cleo!)).toMatchObject({
			status: 'failed',
			attempts: 1,
			serverResponse: expect.stringContaining('550')
		});
		expect(smtp.received).toHaveLength(1);
		const sent = await db.select().from(invitations);
		expect(sent.filter((invitation) => invitation.sentAt).map(({ id }) => id)).toHaveLength(1);

		await deliverDue(db, {
			mailer,
			origin,
			ratePerMinute: 60,
			now: new Date(now.getTime() + MINUTE)
		});
		expect(smtp.received).toHaveLength(1);
		expect(await status(ben!)).toMatchObject({ status: 'queued', attempts: 2 });
	});

	it('sends each email once when two app nodes deliver the same outbox at the same time', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		const ids = await queueMany(60);
		const nodes = await Promise.all([0, 1].map(() => startNode(smtp.url)));
		for (const node of nodes) node.go();
		const handled = await Promise.all(nodes.map((node) => node.handled()));

		expect(handled[0]! + handled[1]!).toBe(60);
		expect(smtp.received).toHaveLength(60);
		const recipients = smtp.received.map((mail) => /^To: (\S+)/m.exec(mail)?.[1]);
		expect(new Set(recipients).size).toBe(60);
		const links = smtp.received.map(linkIn);
		expect(new Set(links).size).toBe(60);
		for (const id of ids) expect((await status(id)).status).toBe('sent');
		expect((await findInvitation(db, links[0]!))?.client).toBeTruthy();
	}, 120_000);

	it('keeps mail readable in the outbox when no mail server is configured', async () => {
		const id = await queue('anna@example.com');
		await deliverDue(db, { mailer: null, origin, ratePerMinute: 60 });
		expect(await status(id)).toMatchObject({
			status: 'stored',
			subject: 'Wie war Ihr Flug?',
			textBody: expect.stringContaining('https://satisfy.example/s/')
		});
	});
});

/** Every personal-link token in a text, working or not (hidden links included). */
const linkTokens = (text: string) =>
	[...text.matchAll(/\/s\/([^/?\s"'<>&\\]+)/g)].map((match) => match[1]!);
const linkIn = (mail: string) =>
	/https:\/\/satisfy\.example\/s\/([a-z2-7]{52})/.exec(readable(mail))?.[1];

describe('personal links', () => {
	it('gives a retried email the same working link when the mail server hung up after taking the first copy', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		const now = new Date();
		const id = await queue('anna@example.com', now);
		smtp.dropAfterData(1);

		await deliverDue(db, { mailer, origin, ratePerMinute: 60, now });
		expect(await status(id)).toMatchObject({ status: 'queued', attempts: 1 });
		await deliverDue(db, {
			mailer,
			origin,
			ratePerMinute: 60,
			now: new Date(now.getTime() + 2 * MINUTE)
		});
		expect(await status(id)).toMatchObject({ status: 'sent', attempts: 2 });

		expect(smtp.received).toHaveLength(2);
		const [first, second] = smtp.received.map(linkIn);
		expect(first).toBeDefined();
		expect(second).toBe(first);
		expect((await findInvitation(db, first!))?.client?.name).toBe('anna');
	});

	it('gives a retried reminder the same working link, and the first email’s link keeps working', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		const now = new Date();
		await queue('ben@example.com', now);
		await deliverDue(db, { mailer, origin, ratePerMinute: 60, now });
		const invitationId = (await first(db.select().from(invitations)))!.id;
		const reminder = await inTransaction(db, async (tx) =>
			enqueueInvitationEmail(tx, {
				id: invitationId,
				toAddress: 'ben@example.com',
				sendAt: now,
				kind: 'reminder'
			})
		);
		smtp.dropAfterData(1);
		await deliverDue(db, { mailer, origin, ratePerMinute: 60, now });
		await deliverDue(db, {
			mailer,
			origin,
			ratePerMinute: 60,
			now: new Date(now.getTime() + 2 * MINUTE)
		});
		expect(await status(reminder)).toMatchObject({ status: 'sent', attempts: 2 });

		const [invitation, reminded, retried] = smtp.received.map(linkIn);
		expect(retried).toBe(reminded);
		expect(reminded).not.toBe(invitation);
		const found = [];
		for (const token of [invitation, reminded])
			found.push((await findInvitation(db, token!))?.client?.name);
		expect(found).toEqual(['ben', 'ben']);
		expect(await db.select().from(invitationLinks)).toHaveLength(1);
	});

	it('keeps no working personal link in an email kept in the outbox, neither in the database nor on the outbox page', async () => {
		const id = await queue('anna@example.com');
		await deliverDue(db, { mailer: null, origin, ratePerMinute: 60 });

		const row = await plainSql(db).get(
			'select subject, text_body, html_body from outbox_messages where id = @id',
			{ id }
		);
		const page = JSON.stringify(await recentOutbox(db));
		for (const stored of [JSON.stringify(row), page]) {
			expect(stored).toContain('Guten Tag anna,');
			const tokens = linkTokens(stored);
			// The link itself, its five quick answers and the unsubscribe link, in text and HTML.
			expect(tokens.length).toBeGreaterThanOrEqual(7);
			for (const token of tokens) expect(await findInvitation(db, token)).toBeNull();
		}
		// A PostgreSQL database is no file of ours to read.
		if (engine === 'postgres') return;
		// The writer checkpoints: the reader may not.
		sqliteWriterOf(db)!.writer.$client.pragma('wal_checkpoint(TRUNCATE)');
		expect(readFileSync(db.$client.name, 'latin1')).not.toContain(
			personalLinkToken(await linkSecret(db), id)
		);
	});

	it('shows the working personal link in the outbox when the server runs for a demo (OUTBOX_SHOWS_LINKS)', async () => {
		await queue('anna@example.com');
		await deliverDue(db, { mailer: null, origin, ratePerMinute: 60 });
		const [message] = await recentOutbox(db, { showLinks: true });
		const token = /https:\/\/satisfy\.example\/s\/([a-z2-7]{52})\n/.exec(message!.textBody!)?.[1];
		expect(token && (await findInvitation(db, token))?.client?.name).toBe('anna');
		expect(message!.htmlBody).toContain(`https://satisfy.example/s/${token}?q-punctuality=5`);
	});

	it('keeps nothing of an email’s body once the mail server has taken it', async () => {
		const smtp = await startSmtp();
		closeSmtp = smtp.close;
		mailer = smtpMailer(smtp.url, 'surveys@satisfy.example');
		const ids = [
			await queue('anna@example.com'),
			await inTransaction(db, async (tx) =>
				enqueueNotification(tx, 'max@example.com', {
					subject: 'Case 7: call Anna back',
					text: 'Anna was unhappy',
					html: '<p>Anna was unhappy</p>',
					language: 'en'
				})
			)
		];
		await deliverDue(db, { mailer, origin, ratePerMinute: 60 });
		expect(smtp.received).toHaveLength(2);
		for (const id of ids)
			expect(await status(id)).toMatchObject({ status: 'sent', textBody: null, htmlBody: null });
	});
});
