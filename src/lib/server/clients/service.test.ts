import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { deactivateUser } from '../users/service';
import { addUser } from '../users/test-users';
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
	max = (await addUser(db, 'max@staff.test', 'Max', 'manager')).id;
	lea = (await addUser(db, 'lea@staff.test', 'Lea', 'manager')).id;
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

	it('moves more than a handful only once the number moved is confirmed, asking again when it changed', async () => {
		const more = Array.from({ length: 5 }, (_, index) =>
			clientInput({ email: `more${index}@example.com`, accountManager: 'lea@staff.test' })
		);
		await saveClients(db, more, { onExisting: 'reject', actor, source: 'test' });
		expect(await reassignAccountManager(db, lea, max, actor)).toEqual({ ok: true, toConfirm: 7 });
		expect(await reassignAccountManager(db, lea, max, actor, 6)).toEqual({
			ok: true,
			toConfirm: 7
		});
		expect(await countClients(db, { accountManager: lea })).toBe(7);
		expect(await reassignAccountManager(db, lea, max, actor, 7)).toEqual({ ok: true, moved: 7 });
		expect(await countClients(db, { accountManager: max })).toBe(8);
	});
});
