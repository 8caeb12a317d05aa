import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { createUser, deactivateUser } from '../users/service';
import { createAttributeDefinition } from './attributes';
import { countClients, getClient } from './queries';
import { saveClients } from './save';
import { assignAccountManager, reassignAccountManager, tagClients, untagClients } from './service';
import { clientInput } from './test-clients';

let db: Db;
let remove: () => Promise<void>;
let max = '';
let lea = '';
const actor = { userId: null };

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const m = await createUser(db, {
		email: 'max@staff.test',
		name: 'Max',
		role: 'manager',
		password: 'a long password'
	});
	const l = await createUser(db, {
		email: 'lea@staff.test',
		name: 'Lea',
		role: 'manager',
		password: 'a long password'
	});
	max = m.ok ? m.user.id : '';
	lea = l.ok ? l.user.id : '';
	await createAttributeDefinition(db, { key: 'nickname', label: 'Nickname', type: 'string' });
	await saveClients(
		db,
		[
			clientInput({
				email: 'erika.mustermann@firma.de',
				name: 'Erika Mustermann',
				phone: '+49 30 1234567',
				company: 'Firma GmbH',
				tags: ['vip'],
				accountManager: 'lea@staff.test',
				attributes: { nickname: 'Eri' }
			}),
			clientInput({ email: 'jan@bedrijf.nl', accountManager: 'lea@staff.test' }),
			clientInput({ email: 'mika@yritys.fi', accountManager: 'max@staff.test' })
		],
		{ onExisting: 'reject', actor, source: 'test' }
	);
});
afterEach(() => remove());

describe('bulk actions and account managers', () => {
	it('tags and untags many clients at once', async () => {
		await tagClients(db, [1, 2, 3], 'Renewal 2027', actor);
		expect(await countClients(db, { tags: ['renewal 2027'] })).toBe(3);
		await untagClients(db, [2], 'renewal 2027', actor);
		expect(await countClients(db, { tags: ['Renewal 2027'] })).toBe(2);
	});

	it('assigns an account manager, refusing deactivated staff', async () => {
		expect(await assignAccountManager(db, [2, 3], max, actor)).toEqual({ ok: true });
		expect(await countClients(db, { accountManager: max })).toBe(2);
		await deactivateUser(db, lea);
		expect((await assignAccountManager(db, [1], lea, actor)).ok).toBe(false);
	});

	it('moves every client of a leaving manager to another, so none falls through the cracks', async () => {
		await deactivateUser(db, lea);
		expect(await countClients(db, { accountManager: 'none' })).toBe(2);
		expect(await reassignAccountManager(db, lea, max, actor)).toEqual({ ok: true, moved: 2 });
		expect(await countClients(db, { accountManager: 'none' })).toBe(0);
		expect((await getClient(db, 1))?.accountManager?.name).toBe('Max');
		expect((await reassignAccountManager(db, max, lea, actor)).ok).toBe(false);
	});
});
