import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Tokens are `<id>.<secret>`, the shape of lucia-auth.com's session guide: the id finds the row,
 * the secret proves possession, and only the secret's SHA-256 hash is stored. 15 random bytes
 * give 120 bits per part.
 */
export type IssuedToken = { id: string; secret: string; token: string; secretHash: Buffer };

export function randomString(bytes = 15): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): Buffer {
	return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

export function issueToken(prefix = ''): IssuedToken {
	const id = randomString();
	const secret = randomString();
	return { id, secret, token: `${prefix}${id}.${secret}`, secretHash: hashSecret(secret) };
}

const tokenShape = /^([a-z2-7]{24})\.([a-z2-7]{24})$/;

/** Splits a token into its parts, or null when it cannot be one of ours. */
export function parseToken(token: string, prefix = ''): { id: string; secret: string } | null {
	if (!token.startsWith(prefix)) return null;
	const match = tokenShape.exec(token.slice(prefix.length));
	return match ? { id: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashSecret(secret), storedHash);
}
