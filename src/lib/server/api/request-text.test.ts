import type { RequestEvent } from '@sveltejs/kit';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as bulkClients } from '../../../routes/api/v1/clients/bulk/+server';
import { authenticateApiKey, createApiKey } from '../api-keys/service';
import { stageImport } from '../clients/imports';
import type { Db } from '../db';
import { appDb, openAppDb } from '../db/app-db';
import { closeDatabase } from '../db/open';
import { clients, responses } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { importResponseCsv } from '../responses/import';
import { openSurveyFromTemplate } from '../surveys/test-surveys';

let db: Db;
let remove: () => Promise<void>;
let key: string;

beforeAll(async () => {
	let url: string;
	({ db, url, remove } = await openTestDatabase());
	// The API's handlers use the app's own connection (appDb), to this database, as the server's do.
	process.env.DATABASE_URL = url;
	await openAppDb();
	key = (await createApiKey(db, { name: 'CRM sync', role: 'manager', createdBy: null })).key;
});
afterAll(async () => {
	await closeDatabase(appDb());
	await remove();
});

const latin1Csv = new Uint8Array([
	...new TextEncoder().encode('email,name\njuergen@example.de,J'),
	0xfc,
	...new TextEncoder().encode('rgen M\n')
]);
const expectedMessage =
	'The file is not UTF-8 text: line 2 holds the byte 0xFC (byte 21 of the line), which UTF-8 does not allow there; Latin-1 and Windows-1252 files write letters such as ü or é that way. Save the file as UTF-8 (in Excel: "CSV UTF-8 (comma delimited)") and send it again.';

async function post(
	url: string,
	body: Uint8Array<ArrayBuffer>,
	contentType: string
): Promise<RequestEvent> {
	const request = new Request(url, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
		body
	});
	// As src/hooks.server.ts hands it on, the key checked against the endpoint's role.
	const locals = { user: null, sessionId: null, apiKey: await authenticateApiKey(db, key) };
	return { request, url: new URL(url), params: {}, locals } as unknown as RequestEvent;
}

const clientCount = async () => (await first(db.select({ n: count() }).from(clients)))!.n;

describe('a Latin-1 CSV file', () => {
	it('is refused by the API’s client import with 400 and the upload page’s message, storing nothing', async () => {
		const response = await bulkClients(
			await post(
				'http://localhost/api/v1/clients/bulk?onExisting=skip',
				latin1Csv,
				'text/csv; charset=utf-8'
			)
		);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: { code: 'validation_failed', message: expectedMessage }
		});
		expect(await clientCount()).toBe(0);
	});

	it('is still stored by the API when it is UTF-8', async () => {
		const utf8 = new TextEncoder().encode('email,name\njm@example.de,Jürgen M\n');
		const response = await bulkClients(
			await post('http://localhost/api/v1/clients/bulk?onExisting=skip', utf8, 'text/csv')
		);
		expect(response.status).toBe(200);
		expect(
			await db.select({ email: clients.email, name: clients.name }).from(clients)
		).toContainEqual({ email: 'jm@example.de', name: 'Jürgen M' });
	});

	it('is refused with the same message by the client and response import pages', async () => {
		expect(
			await stageImport(db, { name: 'clients.csv', bytes: latin1Csv }, 'user-who-uploads')
		).toEqual({
			ok: false,
			message: expectedMessage
		});
		const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
		const file = new Uint8Array([
			...new TextEncoder().encode('date,overall,comments\n2025-01-10,4,Sch'),
			0xf6,
			...new TextEncoder().encode('n\n')
		]);
		expect(
			await importResponseCsv(db, surveyId, file, {
				actor: { userId: null },
				source: 'CSV file history.csv'
			})
		).toMatchObject({
			ok: false,
			status: 400,
			message: expect.stringContaining('line 2 holds the byte 0xF6 (byte 17 of the line)')
		});
		expect((await first(db.select({ n: count() }).from(responses)))!.n).toBe(0);
	});
});
