import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { addUser } from '../users/test-users';
import { createAttributeDefinition } from './attributes';
import { getImport, importRows, stageImport, startImport } from './imports';
import { countClients, getClient } from './queries';
import { guessMapping, parseClientCsv } from './csv-import';

let db: Db;
let remove: () => Promise<void>;
let userId = '';
const actor = { userId: null };

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	userId = (await addUser(db, 'max@staff.test', 'Max', 'manager')).id;
	await createAttributeDefinition(db, { key: 'seats', label: 'Seats', type: 'number' });
});
afterEach(() => remove());

async function importText(text: string, onExisting: 'skip' | 'update' = 'skip') {
	const parsed = parseClientCsv(text);
	if (!parsed.ok) throw new Error(parsed.message);
	const mapping = guessMapping(parsed.csv.headers, ['seats']);
	return await importRows(db, parsed.csv, { mapping, onExisting }, { actor, source: 'test.csv' });
}

const clean = [
	'Email,Name,Company,Language,Tags,Account manager,Renewal,Seats',
	'anna@firma.de,Anna Meyer,Firma GmbH,de,Enterprise|DACH,max@staff.test,2027-03-31,120',
	'jan@bedrijf.nl,Jan de Vries,Bedrijf BV,nl,SMB,,2027-01-15,8',
	'mika@yritys.fi,Mika Virtanen,Yritys Oy,fi,,,,'
].join('\n');

describe('importing a CSV file', () => {
	it('imports a clean file with tags, account managers and custom fields', async () => {
		expect(await importText(clean)).toEqual({ ok: true, created: 3, updated: 0, skipped: 0 });
		const anna = (await getClient(db, 1))!;
		expect(anna).toMatchObject({
			email: 'anna@firma.de',
			language: 'de',
			renewalOn: '2027-03-31',
			tags: ['DACH', 'Enterprise'],
			consentSource: null
		});
		expect(anna.accountManager?.name).toBe('Max');
		expect(anna.attributes).toEqual([expect.objectContaining({ key: 'seats', value: '120' })]);
	});

	it('imports nothing from a file with bad rows, and reports every bad line', async () => {
		const text = [
			'email;name;language;renewal',
			'good@example.com;Good;en;2027-01-01',
			'not-an-email;Bad Email;en;',
			'lang@example.com;Bad Language;klingon;',
			'date@example.com;Bad Date;de;2027-02-30',
			'good@example.com;Twice;en;'
		].join('\r\n');
		const outcome = await importText(text);
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.issues.map((issue) => [issue.line, issue.column])).toEqual([
			[3, 'email'],
			[4, 'language'],
			[5, 'renewal'],
			[6, 'email']
		]);
		expect(!outcome.ok && outcome.issues[3]!.message).toContain('Duplicate of line 2');
		expect(await countClients(db, {})).toBe(0);
	});

	it('reads a semicolon file with a byte-order mark and quoted newlines', async () => {
		const text =
			'\uFEFFE-Mail;Name;Firma\n"a@example.com";"Ann\nSecond line";"ACME; Ltd"\nb@example.com;Ben;Bee\n';
		expect(await importText(text)).toMatchObject({ ok: true, created: 2 });
		expect(await getClient(db, 1)).toMatchObject({
			name: 'Ann\nSecond line',
			company: 'ACME; Ltd'
		});
	});

	it('skips or updates emails already in the database, as chosen', async () => {
		await importText(clean);
		const again =
			'email,name,company\nANNA@firma.de,Anna Schmidt,\nnew@example.com,New Client,New Co';
		expect(await importText(again, 'skip')).toEqual({
			ok: true,
			created: 1,
			updated: 0,
			skipped: 1
		});
		expect((await getClient(db, 1))?.name).toBe('Anna Meyer');
		expect(await importText(again, 'update')).toEqual({
			ok: true,
			created: 0,
			updated: 2,
			skipped: 0
		});
		// Mapped columns overwrite (an empty company clears it); unmapped ones, like tags, stay.
		expect(await getClient(db, 1)).toMatchObject({
			name: 'Anna Schmidt',
			company: null,
			tags: ['DACH', 'Enterprise']
		});
	});
});

describe('staged imports', () => {
	it('keep the upload, then run in the background and drop the file once done', async () => {
		const staged = await stageImport(
			db,
			{ name: 'clients.csv', bytes: new TextEncoder().encode(clean) },
			userId
		);
		if (!staged.ok) throw new Error(staged.message);
		const stored = (await getImport(db, staged.id))!;
		expect(stored).toMatchObject({ status: 'uploaded', totalRows: 3 });
		expect(stored.mapping).toEqual([
			'email',
			'name',
			'company',
			'language',
			'tags',
			'accountManager',
			'renewalOn',
			'attribute:seats'
		]);

		expect(
			await startImport(
				db,
				staged.id,
				{ mapping: [null, 'name', null, null, null, null, null, null], onExisting: 'skip' },
				actor
			)
		).toEqual({
			ok: false,
			problems: ['Map a column to Email']
		});
		const started = await startImport(
			db,
			staged.id,
			{ mapping: stored.mapping as never, onExisting: 'skip' },
			actor
		);
		if (!started.ok) throw new Error(started.problems.join());
		await started.done;
		expect(await getImport(db, staged.id)).toMatchObject({
			status: 'done',
			content: null,
			processedRows: 3,
			result: { created: 3, updated: 0, skipped: 0 }
		});
	});

	it('refuse a file that is not CSV text with a clear message', async () => {
		const staged = await stageImport(
			db,
			{ name: 'photo.csv', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]) },
			userId
		);
		expect(staged).toEqual({ ok: false, message: expect.stringContaining('not UTF-8') });
	});
});
