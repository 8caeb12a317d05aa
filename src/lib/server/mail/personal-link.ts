import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * The token of an invitation email's personal link, derived from the link secret and the outbox
 * message: every attempt to send the message carries the same link, so a copy that arrived while
 * the mail server dropped the connection keeps working. 32 bytes give the 52 characters
 * findInvitation expects; only the token's SHA-256 hash is stored.
 */
export function personalLinkToken(secret: Uint8Array, messageId: number): string {
	return encodeBase32LowerCaseNoPadding(
		hmac(SHA256, secret, new TextEncoder().encode(`outbox-message:${messageId}`))
	);
}

/** What a stored email shows instead of its token: not a token's shape, so it opens nothing. */
const HIDDEN_TOKEN = 'personal-link-hidden';

/** The email as it may be stored: its personal link (and the quick-answer and unsubscribe links built on it) opens nothing. */
export function withLinkHidden(text: string, token: string): string {
	return text.replaceAll(`/s/${token}`, `/s/${HIDDEN_TOKEN}`);
}

/** A stored email with its personal link back, for a demo or development outbox only. */
export function withLinkShown(text: string, token: string): string {
	return text.replaceAll(`/s/${HIDDEN_TOKEN}`, `/s/${token}`);
}
