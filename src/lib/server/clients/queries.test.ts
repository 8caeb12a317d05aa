import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientFilter } from '../../schemas/client-filter';
import type { Db } from '../db';
import { engine } from '../db/engine';
import type { PgDb } from '../db/postgres';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { deactivateUser } from '../users/service';
import { addUser } from '../users/test-users';
import { createAttributeDefinition } from './attributes';
import { searchQuery } from './filter';
import {
	clientIdsMatching,
	clientPageQuery,
	countClients,
	listClients,
	unknownClientIds
} from './queries';
import { saveClients } from './save';
import { clientInput } from './test-clients';

let db: Db;
let remove: () => Promise<void>;
let maxId: string;
let leaverId: string;
const now = new Date('2026-06-01T12:00:00Z');

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	await addUser(db, 'olga@staff.test', 'Olga', 'owner');
	maxId = (await addUser(db, 'max@staff.test', 'Max', 'manager')).id;
	leaverId = (await addUser(db, 'lea@staff.test', 'Lea', 'manager')).id;
	await createAttributeDefinition(db, { key: 'seats', label: 'Seats', type: 'number' });
	await createAttributeDefinition(db, { key: 'country', label: 'Country', type: 'string' });
	await saveClients(
		db,
		[
			clientInput({
				email: 'anna.meyer@firma.de',
				name: 'Anna Meyer',
				company: 'Firma GmbH',
				language: 'de',
				tags: ['Enterprise', 'DACH'],
				accountManager: 'max@staff.test',
				renewalOn: '2026-08-15',
				lastPurchaseOn: '2026-01-10',
				consent: true,
				attributes: { seats: '120', country: 'Germany' }
			}),
			clientInput({
				email: 'jan@bedrijf.nl',
				name: 'Jan de Vries',
				company: 'Bedrijf BV',
				language: 'nl',
				tags: ['Enterprise'],
				accountManager: 'lea@staff.test',
				renewalOn: '2026-12-01',
				lastPurchaseOn: '2026-05-20',
				consent: true,
				unsubscribed: true,
				attributes: { seats: '9', country: 'Netherlands' }
			}),
			clientInput({
				email: 'mika@yritys.fi',
				name: 'Mika Müller',
				company: 'Yritys Oy',
				language: 'fi',
				tags: ['SMB'],
				attributes: { seats: '30' }
			})
		],
		{ onExisting: 'reject', actor: {}, source: 'test', now }
	);
	await deactivateUser(db, leaverId);
});
afterEach(() => remove());

const emails = async (filter: ClientFilter) =>
	(await clientIdsMatching(db, filter, now)).length &&
	(
		await listClients(
			db,
			filter,
			{ sort: { key: 'email', direction: 'asc' }, limit: 50, offset: 0 },
			now
		)
	).items.map((c) => c.email);

describe('client filters', () => {
	it('search matches the start of any word of name, email or company, ignoring accents', async () => {
		expect(await emails({ search: 'meyer' })).toEqual(['anna.meyer@firma.de']);
		expect(await emails({ search: 'bedr' })).toEqual(['jan@bedrijf.nl']);
		expect(await emails({ search: 'muller' })).toEqual(['mika@yritys.fi']);
		expect(await emails({ search: 'anna.meyer@firma.de' })).toEqual(['anna.meyer@firma.de']);
		expect(await emails({ search: 'nobody' })).toBe(0);
		expect(searchQuery('OR NEAR(*')).toBe('"or"* "near"*');
	});

	it('tags must all be present', async () => {
		expect(await emails({ tags: ['enterprise'] })).toEqual([
			'anna.meyer@firma.de',
			'jan@bedrijf.nl'
		]);
		expect(await emails({ tags: ['Enterprise', 'DACH'] })).toEqual(['anna.meyer@firma.de']);
	});

	it('filters by language and by account manager, "none" meaning no active one', async () => {
		expect(await emails({ languages: ['nl', 'fi'] })).toEqual(['jan@bedrijf.nl', 'mika@yritys.fi']);
		expect(await emails({ accountManager: maxId })).toEqual(['anna.meyer@firma.de']);
		expect(await emails({ accountManager: 'none' })).toEqual(['jan@bedrijf.nl', 'mika@yritys.fi']);
	});

	it('compares number fields as numbers and text fields exactly', async () => {
		expect(await emails({ attributes: [{ key: 'seats', min: '10' }] })).toEqual([
			'anna.meyer@firma.de',
			'mika@yritys.fi'
		]);
		expect(await emails({ attributes: [{ key: 'seats', min: '10', max: '100' }] })).toEqual([
			'mika@yritys.fi'
		]);
		expect(await emails({ attributes: [{ key: 'country', equals: 'germany' }] })).toEqual([
			'anna.meyer@firma.de'
		]);
	});

	it('compares date fields by day, whatever a number field would make of the bound', async () => {
		await createAttributeDefinition(db, { key: 'signed', label: 'Signed', type: 'date' });
		await saveClients(
			db,
			[
				clientInput({ email: 'anna.meyer@firma.de', attributes: { signed: '2026-03-01' } }),
				clientInput({ email: 'mika@yritys.fi', attributes: { signed: '2025-11-20' } })
			],
			{ onExisting: 'update', fields: new Set(['attributes']), actor: {}, source: 'test', now }
		);
		expect(await emails({ attributes: [{ key: 'signed', min: '2026-01-01' }] })).toEqual([
			'anna.meyer@firma.de'
		]);
		expect(
			await emails({ attributes: [{ key: 'signed', min: '2025-01-01', max: '2025-12-31' }] })
		).toEqual(['mika@yritys.fi']);
	});

	it('resolves relative dates against today: renewal windows and lapsing buyers', async () => {
		// 2026-06-01 + 60..90 days = 2026-07-31..2026-08-30
		expect(await emails({ renewalInDays: { from: 60, to: 90 } })).toEqual(['anna.meyer@firma.de']);
		expect(await emails({ noPurchaseInDays: 90 })).toEqual(['anna.meyer@firma.de']);
		expect(await emails({ noAnswerInDays: 30 })).toHaveLength(3);
	});

	it('tells reachable clients from unsubscribed ones and those without consent', async () => {
		expect(await emails({ reachability: 'reachable' })).toEqual(['anna.meyer@firma.de']);
		expect(await emails({ reachability: 'unsubscribed' })).toEqual(['jan@bedrijf.nl']);
		expect(await emails({ reachability: 'no-consent' })).toEqual(['mika@yritys.fi']);
	});

	it('sorts, pages and counts on the server', async () => {
		const page = await listClients(
			db,
			{},
			{ sort: { key: 'name', direction: 'desc' }, limit: 2, offset: 0 },
			now
		);
		expect(page.total).toBe(3);
		expect(page.items.map((c) => c.name)).toEqual(['Mika Müller', 'Jan de Vries']);
		expect(page.items[0]?.tags).toEqual(['SMB']);
		expect(await countClients(db, { tags: ['Enterprise'], languages: ['de'] }, now)).toBe(1);
	});
});

