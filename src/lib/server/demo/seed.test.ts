import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listApiKeys } from '../api-keys/service';
import type { Db } from '../db';
import { createTestDatabase } from '../db/test-database';
import { listUsers, signIn } from '../users/service';
import { demoUsers, seedDemo } from './seed';

let db: Db;
let remove: () => void;
beforeEach(() => ({ db, remove } = createTestDatabase()));
afterEach(() => remove());

describe('demo seed', () => {
	it('creates an owner, a manager and a viewer whose printed passwords work', async () => {
		const lines: string[] = [];
		await seedDemo(db, (line) => lines.push(line));
		for (const demoUser of demoUsers) {
			const line = lines.find((l) => l.includes(demoUser.email));
			const password = /password: (\S+)/.exec(line ?? '')?.[1];
			expect(password, `password printed for ${demoUser.email}`).toBeDefined();
			expect((await signIn(db, demoUser.email, password!, '127.0.0.1')).ok).toBe(true);
		}
		expect(lines.some((l) => /Demo API key .*sfy_/.test(l))).toBe(true);
	});

	it('duplicates nothing when run again', async () => {
		await seedDemo(db, () => {});
		const lines: string[] = [];
		await seedDemo(db, (line) => lines.push(line));
		expect(listUsers(db)).toHaveLength(3);
		expect(listApiKeys(db)).toHaveLength(1);
		expect(lines.join('\n')).not.toContain('password:');
	});
});
