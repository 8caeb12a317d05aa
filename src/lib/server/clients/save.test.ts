import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { engine } from '../db/engine';
import { plainSql } from '../db/plain-sql';
import type { PgDb } from '../db/postgres';
import { openTestDatabase } from '../db/test-database';
import { addUser } from '../users/test-users';
import { createAttributeDefinition } from './attributes';
import { getClient } from './queries';
import { BATCH_SIZE, saveClients, updateClient } from './save';
import { clientInput } from './test-clients';

let db: Db;
let remove: () => Promise<void>;
const actor = { userId: null };
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	await addUser(db, 'max@staff.test', 'Max', 'manager');
	await createAttributeDefinition(db, { key: 'country', label: 'Country', type: 'string' });
	await createAttributeDefinition(db, { key: 'seats', label: 'Seats', type: 'number' });
});
afterEach(() => remove());

const save = (
	inputs: ReturnType<typeof clientInput>[],
	onExisting: 'skip' | 'update' | 'reject' = 'reject',
	fields?: Set<never>
) => saveClients(db, inputs, { onExisting, actor, source: 'test', ...(fields ? { fields } : {}) });

describe('saving clients', () => {
	it('stores every field, tags, typed custom fields and the account manager', async () => {
		const result = await save([
			clientInput({
				email: 'Anna@Firma.de',
				name: 'Anna Meyer',
				company: 'Firma GmbH',
				language: 'de',
				tags: ['Enterprise', 'Germany'],
				accountManager: 'max@staff.test',
				renewalOn: '2027-01-31',
				annualValue: '12500,50',
				consent: 'ja',
				attributes: { country: 'Germany', seats: '40' }
			})
		]);
		expect(result).toMatchObject({ ok: true, created: 1 });
		const client = (await getClient(db, result.ok ? result.ids[0]! : 0))!;
		expect(client).toMatchObject({
			email: 'anna@firma.de',
			company: 'Firma GmbH',
			language: 'de',
			renewalOn: '2027-01-31',
			annualValue: 12500.5,
			consentSource: 'test'
		});
		expect(client.accountManager?.name).toBe('Max');
		expect(client.tags).toEqual(['Enterprise', 'Germany']);
		expect(client.attributes.map((a) => [a.key, a.value])).toEqual([
			['country', 'Germany'],
			['seats', '40']
		]);
		expect(client.consentAt).toBeInstanceOf(Date);
	});

	it('refuses, storing nothing, when any input names an unknown staff user or field', async () => {
		const result = await save([
			clientInput({ email: 'ok@example.com' }),
			clientInput({ email: 'bad@example.com', accountManager: 'ghost@staff.test' }),
			clientInput({ email: 'worse@example.com', attributes: { shoe_size: '44', seats: 'many' } })
		]);
		expect(result).toEqual({
			ok: false,
			issues: [
				{
					index: 1,
					field: 'accountManager',
					message: expect.stringContaining('Unknown account manager "ghost@staff.test"')
				},
				{
					index: 2,
					field: 'attributes.shoe_size',
					message: expect.stringContaining('Unknown field "shoe_size"')
				},
				{ index: 2, field: 'attributes.seats', message: '"many" is not a number like 12 or 12.5' }
			]
		});
		expect(await getClient(db, 1)).toBeNull();
	});

	it('skips existing emails, or updates only the given fields, as asked', async () => {
		await save([
			clientInput({ email: 'anna@firma.de', name: 'Anna', company: 'Firma', tags: ['vip'] })
		]);
		const skipped = await save(
			[
				clientInput({ email: 'ANNA@firma.de', name: 'Changed' }),
				clientInput({ email: 'new@firma.de' })
			],
			'skip'
		);
		expect(skipped).toMatchObject({ ok: true, created: 1, updated: 0, skipped: 1 });
		expect((await getClient(db, 1))?.name).toBe('Anna');

		const updated = await saveClients(
			db,
			[clientInput({ email: 'anna@firma.de', name: 'Anna Meyer' })],
			{
				onExisting: 'update',
				fields: new Set(['email', 'name']),
				actor,
				source: 'test'
			}
		);
		expect(updated).toMatchObject({ ok: true, created: 0, updated: 1 });
		expect(await getClient(db, 1)).toMatchObject({
			name: 'Anna Meyer',
			company: 'Firma',
			tags: ['vip']
		});
	});

	it('rejects existing emails without writing anything when asked to', async () => {
		await save([clientInput({ email: 'anna@firma.de' })]);
		const result = await save([
			clientInput({ email: 'fresh@firma.de' }),
			clientInput({ email: 'anna@firma.de' })
		]);
		expect(result).toEqual({
			ok: false,
			issues: [
				{
					index: 1,
					field: 'email',
					message: 'A client with the email anna@firma.de exists already'
				}
			]
		});
		expect(await getClient(db, 2)).toBeNull();
	});

	it('keeps the first consent date and records unsubscribing', async () => {
		const first = new Date('2025-01-01T00:00:00Z');
		await saveClients(db, [clientInput({ email: 'anna@firma.de', consent: true })], {
			onExisting: 'reject',
			actor,
			source: 'web form',
			now: first
		});
		await saveClients(
			db,
			[clientInput({ email: 'anna@firma.de', consent: true, unsubscribed: true })],
			{
				onExisting: 'update',
				actor,
				source: 'import'
			}
		);
		expect(await getClient(db, 1)).toMatchObject({
			consentAt: first,
			consentSource: 'web form',
			unsubscribedAt: expect.any(Date)
		});
	});

	it('updates one client by id and refuses an email another client has', async () => {
		await save([clientInput({ email: 'anna@firma.de' }), clientInput({ email: 'ben@firma.de' })]);
		expect(
			await updateClient(db, 1, clientInput({ email: 'ben@firma.de' }), { actor, source: 'test' })
		).toMatchObject({
			ok: false,
			issues: [{ field: 'email', message: 'Another client has the email ben@firma.de' }]
		});
		expect(
			(
				await updateClient(db, 1, clientInput({ email: 'anna.meyer@firma.de', tags: ['new'] }), {
					actor,
					source: 'test'
				})
			).ok
		).toBe(true);
		expect(await getClient(db, 1)).toMatchObject({ email: 'anna.meyer@firma.de', tags: ['new'] });
	});

	it('writes more clients than one batch holds, tags, fields and updates included', async () => {
		await save([
			clientInput({
				email: 'known@firma.de',
				name: 'Known',
				tags: ['Old'],
				attributes: { country: 'Austria' }
			})
		]);
		const inputs = Array.from({ length: BATCH_SIZE + 10 }, (_, i) =>
			clientInput({
				email: `client${i}@firma.de`,
				name: `Client ${i}`,
				tags: i % 2 ? ['Enterprise', 'VIP'] : ['vip'],
				attributes: { seats: String(i) },
				consent: i % 3 === 0
			})
		);
		// An existing email in the second batch.
		inputs[BATCH_SIZE + 5] = clientInput({
			email: 'known@firma.de',
			name: 'Known Again',
			tags: ['New'],
			attributes: { seats: '7' }
		});
		const result = await save(inputs, 'update');
		expect(result).toMatchObject({
			ok: true,
			created: BATCH_SIZE + 9,
			updated: 1,
			skipped: 0
		});
		if (!result.ok) return;
		expect(result.ids).toHaveLength(inputs.length);
		expect(result.ids[BATCH_SIZE + 5]).toBe(1);
		const created = result.ids.filter((_, i) => i !== BATCH_SIZE + 5);
		expect(created).toEqual([...created].sort((a, b) => a - b));
		expect(new Set(created).size).toBe(created.length);

		expect(await getClient(db, 1)).toMatchObject({ name: 'Known Again', tags: ['New'] });
		expect((await getClient(db, 1))!.attributes.map((a) => [a.key, a.value])).toEqual([
			['country', 'Austria'],
			['seats', '7']
		]);
		const last = (await getClient(db, result.ids[BATCH_SIZE + 9]!))!;
		expect(last).toMatchObject({
			email: `client${BATCH_SIZE + 9}@firma.de`,
			tags: ['Enterprise', 'vip'],
			consentAt: (BATCH_SIZE + 9) % 3 === 0 ? expect.any(Date) : null
		});
		expect(last.attributes.map((a) => [a.key, a.value])).toEqual([
			['seats', String(BATCH_SIZE + 9)]
		]);
		// 'VIP' and 'vip' are one tag, created once.
		const tags = await plainSql(db).all<{ name: string }>('select name from tags order by id');
		expect(tags.map(({ name }) => name)).toEqual(['Old', 'vip', 'Enterprise', 'New']);
	});

	it('creates an email repeated in the inputs once, then updates it with the later input', async () => {
		const result = await save(
			[
				clientInput({ email: 'anna@firma.de', name: 'Anna', tags: ['vip'] }),
				clientInput({ email: 'ben@firma.de' }),
				clientInput({ email: 'anna@firma.de', name: 'Anna Meyer', tags: ['new'] })
			],
			'update'
		);
		expect(result).toEqual({ ok: true, created: 2, updated: 1, skipped: 0, ids: [1, 2, 1] });
		expect(await getClient(db, 1)).toMatchObject({ name: 'Anna Meyer', tags: ['new'] });
		expect(
			await save([clientInput({ email: 'cem@firma.de' }), clientInput({ email: 'cem@firma.de' })])
		).toEqual({ ok: true, created: 1, updated: 0, skipped: 1, ids: [3] });
	});

	/** A transaction on a connection of its own, as another import would hold one. */
	async function otherTransaction() {
		const connection = await (db as unknown as PgDb).$client.connect();
		await connection.query('begin');
		return {
			addClient: (email: string) =>
				connection.query(
					"insert into clients (email, name, language, created_at, updated_at) values ($1, $1, 'en', 0, 0)",
					[email]
				),
			async commit() {
				try {
					await connection.query('commit');
				} finally {
					connection.release();
				}
			}
		};
	}

	/** Until the save's insert waits on a row lock another transaction holds. */
	async function untilSaveWaits() {
		const pg = (db as unknown as PgDb).$client;
		for (let tries = 0; tries < 100; tries++) {
			const { rows } = await pg.query(
				"select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into clients%'"
			);
			if (rows.length) return;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		throw new Error('The save never waited on the other transaction');
	}

	// Two SQLite transactions never overlap: only PostgreSQL lets two saves both find an email new.
	it.runIf(engine === 'postgres')(
		'refuses, with a message, an email another save added while this one ran',
		async () => {
			const other = await otherTransaction();
			await other.addClient('anna@firma.de');
			const second = save(
				[clientInput({ email: 'ben@firma.de' }), clientInput({ email: 'anna@firma.de' })],
				'skip'
			);
			// The save finds anna new, then waits on her uncommitted row until the other commits.
			await untilSaveWaits();
			await other.commit();
			expect(await second).toEqual({
				ok: false,
				issues: [
					{
						index: 1,
						field: 'email',
						message: expect.stringContaining('anna@firma.de was added by someone else')
					}
				]
			});
			expect(
				(await plainSql(db).all<{ email: string }>('select email from clients')).map((c) => c.email)
			).toEqual(['anna@firma.de']);
		},
		20_000
	);
	it.runIf(engine === 'postgres')(
		'answers a clear refusal, not an error, when it and another import each wait for the other’s new email',
		async () => {
			const other = await otherTransaction();
			await other.addClient('ben@firma.de');
			// The save inserts anna, then waits on ben; the other then waits on anna: PostgreSQL
			// ends the one that waited first, the save, to break the deadlock.
			const second = save(
				[clientInput({ email: 'anna@firma.de' }), clientInput({ email: 'ben@firma.de' })],
				'skip'
			);
			await untilSaveWaits();
			await other.addClient('anna@firma.de');
			// The save runs again, finds both emails new (the other has not committed), and waits on
			// anna once more; it then finds them taken. Had the other committed first, it would
			// have skipped both: either way an answer, never PostgreSQL's deadlock error.
			await untilSaveWaits();
			await other.commit();
			expect(await second).toEqual({
				ok: false,
				issues: [
					{
						index: 0,
						field: 'email',
						message: expect.stringContaining('anna@firma.de was added by someone else')
					}
				]
			});
			expect(
				(await plainSql(db).all<{ email: string }>('select email from clients order by email')).map(
					(c) => c.email
				)
			).toEqual(['anna@firma.de', 'ben@firma.de']);
		},
		20_000
	);
});
