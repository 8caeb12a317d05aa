import { existsSync, readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../audit';
import { cellsFromResponses } from '../analytics/selection';
import { countClients } from '../clients/queries';
import { saveSegment } from '../clients/segments';
import type { Db } from '../db';
import type { PgDb } from '../db/postgres';
import { onPostgres } from '../db/transaction';
import {
	csiCells,
	followupCases,
	invitationClicks,
	invitations,
	outboxMessages,
	responseDrafts,
	responses,
	reviews,
	surveyVersions,
	webhookDeliveries
} from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { recordClick } from '../invitations/one-click';
import { findInvitation } from '../invitations/service';
import { eraseClients, ERASED_CLIENT } from './erasure';
import { saveErasureKeepsAnswers } from './settings';
import { anna, annaEverywhere, ben, withAnnaAndBen } from './test-person';

let db: Db;
let url: string;
let remove: () => Promise<void>;
let setup: { surveyId: number; mark: string };

/** What identifies her: each must be gone from every table and from the file. */
const personal = [anna.email, 'Müller', '7654321', anna.nickname];

beforeEach(async () => {
	({ db, url, remove } = await openTestDatabase());
	setup = await withAnnaAndBen(db);
});
afterEach(() => remove());

type Hit = { table: string; text: string };

/** Every row of every table (blobs read as text), searched for what identifies her. */
async function scan(): Promise<{ tables: number; hits: Hit[] }> {
	const hits: Hit[] = [];
	const tables = await tableNames();
	for (const name of tables) {
		const dump = (await rowsOf(name))
			.map((row) =>
				Object.values(row)
					.map((value) => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value)))
					.join('\t')
			)
			.join('\n');
		for (const text of personal) if (dump.includes(text)) hits.push({ table: name, text });
	}
	return { tables: tables.length, hits };
}

async function tableNames(): Promise<string[]> {
	const rows = onPostgres(db)
		? (
				await (db as unknown as PgDb).execute<{ name: string }>(
					sql`select tablename as name from pg_tables where schemaname = 'public'`
				)
			).rows
		: (db.$client.prepare("select name from sqlite_master where type = 'table'").all() as {
				name: string;
			}[]);
	return rows.map(({ name }) => name);
}

async function rowsOf(table: string): Promise<Record<string, unknown>[]> {
	return onPostgres(db)
		? (await (db as unknown as PgDb).execute(sql.raw(`select * from "${table}"`))).rows
		: (db.$client.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]);
}

/** The webhook deliveries whose event names this client as its own. */
const deliveriesAbout = (clientId: number) =>
	db
		.select()
		.from(webhookDeliveries)
		.where(
			onPostgres(db)
				? sql`cast(${webhookDeliveries.payload} as json) -> 'data' ->> 'clientId' = ${String(clientId)}`
				: sql`json_extract(${webhookDeliveries.payload}, '$.data.clientId') = ${clientId}`
		);

const tablesHit = (hits: Hit[]) => [...new Set(hits.map(({ table }) => table))].sort();

/** Her details found anywhere in the SQLite file and its log, free pages included. */
function fileHits(): string[] {
	const texts = [url, `${url}-wal`]
		.filter(existsSync)
		.map((path) => readFileSync(path).toString('utf8'));
	return personal.filter((text) => texts.some((file) => file.includes(text)));
}

