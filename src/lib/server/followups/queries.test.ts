import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { createTestDatabase } from '../db/test-database';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { openCasesForResponses } from './cases';
import { getCase, listCases, withoutContactData } from './queries';
import { addClient, addStaff, respond } from './test-followups';

let db: Db;
let remove: () => void;
let caseId: number;

beforeEach(async () => {
	({ db, remove } = createTestDatabase());
	const surveyId = openSurveyFromTemplate(db, 'acsi');
	addStaff(db, 'Mark');
	const clientId = addClient(db, 'anna.brook@example.com', 'Mark');
	const answers = {
		expectations: '4',
		quality: '5',
		value: '4',
		complaints: 'na',
		loyalty: '5',
		overall: '1',
		recommend: '9'
	};
	openCasesForResponses(db, [await respond(db, surveyId, { clientId, answers })]);
	caseId = listCases(db, {}, { limit: 1, offset: 0 }).items[0]!.id;
});
afterEach(() => remove());

const page = { limit: 10, offset: 0 };

describe('cases for someone without client contact data', () => {
	it('name the client but leave out their email', () => {
		const kase = withoutContactData(getCase(db, caseId)!);
		expect(kase.client).toEqual({ id: expect.any(Number), name: expect.any(String), email: null });
		expect(JSON.stringify(kase)).not.toContain('anna.brook@example.com');
	});

	it('are not found by the client’s email, which would confirm it', () => {
		expect(listCases(db, { search: 'anna.brook@example.com' }, page).total).toBe(1);
		expect(
			listCases(db, { search: 'anna.brook@example.com', searchEmails: false }, page).total
		).toBe(0);
		const name = getCase(db, caseId)!.client!.name;
		expect(listCases(db, { search: name, searchEmails: false }, page).total).toBe(1);
	});
});
