import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `X-Satisfy-Signature` header: HMAC-SHA256 of the exact body bytes, keyed with the secret's
 * text as shown (not decoded), hex-encoded. README § Webhooks shows a receiver checking it.
 */
export function webhookSignature(secret: string, body: string | Uint8Array): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute over the raw body and compare in constant time. */
export function signatureMatches(
	secret: string,
	body: string | Uint8Array,
	header: string | null | undefined
): boolean {
	const expected = Buffer.from(webhookSignature(secret, body));
	const given = Buffer.from(header ?? '');
	return given.length === expected.length && timingSafeEqual(given, expected);
}