describe('erasure', () => {
	it('leaves no copy of the person in any table, nor in the file’s free pages', async () => {
		await saveSegment(db, { name: 'VIP watch', filter: { tags: ['vip'] }, userId: null });
		const token = await annaEverywhere(db, setup, 'The seat was broken.');
		const [started] = await db
			.select({ id: invitations.id })
			.from(invitations)
			.where(eq(invitations.clientId, anna.id))
			.orderBy(invitations.id);
		await recordClick(db, started!.id, { overall: '1' });
		const before = await scan();
		expect(tablesHit(before.hits)).toEqual(
			expect.arrayContaining([
				'client_attributes',
				'client_imports',
				'clients',
				'followup_events',
				'outbox_messages',
				'response_drafts',
				'responses',
				'reviews'
			])
		);

		expect(await eraseClients(db, [anna.id], { userId: setup.mark })).toBe(1);

		const after = await scan();
		expect(after.tables).toBeGreaterThan(40);
		expect(after.hits).toEqual([]);
		// SQLite overwrites what it deletes (secure_delete): none of her is left in the file. PostgreSQL
		// keeps a deleted row's bytes in free space until written over, which only a VACUUM FULL,
		// locking the tables, would hasten (docs/security.md): there the scan is of the tables alone.
		if (!onPostgres(db)) expect(fileHits()).toEqual([]);
		expect(await countClients(db, { search: 'mueller' })).toBe(0);
		// Her links are dead, her case and the events about her are gone; others are untouched.
		expect(await findInvitation(db, token)).toBeNull();
		expect(await db.select().from(responseDrafts)).toEqual([]);
		expect(await db.select().from(invitationClicks)).toEqual([]);
		expect(
			await db.select().from(followupCases).where(eq(followupCases.clientId, anna.id))
		).toEqual([]);
		expect(await deliveriesAbout(anna.id)).toEqual([]);
		expect(await deliveriesAbout(ben.id)).toHaveLength(1);
		expect(
			await db.select({ author: reviews.author, clientId: reviews.clientId }).from(reviews)
		).toEqual([{ author: null, clientId: null }]);
		// Mark's notification stays in the mail log, without her name.
		const [notification] = await db
			.select()
			.from(outboxMessages)
			.where(eq(outboxMessages.kind, 'notification'));
		expect(notification!.subject).toBe(`Follow-up case #1: ${ERASED_CLIENT}`);
		// Only the invitations' outbox rows went: none was addressed to anyone else.
		expect(
			await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, anna.email))
		).toEqual([]);
	});

	it('keeps the answers anonymously by default, so the dashboard stays as it was', async () => {
		await annaEverywhere(db, setup, 'The seat was broken.');
		const cellsBefore = await db.select().from(csiCells);
		await eraseClients(db, [anna.id], { userId: setup.mark });
		expect(
			await db.select({ clientId: responses.clientId }).from(responses).orderBy(responses.id)
		).toEqual([{ clientId: null }, { clientId: ben.id }]);
		expect(await db.select().from(csiCells)).toEqual(cellsBefore);
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'client.erase',
			subject: 'client:1',
			details: { answers: 'kept anonymously', responsesDeleted: 0 }
		});
	});

	it('deletes the answers too when the owner chose so, and the dashboard sums no longer count them', async () => {
		await saveErasureKeepsAnswers(db, false, { userId: setup.mark });
		// Her own words name her: with the answers deleted, they go from the webhook payloads too.
		await annaEverywhere(db, setup, `This is ${anna.name}, call me.`);
		expect(tablesHit((await scan()).hits)).toContain('answers');

		await eraseClients(db, [anna.id], { userId: setup.mark });

		expect((await scan()).hits).toEqual([]);
		expect(await db.select({ clientId: responses.clientId }).from(responses)).toEqual([
			{ clientId: ben.id }
		]);
		const versionIds = (await db.select({ id: surveyVersions.id }).from(surveyVersions)).map(
			({ id }) => id
		);
		const recomputed = await cellsFromResponses(db, { versionIds, required: [] }, { prefix: '' });
		const stored = await db.select().from(csiCells);
		const byKey = (rows: { surveyVersionId: number; dimension: string; day: string }[]) =>
			rows.map((row) => `${row.surveyVersionId}|${row.dimension}|${row.day}`).sort();
		expect(byKey(stored)).toEqual(byKey(recomputed));
		for (const cell of recomputed)
			expect(
				stored.find((row) => row.dimension === cell.dimension && row.day === cell.day)?.cell
			).toEqual(cell.cell);
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'client.erase',
			details: { answers: 'deleted', responsesDeleted: 1 }
		});
	});

	it('is written to the audit log: who, when and which record, without the person', async () => {
		await eraseClients(db, [anna.id], { userId: setup.mark });
		const [entry] = await recentAudit(db, 1);
		expect(entry).toMatchObject({
			action: 'client.erase',
			subject: 'client:1',
			actorUserId: setup.mark,
			at: expect.any(Date)
		});
	});

	it('erasing an id that is no client changes nothing, not even the audit log', async () => {
		const auditBefore = (await recentAudit(db, 100)).length;
		expect(await eraseClients(db, [404], { userId: setup.mark })).toBe(0);
		expect(await recentAudit(db, 100)).toHaveLength(auditBefore);
	});
});
