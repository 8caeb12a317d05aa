import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing', () => {
	it('uses argon2id with a fresh salt each time', async () => {
		const first = await hashPassword('correct horse battery');
		const second = await hashPassword('correct horse battery');
		expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(first).not.toBe(second);
	});

	it('accepts the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('correct horse battery');
		expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
	});

	it('treats a damaged stored hash as a failed check', async () => {
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
	});

	it('answers unknown accounts with a refusal', async () => {
		expect(await verifyAgainstDummy('anything at all')).toBe(false);
	});
});
