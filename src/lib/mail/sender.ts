/** Who an email says it is from: a display name, if any, and the address it is sent from. */
export type Sender = { name: string | null; address: string };

/**
 * The sender of an email: MAIL_FROM (`Name <address>` or an address), with the company's sender
 * name from its branding in place of MAIL_FROM's own name when there is one. The address stays
 * MAIL_FROM's: it is the one the mail server may send from.
 */
export function emailSender(mailFrom: string, senderName?: string | null): Sender {
	const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
	const address = (named?.[2] ?? mailFrom).trim();
	const name = senderName || named?.[1] || null;
	return { name, address };
}

/** A sender as a From header shows it: `Name <address>`, or the address alone. */
export const senderText = ({ name, address }: Sender) => (name ? `${name} <${address}>` : address);
