import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import { inviteClient } from '../invitations/service';
import { changeStatus, createSurveyFromTemplate } from '../surveys/service';
import { deliverDue } from '../mail/delivery';
import { enqueueInvitationEmail } from '../mail/queue';
import { readable, startSmtp } from '../mail/test-smtp';
import { smtpMailer, type Mailer } from '../mail/transport';
import { currentBranding } from './read';
import { saveBranding } from './service';

let db: Db;
let remove: () => Promise<void>;
let mailer: Mailer | null = null;
let closeSmtp: (() => Promise<void>) | null = null;
const origin = 'https://satisfy.example';

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(async () => {
	mailer?.close();
	mailer = null;
	await closeSmtp?.();
	closeSmtp = null;
	await remove();
});

/** Invites an English-speaking client to the airline survey and sends it through a real SMTP server. */
async function sentInvitation(): Promise<string> {
	const created = await createSurveyFromTemplate(db, 'airline-csi', null);
	if (!created.ok) throw new Error(created.message);
	await changeStatus(db, created.id, 'open');
	await saveClients(
		db,
		[clientInput({ email: 'eve@example.com', name: 'Eve', consent: true, language: 'en' })],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	const invited = await inviteClient(db, {
		surveyId: created.id,
		client: { email: 'eve@example.com' },
		channel: 'email',
		fatigueDays: 30,
		sendAt: new Date()
	});
	if (!invited.ok) throw new Error(invited.message);
	await inTransaction(db, async (tx) =>
		enqueueInvitationEmail(tx, {
			id: invited.invitationId,
			toAddress: 'eve@example.com',
			sendAt: new Date()
		})
	);
	const smtp = await startSmtp();
	closeSmtp = smtp.close;
	mailer = smtpMailer(smtp.url, 'Satisfy <surveys@satisfy.example>');
	expect(await deliverDue(db, { mailer, origin, ratePerMinute: 60 })).toBe(1);
	return smtp.received[0]!;
}

/** The message's headers, its plain-text part and its HTML part, quoted-printable undone. */
function partsOf(raw: string) {
	const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)![1]!;
	const [headers, ...parts] = raw.split(`--${boundary}`);
	// A part's own headers end at its first empty line.
	const part = (type: string) => {
		const found = parts.find((body) => body.includes(`Content-Type: ${type}`))!;
		return readable(found.slice(found.search(/\r?\n\r?\n/)).trimStart());
	};
	return { headers: readable(headers!), text: part('text/plain'), html: part('text/html') };
}

describe('an invitation in the company’s name', () => {
	it('comes from the company, names it first, shows its logo, a button and its footer, and keeps the link in the text part', async () => {
		const png = new Uint8Array(PNG.sync.write(new PNG({ width: 120, height: 40 })));
		await saveBranding(
			db,
			{
				name: 'Acme Airlines',
				accentColour: '#1d4ed8',
				senderName: '',
				replyTo: 'service@acme.example',
				footer: 'Acme Airlines Ltd.\n1 Runway Road, Dublin',
				logo: png
			},
			{}
		);
		const { logoVersion } = await currentBranding(db);
		const { headers, text, html } = partsOf(await sentInvitation());

		expect(headers).toMatch(/^From: Acme Airlines <surveys@satisfy\.example>$/m);
		expect(headers).toMatch(/^Reply-To: service@acme\.example$/m);

		const link = /https:\/\/satisfy\.example\/s\/[a-z2-7]{52}/.exec(text)?.[0];
		expect(link).toBeDefined();
		expect(text).toMatch(/^Acme Airlines asks for your opinion\r?\n/);
		expect(text).toContain(`\n${link}\r\n`);
		expect(text).toMatch(/Acme Airlines Ltd\.\r?\n1 Runway Road, Dublin/);

		expect(html).toContain(
			`<img src="${origin}/branding/logo?v=${logoVersion}" alt="Acme Airlines"`
		);
		expect(html).toContain('>Acme Airlines asks for your opinion</h1>');
		// The survey link is a button in the accent colour, not a long address to read.
		expect(html).toMatch(
			new RegExp(
				`<a href="${link}" style="display:inline-block;padding:12px 22px;[^"]*background-color:#1d4ed8;color:#ffffff[^"]*">Start the survey</a>`
			)
		);
		expect(html).not.toContain(`>${link}</a>`);
		expect(html).toContain('Acme Airlines Ltd.<br/>1 Runway Road, Dublin');
	});

	it('keeps the server’s sender and shows the name in text until an owner sets the branding', async () => {
		const { headers, text, html } = partsOf(await sentInvitation());
		expect(headers).toMatch(/^From: Satisfy <surveys@satisfy\.example>$/m);
		expect(headers).not.toMatch(/^Reply-To:/m);
		expect(text).toMatch(/^Satisfy asks for your opinion\r?\n/);
		expect(html).not.toContain('<img');
		expect(html).toContain('color:#0f5c4d">Satisfy</p>');
	});
});
