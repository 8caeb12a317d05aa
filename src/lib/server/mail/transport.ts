import nodemailer from 'nodemailer';
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
	const transport = nodemailer.createTransport(url, { pool: true, maxConnections: 4 } as object);
	const fromAddress = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
	return {
		async send(to, email) {
			try {
				const info = await transport.sendMail({
					from: email.senderName ? { name: email.senderName, address: fromAddress } : from,
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
