import { expect } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { sharedServer } from './support';

export type Mail = { to: string; raw: string };

/** Undoes header folding and quoted-printable, enough to read subjects and links in a raw message. */
export const readable = (raw: string) =>
	raw
		.replace(/\r?\n[ \t]+/g, ' ')
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * A real mail server on the port the test's shared server was told to send to (see
 * playwright.config.ts). Each spec starts its own in `beforeAll`; specs run one at a time, so
 * they take turns on the port. Tests may stop it to see the app retry, or put an address in
 * `refused` to have it refused for good (550).
 */
export function mailServer() {
	const inbox: Mail[] = [];
	const refused = new Set<string>();
	let server: SMTPServer | null = null;

	function start(): Promise<void> {
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			// On close, drop the app's pooled connections at once rather than after 30 seconds.
			closeTimeout: 100,
			onRcptTo(address, _session, callback) {
				if (refused.has(address.address))
					callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
				else callback();
			},
			onData(stream, session, callback) {
				let raw = '';
				stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
				stream.on('end', () => {
					for (const recipient of session.envelope.rcptTo)
						inbox.push({ to: recipient.address, raw });
					callback();
				});
			}
		});
		return new Promise<void>((resolve) =>
			server!.listen(sharedServer().smtpPort, '127.0.0.1', resolve)
		);
	}

	const stop = () =>
		new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

	/** Every message to `to` so far, readable, optionally only those containing `text`. */
	const mailsTo = (to: string, text?: string) =>
		inbox
			.filter((mail) => mail.to === to)
			.map((mail) => readable(mail.raw))
			.filter((mail) => !text || mail.includes(text));

	/** Waits for the first message to `to` (containing `text`, if given) and returns it readable. */
	async function mailFor(to: string, text?: string, timeout = 20_000): Promise<string> {
		await expect.poll(() => mailsTo(to, text).length, { timeout }).toBeGreaterThan(0);
		return mailsTo(to, text)[0]!;
	}

	return { inbox, refused, start, stop, mailsTo, mailFor };
}
