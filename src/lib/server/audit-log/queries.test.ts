import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditFilterSchema, type AuditFilter } from '../../schemas/audit-filter';
import { createApiKey } from '../api-keys/service';
import { recordAudit } from '../audit';
import type { Db } from '../db';
import { auditLog } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import { addUser } from '../users/test-users';
import { auditActions, auditBatches, auditPage, subjectLinks } from './queries';
import { auditCsv } from './csv';

let db: Db;
let remove: () => Promise<void>;
let ownerId = '';
let keyId = '';

/** Everything an asynchronous generator yields, in order. */
async function collected<T>(items: AsyncIterable<T>): Promise<T[]> {
	const all: T[] = [];
	for await (const item of items) all.push(item);
	return all;
}

const filter = (query: Record<string, string> = {}): AuditFilter => auditFilterSchema.parse(query);
const written = (
	at: string,
	action: string,
	subject: string,
	actor: { userId?: string; apiKeyId?: string } = {}
) =>
	inTransaction(db, async (tx) => {
		await tx.insert(auditLog).values({
			at: new Date(at),
			action,
			subject,
			actorUserId: actor.userId ?? null,
			actorApiKeyId: actor.apiKeyId ?? null
		});
	});

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	ownerId = (await addUser(db, 'olga@staff.test', 'Olga Owner', 'owner')).id;
	keyId = (await createApiKey(db, { name: 'CRM sync', role: 'owner', createdBy: ownerId })).apiKey
		.id;
});
afterEach(() => remove());

describe('the audit log', () => {
	it('names who acted: a staff user by name and email, an API key by name, and nobody for a client or the system', async () => {
		await recordAudit(db, { userId: ownerId }, 'client.view', 'client:1');
		await recordAudit(db, { apiKeyId: keyId }, 'client.export', 'client:1');
		await recordAudit(db, {}, 'client.self-service', 'client:1', { consent: false });
		const { entries } = await auditPage(db, filter());
		expect(entries.map(({ action, actor, details }) => ({ action, actor, details }))).toEqual([
			{ action: 'client.self-service', actor: null, details: { consent: false } },
			{
				action: 'client.export',
				actor: { kind: 'key', id: keyId, name: 'CRM sync' },
				details: null
			},
			{
				action: 'client.view',
				actor: { kind: 'user', id: ownerId, name: 'Olga Owner', email: 'olga@staff.test' },
				details: null
			}
		]);
	});

	it('filters by actor, action, record and date range, the last day included', async () => {
		await written('2026-03-01T10:00:00Z', 'client.view', 'client:1', { userId: ownerId });
		await written('2026-03-02T23:59:59Z', 'client.view', 'client:2', { apiKeyId: keyId });
		await written('2026-03-03T00:00:00Z', 'client.erase', 'client:2', { userId: ownerId });
		await written('2026-03-04T08:00:00Z', 'client.self-service', 'client:1');
		const subjects = async (query: Record<string, string>) =>
			(await auditPage(db, filter(query))).entries.map(
				({ action, subject }) => `${action} ${subject}`
			);
		expect(await subjects({ actor: `user:${ownerId}` })).toEqual([
			'client.erase client:2',
			'client.view client:1'
		]);
		expect(await subjects({ actor: `key:${keyId}` })).toEqual(['client.view client:2']);
		expect(await subjects({ actor: 'none' })).toEqual(['client.self-service client:1']);
		expect(await subjects({ action: 'client.view' })).toEqual([
			'client.view client:2',
			'client.view client:1'
		]);
		expect(await subjects({ subject: 'client:2' })).toEqual([
			'client.erase client:2',
			'client.view client:2'
		]);
		expect(await subjects({ from: '2026-03-02', to: '2026-03-02' })).toEqual([
			'client.view client:2'
		]);
		expect(await subjects({ from: '2026-03-03' })).toEqual([
			'client.self-service client:1',
			'client.erase client:2'
		]);
		expect(
			await subjects({ subject: 'client:2', actor: `user:${ownerId}`, to: '2026-03-02' })
		).toEqual([]);
	});

	it('pages newest first, each entry exactly once, and says when there is no next page', async () => {
		for (let i = 1; i <= 120; i++)
			await recordAudit(db, { userId: ownerId }, 'client.view', `client:${i}`);
		const seen: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const page = await auditPage(db, filter({ limit: '50', ...(cursor ? { cursor } : {}) }));
			seen.push(...page.entries.map(({ subject }) => subject));
			cursor = page.nextCursor === null ? undefined : String(page.nextCursor);
			pages++;
		} while (cursor);
		expect(pages).toBe(3);
		expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `client:${120 - i}`));
	});

	it('hands an export every matching entry, batch after batch', async () => {
		for (let i = 1; i <= 25; i++)
			await recordAudit(db, {}, i % 2 ? 'client.view' : 'client.export', `client:${i}`);
		const batches = await collected(auditBatches(db, filter({ action: 'client.view' }), 5));
		expect(batches.map((batch) => batch.length)).toEqual([5, 5, 3]);
		expect(batches.flat()).toHaveLength(13);
	});

	it('links a record to its page while it exists, and an erased or unknown one nowhere', async () => {
		await saveClients(db, [clientInput({ email: 'anna@example.de' })], {
			onExisting: 'reject',
			actor: {},
			source: 'test'
		});
		const links = await subjectLinks(db, [
			'client:1',
			'client:99',
			'clients:3',
			'user:abc',
			'webhook:1'
		]);
		expect(Object.fromEntries(links)).toEqual({ 'client:1': '/clients/1' });
	});

	it('offers each action written so far once, for the filter', async () => {
		await recordAudit(db, {}, 'client.view', 'client:1');
		await recordAudit(db, {}, 'client.view', 'client:2');
		await recordAudit(db, {}, 'client.erase', 'client:2');
		expect(await auditActions(db)).toEqual(['client.erase', 'client.view']);
	});

	it('exports the filtered entries as CSV in which no cell runs as a spreadsheet formula', async () => {
		const typed = await addUser(db, 'x@staff.test', '=HYPERLINK("http://evil.test")', 'manager');
		const userId = typed.id;
		await recordAudit(db, { userId }, 'clients.tag', 'clients:2', { tag: 'vip' });
		await recordAudit(db, { apiKeyId: keyId }, 'client.view', 'client:1');
		const csv = (await collected(auditCsv(db, filter({ action: 'clients.tag' })))).join('');
		const rows = Papa.parse<string[]>(csv.trim()).data;
		expect(rows).toEqual([
			['id', 'at', 'actor', 'actorId', 'action', 'record', 'details'],
			[
				'1',
				expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				`'=HYPERLINK("http://evil.test") <x@staff.test>`,
				`user:${userId}`,
				'clients.tag',
				'clients:2',
				'{"tag":"vip"}'
			]
		]);
	});
});