describe('search at scale', () => {
	// Filling 100,000 rows takes a few seconds on a busy machine; the query plan is what is tested.
	// SQLite's plan (FTS5's virtual table, EXPLAIN QUERY PLAN); PostgreSQL's is the next test.
	it.skipIf(engine === 'postgres')(
		'uses the full-text and B-tree indexes rather than scanning clients',
		async () => {
			await inTransaction(db, async (tx) => {
				const insert = tx.$client.prepare(
					"insert into clients (email, name, company, language, created_at, updated_at) values (?, ?, ?, 'en', 0, 0)"
				);
				for (let i = 0; i < 100_000; i++)
					insert.run(`client${i}@example${i % 97}.com`, `Client ${i}`, `Company ${i % 1000}`);
			});
			const sqlite = db.$client;
			const plan = (filter: ClientFilter) => {
				const query = clientPageQuery(
					db,
					filter,
					{ sort: { key: 'name', direction: 'asc' }, limit: 50, offset: 0 },
					now
				).toSQL();
				return sqlite
					.prepare(`explain query plan ${query.sql}`)
					.all(...query.params)
					.map((row) => (row as { detail: string }).detail)
					.join('\n');
			};
			const searchPlan = plan({ search: 'client 4711' });
			expect(searchPlan).toMatch(/VIRTUAL TABLE INDEX/);
			expect(searchPlan).not.toMatch(/^SCAN clients$/m);
			expect(plan({})).toMatch(/SCAN clients USING INDEX clients_name_idx/);
			expect(await countClients(db, { search: 'client 99999' }, now)).toBe(1);
		},
		60_000
	);

	it.runIf(engine === 'postgres')(
		'uses the GIN and lower(name) indexes rather than scanning clients on PostgreSQL',
		async () => {
			const pg = (db as unknown as PgDb).$client;
			await pg.query(
				`insert into clients (email, name, company, language, created_at, updated_at)
				select 'client' || i || '@example' || (i % 97) || '.com', 'Client ' || i, 'Company ' || (i % 1000), 'en', 0, 0
				from generate_series(0, 99999) as i`
			);
			await pg.query('analyze clients, clients_search');
			const plan = async (filter: ClientFilter) => {
				const query = clientPageQuery(
					db,
					filter,
					{ sort: { key: 'name', direction: 'asc' }, limit: 50, offset: 0 },
					now
				).toSQL();
				const { rows } = await pg.query<{ 'QUERY PLAN': string }>(
					`explain ${query.sql}`,
					query.params
				);
				return rows.map((row) => row['QUERY PLAN']).join('\n');
			};
			const searchPlan = await plan({ search: 'client 4711' });
			expect(searchPlan).toMatch(/Bitmap Index Scan on clients_search_document_idx/);
			expect(searchPlan).not.toMatch(/Seq Scan on clients /);
			expect(await plan({})).toMatch(/Index Scan using clients_name_idx/);
			expect(await countClients(db, { search: 'client 99999' }, now)).toBe(1);
		},
		60_000
	);
});

describe('a selection of clients', () => {
	it('names the ids that are no client, once each and in order, so a bulk action can refuse them', async () => {
		expect(await unknownClientIds(db, [1, 404, 2, 405, 404, 3])).toEqual([404, 405]);
		expect(await unknownClientIds(db, [3, 2, 1])).toEqual([]);
	});

	it('checks a selection far larger than SQLite takes as parameters of one statement', async () => {
		expect(
			await unknownClientIds(
				db,
				Array.from({ length: 40_000 }, (_, i) => i + 1)
			)
		).toHaveLength(40_000 - 3);
	});
});
