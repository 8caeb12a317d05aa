import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { apiKeys } from '../db/schema';
import { createTestDatabase } from '../db/test-database';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './service';

let db: Db;
let remove: () => void;
beforeEach(() => ({ db, remove } = createTestDatabase()));
afterEach(() => remove());

describe('API keys', () => {
	it('are shown once and stored only as a hash', () => {
		const { key, apiKey } = createApiKey(db, {
			name: 'CRM sync',
			role: 'manager',
			createdBy: null
		});
		expect(key).toMatch(/^sfy_[a-z2-7]{24}\.[a-z2-7]{24}$/);
		const stored = JSON.stringify(db.select().from(apiKeys).all());
		expect(stored).not.toContain(key.split('.')[1]);
		expect(listApiKeys(db)).toEqual([
			expect.objectContaining({ id: apiKey.id, name: 'CRM sync', role: 'manager' })
		]);
		expect(listApiKeys(db)[0]).not.toHaveProperty('secretHash');
	});

	it('authenticate with their role and record their use', () => {
		const { key } = createApiKey(db, { name: 'BI', role: 'viewer', createdBy: null });
		const now = new Date('2026-05-01T10:00:00Z');
		expect(authenticateApiKey(db, key, now)).toMatchObject({
			name: 'BI',
			role: 'viewer',
			lastUsedAt: null
		});
		expect(listApiKeys(db)[0]?.lastUsedAt).toEqual(now);
	});

	it('stop working when revoked or forged', () => {
		const { key, apiKey } = createApiKey(db, { name: 'BI', role: 'viewer', createdBy: null });
		expect(authenticateApiKey(db, key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a'))).toBeNull();
		expect(revokeApiKey(db, apiKey.id)).toBe(true);
		expect(authenticateApiKey(db, key)).toBeNull();
		expect(revokeApiKey(db, apiKey.id)).toBe(false);
	});
});
