import nodemailer from 'nodemailer';
import { emailSender } from '../../mail/sender';
import type { RenderedEmail } from './invitation-email';

/** What sending an email can end in; the outbox decides from it whether to try again. */
export type SendOutcome =
	{ ok: true; response: string } | { ok: false; permanent: boolean; response: string };

export type Mailer = {
	send(to: string, email: RenderedEmail): Promise<SendOutcome>;
	close(): void;
};

/**
 * An SMTP mailer with pooled connections. Answers in the 5xx range are permanent (the address or
 * message is refused); 4xx answers and connection failures are worth trying again later.
 */
export function smtpMailer(url: string, from: string): Mailer {
	// The URL inside the options: a second argument would be defaults for every message, and
	// the transport would open a connection per email. A connection carries emails for as long as
	// the server keeps it (nodemailer's default reconnects every 100, each time a greeting, a
	// reverse DNS lookup or a TLS handshake away); a server that limits emails per connection
	// refuses with a 4xx or hangs up, and the email is retried.
	const transport = nodemailer.createTransport({
		url,
		pool: true,
		maxConnections: 4,
		maxMessages: Infinity
	});
	return {
		async send(to, email) {
			try {
				const info = await transport.sendMail({
					from: email.senderName
						? { name: email.senderName, address: emailSender(from).address }
						: from,
					replyTo: email.replyTo,
					to,
					subject: email.subject,
					text: email.text,
					html: email.html,
					headers: email.headers
				});
				return { ok: true, response: String(info.response ?? 'accepted') };
			} catch (error) {
				const problem = error as { responseCode?: number; response?: string; message?: string };
				const code = problem.responseCode ?? 0;
				return {
					ok: false,
					permanent: code >= 500 && code < 600,
					response: problem.response ?? problem.message ?? 'unknown error'
				};
			}
		},
		close: () => transport.close()
	};
}
