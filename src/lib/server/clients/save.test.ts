import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { createUser } from '../users/service';
import { createAttributeDefinition } from './attributes';
import { getClient } from './queries';
import { saveClients, updateClient } from './save';
import { clientInput } from './test-clients';

let db: Db;
let remove: () => Promise<void>;
const actor = { userId: null };
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	await createUser(db, {
		email: 'max@staff.test',
		name: 'Max',
		role: 'manager',
		password: 'a long password'
	});
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
});
