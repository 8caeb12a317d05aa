import { describe, expect, it } from 'vitest';
import { hashSecret, issueToken, parseToken, secretMatches } from './token';

describe('tokens', () => {
	it('carry 120 random bits in the id and in the secret', () => {
		const { id, secret, token } = issueToken();
		// 24 base32 characters × 5 bits each
		expect(id).toMatch(/^[a-z2-7]{24}$/);
		expect(secret).toMatch(/^[a-z2-7]{24}$/);
		expect(token).toBe(`${id}.${secret}`);
	});

	it('never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, () => issueToken().token));
		expect(tokens.size).toBe(1000);
	});

	it('keep only the SHA-256 hash of the secret', () => {
		const { secret, secretHash } = issueToken();
		expect(secretHash).toHaveLength(32);
		expect(secretHash.toString('utf8')).not.toContain(secret);
		expect(secretMatches(secret, secretHash)).toBe(true);
		const tampered = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(secretMatches(tampered, secretHash)).toBe(false);
	});

	it('parse only their own shape, prefix included', () => {
		const { id, secret, token } = issueToken('sfy_');
		expect(parseToken(token, 'sfy_')).toEqual({ id, secret });
		expect(parseToken(token)).toBeNull();
		expect(parseToken(`${id}.${secret}`, 'sfy_')).toBeNull();
		expect(parseToken('sfy_short.secret', 'sfy_')).toBeNull();
		expect(parseToken(`sfy_${id}.${secret}.extra`, 'sfy_')).toBeNull();
	});

	it('hash the same secret to the same value', () => {
		expect(hashSecret('abc').equals(hashSecret('abc'))).toBe(true);
		expect(hashSecret('abc').equals(hashSecret('abd'))).toBe(false);
	});
});
