import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { openCasesForResponses } from './cases';
import { getCase, listCases, withoutContactData } from './queries';
import { addClient, addStaff, respond } from './test-followups';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let caseId: number;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'acsi');
	await addStaff(db, 'Mark');
	const clientId = await addClient(db, 'anna.brook@example.com', 'Mark');
	const answers = {
		expectations: '4',
		quality: '5',
		value: '4',
		complaints: 'na',
		loyalty: '5',
		overall: '1',
		recommend: '9'
	};
	const responded = await respond(db, surveyId, { clientId, answers });
	await inTransaction(db, (tx) => openCasesForResponses(tx, [responded]));
	caseId = (await listCases(db, {}, { limit: 1, offset: 0 })).items[0]!.id;
});
afterEach(() => remove());

const page = { limit: 10, offset: 0 };

describe('cases for someone without client contact data', () => {
	it('name the client but leave out their email', async () => {
		const kase = withoutContactData((await getCase(db, caseId))!);
		expect(kase.client).toEqual({ id: expect.any(Number), name: expect.any(String), email: null });
		expect(JSON.stringify(kase)).not.toContain('anna.brook@example.com');
	});

	it('are not found by the client’s email, which would confirm it', async () => {
		expect((await listCases(db, { search: 'anna.brook@example.com' }, page)).total).toBe(1);
		expect(
			(await listCases(db, { search: 'anna.brook@example.com', searchEmails: false }, page)).total
		).toBe(0);
		const name = (await getCase(db, caseId))!.client!.name;
		expect((await listCases(db, { search: name, searchEmails: false }, page)).total).toBe(1);
	});
});

describe('the case list', () => {
	it('narrows to the cases a given trigger opened', async () => {
		expect((await listCases(db, { trigger: 'lowOverall' }, page)).total).toBe(1);
		expect((await listCases(db, { trigger: 'lowNps' }, page)).total).toBe(0);
	});
});
