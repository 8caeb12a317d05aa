import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listApiKeys } from '../api-keys/service';
import type { Db } from '../db';
import { createTestDatabase } from '../db/test-database';
import { listUsers, signIn } from '../users/service';
import { countClients } from '../clients/queries';
import { listSegments } from '../clients/segments';
import { getSurvey, listSurveys } from '../surveys/service';
import { listCampaigns } from '../campaigns/service';
import { missingTranslations } from '../../surveys/definition';
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

	it('fills a client base in five languages whose segments all have members', async () => {
		await seedDemo(db, () => {});
		const languages = new Set(['de', 'nl', 'fi', 'ro', 'en'].filter((language) => countClients(db, { languages: [language] }) > 0));
		expect(languages.size).toBe(5);
		for (const segment of listSegments(db)) expect(segment.clients, segment.name).toBeGreaterThan(0);
		expect(countClients(db, { accountManager: 'none' })).toBeGreaterThan(0);
	});

	it('builds the airline model and two surveys, the open one in English, German and Dutch', async () => {
		await seedDemo(db, () => {});
		const surveys = listSurveys(db);
		expect(surveys.map((s) => [s.name, s.status]).sort()).toEqual([['Airline CSI', 'open'], ['Service desk CSAT', 'draft']]);
		const airline = getSurvey(db, surveys.find((s) => s.name === 'Airline CSI')!.id)!;
		expect(airline.definition.languages).toEqual(['en', 'de', 'nl']);
		expect(missingTranslations(airline.definition)).toEqual({ de: 0, nl: 0 });
		expect(airline.model?.name).toBe('Airline service');
		expect(listCampaigns(db).map((c) => [c.name, c.status])).toEqual([['Key accounts, first wave', 'scheduled']]);
	});

	it('duplicates nothing when run again', async () => {
		await seedDemo(db, () => {});
		const lines: string[] = [];
		await seedDemo(db, (line) => lines.push(line));
		expect(listUsers(db)).toHaveLength(5);
		expect(countClients(db, {})).toBe(500);
		expect(listSegments(db).map((s) => s.name)).toHaveLength(5);
		expect(listApiKeys(db)).toHaveLength(1);
		expect(listSurveys(db)).toHaveLength(2);
		expect(lines.join('\n')).not.toContain('password:');
	});
});
