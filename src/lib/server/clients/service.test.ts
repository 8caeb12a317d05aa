import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../audit';
import type { Db } from '../db';
import { createTestDatabase } from '../db/test-database';
import { createUser, deactivateUser } from '../users/service';
import { createAttributeDefinition } from './attributes';
import { countClients, getClient } from './queries';
import { saveClients } from './save';
import { saveSegment } from './segments';
import { assignAccountManager, eraseClients, exportClient, reassignAccountManager, tagClients, untagClients } from './service';
import { clientInput } from './test-clients';

let db: Db;
let url: string;
let remove: () => void;
let max = '';
let lea = '';
const actor = { userId: null };

beforeEach(async () => {
	({ db, url, remove } = createTestDatabase());
	const m = await createUser(db, { email: 'max@staff.test', name: 'Max', role: 'manager', password: 'a long password' });
	const l = await createUser(db, { email: 'lea@staff.test', name: 'Lea', role: 'manager', password: 'a long password' });
	max = m.ok ? m.user.id : '';
	lea = l.ok ? l.user.id : '';
	createAttributeDefinition(db, { key: 'nickname', label: 'Nickname', type: 'string' });
	saveClients(
		db,
		[
			clientInput({ email: 'erika.mustermann@firma.de', name: 'Erika Mustermann', phone: '+49 30 1234567', company: 'Firma GmbH', tags: ['vip'], accountManager: 'lea@staff.test', attributes: { nickname: 'Eri' } }),
			clientInput({ email: 'jan@bedrijf.nl', accountManager: 'lea@staff.test' }),
			clientInput({ email: 'mika@yritys.fi', accountManager: 'max@staff.test' })
		],
		{ onExisting: 'reject', actor, source: 'test' }
	);
});
afterEach(() => remove());

describe('erasure', () => {
	it('leaves no personal data anywhere in the database, not even in the file’s free pages', () => {
		saveSegment(db, { name: 'Mustermann watch', filter: { search: 'Erika' }, userId: null });
		expect(eraseClients(db, [1], { userId: max })).toBe(1);

		const sqlite = db.$client;
		const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
		for (const { name } of tables) {
			const dump = JSON.stringify(sqlite.prepare(`select * from "${name}"`).all());
			for (const personal of ['erika.mustermann@firma.de', 'Mustermann', '1234567', 'Eri"']) {
				if (name === 'segments' && personal === 'Mustermann') continue; // the segment's own name, typed by staff
				expect(dump, `${personal} in ${name}`).not.toContain(personal);
			}
		}
		const file = readFileSync(url).toString('latin1');
		expect(file).not.toContain('erika.mustermann@firma.de');
		expect(file).not.toContain('+49 30 1234567');
		expect(countClients(db, { search: 'mustermann' })).toBe(0);
	});

	it('is written to the audit log: who, when and which record, without the person', () => {
		eraseClients(db, [1], { userId: max });
		const [entry] = recentAudit(db, 1);
		expect(entry).toMatchObject({ action: 'client.erase', subject: 'client:1', actorUserId: max, at: expect.any(Date) });
	});

	it('erasing an id that is no client changes nothing, not even the audit log', () => {
		const auditBefore = recentAudit(db, 100).length;
		expect(eraseClients(db, [404], { userId: max })).toBe(0);
		expect(recentAudit(db, 100)).toHaveLength(auditBefore);
	});
});

describe('right of access', () => {
	it('exports one client’s data as JSON and logs the export', () => {
		const exported = exportClient(db, 1, { userId: max });
		expect(exported?.client).toMatchObject({
			email: 'erika.mustermann@firma.de',
			phone: '+49 30 1234567',
			tags: ['vip'],
			attributes: { nickname: 'Eri' },
			accountManager: { name: 'Lea', email: 'lea@staff.test' }
		});
		expect(recentAudit(db, 1)[0]).toMatchObject({ action: 'client.export', subject: 'client:1' });
		expect(exportClient(db, 99, actor)).toBeNull();
	});
});

describe('bulk actions and account managers', () => {
	it('tags and untags many clients at once', () => {
		tagClients(db, [1, 2, 3], 'Renewal 2027', actor);
		expect(countClients(db, { tags: ['renewal 2027'] })).toBe(3);
		untagClients(db, [2], 'renewal 2027', actor);
		expect(countClients(db, { tags: ['Renewal 2027'] })).toBe(2);
	});

	it('assigns an account manager, refusing deactivated staff', () => {
		expect(assignAccountManager(db, [2, 3], max, actor)).toEqual({ ok: true });
		expect(countClients(db, { accountManager: max })).toBe(2);
		deactivateUser(db, lea);
		expect(assignAccountManager(db, [1], lea, actor).ok).toBe(false);
	});

	it('moves every client of a leaving manager to another, so none falls through the cracks', () => {
		deactivateUser(db, lea);
		expect(countClients(db, { accountManager: 'none' })).toBe(2);
		expect(reassignAccountManager(db, lea, max, actor)).toEqual({ ok: true, moved: 2 });
		expect(countClients(db, { accountManager: 'none' })).toBe(0);
		expect(getClient(db, 1)?.accountManager?.name).toBe('Max');
		expect(reassignAccountManager(db, max, lea, actor).ok).toBe(false);
	});
});
