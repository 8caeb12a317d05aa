import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { apiKeys } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './service';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

describe('API keys', () => {
	it('are shown once and stored only as a hash', async () => {
		const { key, apiKey } = await createApiKey(db, {
			name: 'CRM sync',
			role: 'manager',
			createdBy: null
		});
		expect(key).toMatch(/^sfy_[a-z2-7]{24}\.[a-z2-7]{24}$/);
		const stored = JSON.stringify(await db.select().from(apiKeys));
		expect(stored).not.toContain(key.split('.')[1]);
		expect(await listApiKeys(db)).toEqual([
			expect.objectContaining({ id: apiKey.id, name: 'CRM sync', role: 'manager' })
		]);
		expect((await listApiKeys(db))[0]).not.toHaveProperty('secretHash');
	});

	it('authenticate with their role and record their use', async () => {
		const { key } = await createApiKey(db, { name: 'BI', role: 'viewer', createdBy: null });
		const now = new Date('2026-05-01T10:00:00Z');
		expect(await authenticateApiKey(db, key, now)).toMatchObject({
			name: 'BI',
			role: 'viewer',
			lastUsedAt: null
		});
		expect((await listApiKeys(db))[0]?.lastUsedAt).toEqual(now);
	});

	it('stop working when revoked or forged', async () => {
		const { key, apiKey } = await createApiKey(db, { name: 'BI', role: 'viewer', createdBy: null });
		expect(
			await authenticateApiKey(db, key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a'))
		).toBeNull();
		expect(await revokeApiKey(db, apiKey.id)).toBe(true);
		expect(await authenticateApiKey(db, key)).toBeNull();
		expect(await revokeApiKey(db, apiKey.id)).toBe(false);
	});
});
