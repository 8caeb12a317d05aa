import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpoints } from '.';
import type { Db } from '../../db';
import { openTestDatabase } from '../../db/test-database';
import { caseDetailJson, caseJson } from '../../followups/case-json';
import { openCasesForResponses } from '../../followups/cases';
import { getCase as getCaseView, listCases as listCaseViews } from '../../followups/queries';
import { addClient, addStaff, respond } from '../../followups/test-followups';
import { updateCase as updateCaseView } from '../../followups/workflow';
import { openSurveyFromTemplate } from '../../surveys/test-surveys';
import { openApiDocument } from '../openapi';
import { getCase, listCasesQuerySchema, updateCase, updateCaseBodySchema } from './cases';
import { inTransaction } from '../../db/transaction';

const messages = (body: unknown) => {
	const parsed = updateCaseBodySchema.safeParse(body);
	return parsed.success
		? []
		: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the case API’s inputs', () => {
	it('takes a status with a note, an assignee by email or null, a due date-time and a comment', () => {
		expect(messages({ status: 'resolved', note: 'Refunded.' })).toEqual([]);
		expect(
			messages({
				assignee: 'mark@example.com',
				dueAt: '2026-03-06T17:00:00+01:00',
				comment: 'Called.'
			})
		).toEqual([]);
		expect(messages({ assignee: null })).toEqual([]);
	});

	it('names what is wrong: unknown statuses and fields, malformed dates, empty bodies', () => {
		expect(messages({ status: 'done', dueAt: 'Friday', assignee: 'mark' })).toEqual([
			'status: use one of open, in_progress, resolved, wont_fix',
			'assignee: give an active staff user’s email, or null for nobody',
			'dueAt: give a date-time, e.g. "2026-03-06T17:00:00Z"'
		]);
		expect(messages({ state: 'open' })).toEqual([
			': unknown state; a change has status, note, assignee, dueAt, comment',
			': send at least one of status, assignee, dueAt, comment'
		]);
		expect(messages({})).toEqual([': send at least one of status, assignee, dueAt, comment']);
		expect(messages({ comment: '   ' })).toEqual([
			'comment: write a comment, or leave the field out'
		]);
	});

	it('reads list filters from the query string, open and in-progress cases by default', () => {
		expect(listCasesQuerySchema.parse({})).toEqual({
			status: 'active',
			overdue: false,
			limit: 50,
			offset: 0
		});
		expect(
			listCasesQuerySchema.parse({
				status: 'resolved',
				overdue: 'true',
				trigger: 'lowNps',
				assignee: 'none',
				clientId: '7',
				limit: '10'
			})
		).toEqual({
			status: 'resolved',
			overdue: true,
			trigger: 'lowNps',
			assignee: 'none',
			clientId: 7,
			limit: 10,
			offset: 0
		});
		expect(listCasesQuerySchema.safeParse({ trigger: 'angry' }).success).toBe(false);
	});

	it('is documented in the OpenAPI document: for manager keys only, since cases carry the client’s email', () => {
		const document = openApiDocument(endpoints, '1');
		expect(document.paths['/api/v1/cases']?.get?.['x-required-role']).toBe('manager');
		expect(document.paths['/api/v1/cases/{id}']?.get?.['x-required-role']).toBe('manager');
		const patch = document.paths['/api/v1/cases/{id}']?.patch;
		expect(patch?.['x-required-role']).toBe('manager');
		expect(Object.keys(patch?.responses ?? {})).toEqual(
			expect.arrayContaining(['200', '400', '404', '409'])
		);
		expect(JSON.stringify(patch?.requestBody)).toContain('"note"');
	});
});

describe('the case API’s answers', () => {
	let db: Db;
	let remove: () => Promise<void>;
	beforeEach(async () => {
		({ db, remove } = await openTestDatabase());
	});
	afterEach(() => remove());

	it('match their documented shape, for a case with a history', async () => {
		await addStaff(db, 'Mark');
		const clientId = await addClient(db, 'anna@example.com', 'Mark');
		const surveyId = await openSurveyFromTemplate(db, 'acsi');
		const responseId = await respond(db, surveyId, {
			clientId,
			answers: {
				expectations: '1',
				quality: '3',
				value: '3',
				complaints: 'na',
				loyalty: '3',
				overall: '2',
				recommend: '4'
			}
		});
		const [caseId] = await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId]));
		const id = caseId ?? (await listCaseViews(db, {}, { limit: 1, offset: 0 })).items[0]!.id;
		await updateCaseView(
			db,
			id,
			{ status: 'resolved', note: 'Called back.' },
			{ apiKeyName: 'CRM' }
		);

		const detail = getCase.response.parse(caseDetailJson((await getCaseView(db, id))!));
		expect(detail).toMatchObject({
			status: 'resolved',
			resolutionNote: 'Called back.',
			triggers: ['lowFactor', 'lowOverall', 'lowNps'],
			client: { id: clientId }
		});
		expect(detail.history.at(-1)).toMatchObject({
			kind: 'status',
			actor: null,
			detail: 'Open → Resolved: Called back. (API key “CRM”)'
		});
		expect(updateCase.response.parse(caseDetailJson((await getCaseView(db, id))!))).toEqual(detail);
		const list = await listCaseViews(db, { statuses: ['resolved'] }, { limit: 10, offset: 0 });
		expect(list.items.map(caseJson)).toEqual([
			expect.objectContaining({ id, url: `http://localhost:3000/cases/${id}` })
		]);
	});
});
