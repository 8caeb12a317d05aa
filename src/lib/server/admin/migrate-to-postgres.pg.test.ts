import { desc, eq, getTableColumns, getTableName, is, lt, sql, type Table } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../db';
import { createPostgresDb, type PgDb } from '../db/postgres';
import { first } from '../db/queries';
import * as sqliteSchema from '../db/schema';
import * as pgSchema from '../db/schema-pg';
import { openTestSqlite, type TestDatabase } from '../db/test-database';
import { onMaintenanceDatabase, withDatabase } from '../db/test-postgres-server';
import { inTransaction } from '../db/transaction';
import { seedDemo } from '../demo/seed';
import { installSubscribers } from '../events/subscribers';
import { runAdmin } from './cli';
import { migrateToPostgres, parentsFirst, tablePairs, type TablePair } from './migrate-to-postgres';

// A demo workspace (users, clients, surveys, 18 months of responses with what follows from them:
// cells, tones, cases, mail), plus a few rows in every table the demo leaves empty, moved into a
// PostgreSQL database created blank for it, through the admin command.

// What follows from recorded responses (cells, tone, cases) is written as in the server.
installSubscribers();

const sqliteTables = Object.values(sqliteSchema).filter((value) => is(value, SQLiteTable));
const pgTables = new Map(
	Object.values(pgSchema)
		.filter((value) => is(value, PgTable))
		.map((table) => [getTableName(table), table])
);
const tableNames = sqliteTables.map((table) => getTableName(table));

let sqlite: TestDatabase;
let target: { url: string; db: PgDb };
let moved: { code: number; out: string[]; err: string };
/** The login failure with the highest id, deleted before the move: its id must not come back. */
let deletedLoginFailure: number;

const opened: { name: string; db: PgDb }[] = [];

/** A database created blank on the test server (not copied from the migrated template). */
async function blankPostgres(): Promise<{ url: string; db: PgDb }> {
	const name = `satisfy_move_${randomBytes(6).toString('hex')}`;
	await onMaintenanceDatabase(inject('postgresAdminUrl'), `create database ${name}`);
	const url = withDatabase(inject('postgresAdminUrl'), name);
	const db = createPostgresDb(url);
	opened.push({ name, db });
	return { url, db };
}

/** Every table of the database's public schema that holds a row, with its count. */
async function rowsIn(db: PgDb): Promise<Record<string, number>> {
	const { rows: tables } = await db.execute<{ name: string }>(
		sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`
	);
	const counts: Record<string, number> = {};
	for (const { name } of tables) {
		const { rows } = await db.execute<{ n: number }>(
			sql`select count(*) as n from ${sql.identifier(name)}`
		);
		if (rows[0]!.n) counts[name] = rows[0]!.n;
	}
	return counts;
}

async function admin(...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runAdmin(argv, {
		env: { DATABASE_URL: sqlite.url },
		out: (line) => out.push(line),
		err: (line) => err.push(line)
	});
	return { code, out, err: err.join('\n') };
}

/** Rows of every table the demo leaves empty, and values at the edges of each column type. */
async function fillTheRest(db: Db): Promise<void> {
	const {
		analyticsNames,
		answers,
		apiRateWindows,
		branding,
		clientImports,
		clients,
		csiModels,
		dashboardSettings,
		followupRules,
		followupSettings,
		healthChecks,
		invitationClicks,
		invitationLinks,
		invitations,
		loginFailures,
		outboxMessages,
		passwordLinks,
		privacySettings,
		recoveryCodes,
		reportSubscriptions,
		responseDrafts,
		responseTags,
		responses,
		scoreChunks,
		segments,
		sessions,
		signInChallenges,
		signInSettings,
		ssoLogins,
		staleScoreChunks,
		surveyVersions,
		toneChunks,
		totpCredentials,
		userScopes,
		users,
		webhookDeliveries,
		webhooks,
		workerLeases
	} = sqliteSchema;
	const at = new Date('2026-03-04T05:06:07.089Z');
	const bytes = Buffer.from([0, 1, 127, 128, 254, 255]);
	await inTransaction(db, async (tx) => {
		const owner = (await first(tx.select().from(users).where(eq(users.role, 'owner'))))!;
		const viewer = (await first(tx.select().from(users).where(eq(users.role, 'viewer'))))!;
		const model = (await first(tx.select().from(csiModels)))!;
		const version = (await first(tx.select().from(surveyVersions)))!;
		const segment = (await first(tx.select().from(segments)))!;
		const response = (await first(tx.select().from(responses)))!;

		const [zoe] = await tx
			.insert(clients)
			.values({
				email: 'zoe@example.com',
				name: 'Zoë Müller-Lüdenscheidt 🛫',
				company: 'Ørsted & Co',
				language: 'de',
				annualValue: 0.1 + 0.2,
				consentAt: new Date(-1500),
				createdAt: at,
				updatedAt: at
			})
			.returning();
		const [answered] = await tx
			.insert(responses)
			.values({
				surveyVersionId: version.id,
				clientId: zoe!.id,
				language: 'de',
				submittedAt: at,
				context: { segments: [segment.id], tags: ['vip'], '2': 'b', '1': 'a' } as never,
				score: 87.654321,
				scoreBasis: 0,
				note: 'Rückruf\nzweite Zeile',
				noteUpdatedAt: at
			})
			.returning();
		await tx.insert(answers).values([
			{ responseId: answered!.id, questionId: 'q1', score: 5, notApplicable: false },
			{ responseId: answered!.id, questionId: 'q2', notApplicable: true },
			{
				responseId: answered!.id,
				questionId: 'q3',
				text: 'Unvergleichliche Gastfreundschaft',
				choices: ['a', 'b'],
				sentimentLanguage: 'de',
				sentimentLabel: 'positive',
				sentimentScore: 3,
				sentimentComparative: 1.5,
				sentimentDetail: { words: [{ word: 'unvergleichlich', score: 3 }], aspects: [] },
				sentimentVersion: 'v1'
			}
		]);
		await tx.insert(responseTags).values([
			{ responseId: response.id, tag: 'callback' },
			{ responseId: answered!.id, tag: 'pricing' }
		]);
		const [invitation] = await tx
			.insert(invitations)
			.values({
				surveyId: version.surveyId,
				clientId: zoe!.id,
				tokenHash: Buffer.from('a token hash of thirty-two bytes'),
				channel: 'email',
				createdAt: at,
				sendAt: at,
				expiresAt: new Date(at.getTime() + 86_400_000),
				sentAt: at,
				openedAt: at,
				responseId: answered!.id
			})
			.returning();
		await tx.insert(invitationLinks).values([
			{ tokenHash: bytes, invitationId: invitation!.id, createdAt: at },
			{ tokenHash: Buffer.from('another hash'), invitationId: invitation!.id, createdAt: at }
		]);
		await tx.insert(invitationClicks).values([
			{
				invitationId: invitation!.id,
				questionId: 'q1',
				value: '4',
				clickedAt: at,
				counted: true
			},
			{ invitationId: invitation!.id, questionId: 'q1', value: '1', clickedAt: at, counted: false }
		]);
		await tx.insert(branding).values({
			id: 1,
			name: 'Ünïcödé Airlines',
			accentColour: '#1d4ed8',
			logo: bytes,
			logoType: 'image/png',
			senderName: 'Ünïcödé Airlines',
			replyTo: 'care@example.com',
			footer: 'Main Street 1\n12345 Town',
			updatedAt: at
		});
		await tx.insert(responseDrafts).values({
			invitationId: invitation!.id,
			surveyVersionId: version.id,
			language: 'de',
			page: 2,
			pagesPassed: 1,
			answers: { q1: '4', q2: 'na', q3: ['x', 'y'] },
			updatedAt: at
		});
		await tx
			.insert(analyticsNames)
			.values([{ name: '' }, { name: 'segment:3' }, { name: 'language:de' }]);
		await tx.insert(clientImports).values({
			createdBy: owner.id,
			fileName: 'clients.csv',
			content: Buffer.from('email,name\nzoe@example.com,Zoë\n'),
			status: 'invalid',
			mapping: ['email', null],
			totalRows: 1,
			issues: [{ row: 2, field: 'email', message: 'taken' }] as never,
			createdAt: at,
			updatedAt: at
		});
		await tx.insert(dashboardSettings).values({
			modelId: model.id,
			target: 72.5,
			referenceValue: 68.25,
			referenceLabel: 'Branche 2025',
			updatedAt: at
		});
		await tx.insert(followupRules).values([
			{ trigger: 'lowOverall', enabled: true, threshold: 2, askResolved: true, updatedAt: at },
			{ trigger: 'negativeReview', enabled: false, updatedAt: at }
		]);
		await tx.insert(followupSettings).values({
			id: 1,
			defaultAssigneeId: owner.id,
			slaBusinessDays: 3,
			lastDigestOn: '2026-03-03',
			updatedAt: at
		});
		await tx.insert(apiRateWindows).values({ keyId: 'key-1', startedAt: at, requests: 7 });
		await tx
			.insert(workerLeases)
			.values({ name: 'campaigns', holder: 'node-a:1:0a0b0c0d', until: at });
		await tx.insert(healthChecks).values({ id: 1, checkedAt: at });
		await tx.insert(loginFailures).values([
			{ email: 'someone@example.com', ip: '192.0.2.1', failedAt: at },
			{ email: 'someone@example.com', ip: '2001:db8::1', failedAt: at },
			{ email: 'else@example.com', ip: '192.0.2.9', failedAt: at }
		]);
		const [last] = await tx.select().from(loginFailures).orderBy(desc(loginFailures.id)).limit(1);
		deletedLoginFailure = last!.id;
		await tx.delete(loginFailures).where(eq(loginFailures.id, deletedLoginFailure));
		await tx.insert(passwordLinks).values({
			id: 'link-1',
			userId: viewer.id,
			purpose: 'reset',
			secretHash: bytes,
			createdAt: at,
			expiresAt: at
		});
		await tx.insert(outboxMessages).values([
			{
				invitationId: invitation!.id,
				toAddress: 'zoe@example.com',
				status: 'sent',
				attempts: 1,
				nextAttemptAt: at,
				serverResponse: '250 2.0.0 OK',
				createdAt: at,
				sentAt: at
			},
			{
				kind: 'notification',
				toAddress: 'owner@demo.test',
				status: 'stored',
				nextAttemptAt: at,
				subject: 'Überfällige Fälle',
				textBody: 'Zwei Fälle',
				htmlBody: '<p>Zwei Fälle</p>',
				createdAt: at
			}
		]);
		await tx.insert(privacySettings).values({ id: 1, erasureKeepsAnswers: false, updatedAt: at });
		await tx.insert(reportSubscriptions).values({
			userId: owner.id,
			frequency: 'monthly',
			view: 'segment=3&from=2026-01-01',
			name: 'Key accounts',
			lastSentPeriod: '2026-02',
			createdAt: at
		});
		await tx.insert(scoreChunks).values({
			surveyVersionId: version.id,
			day: '2026-03-04',
			rows: Buffer.alloc(3000, 7)
		});
		await tx
			.insert(toneChunks)
			.values({ source: 'reviews:google', day: '2026-03-04', rows: bytes });
		await tx.insert(sessions).values({
			id: 'session-1',
			userId: viewer.id,
			secretHash: bytes,
			createdAt: at,
			lastVerifiedAt: at,
			method: 'sso'
		});
		await tx.insert(userScopes).values({ userId: viewer.id, segmentId: segment.id });
		await tx.insert(totpCredentials).values({
			userId: owner.id,
			secret: bytes,
			confirmedAt: at,
			lastUsedStep: 59_000_123,
			createdAt: at
		});
		await tx.insert(recoveryCodes).values({ userId: owner.id, codeHash: bytes, usedAt: at });
		await tx.insert(signInChallenges).values({
			id: 'challenge-1',
			userId: owner.id,
			secretHash: bytes,
			redirectTo: '/dashboard?segment=3',
			expiresAt: at
		});
		await tx.insert(ssoLogins).values({
			state: 'state-1',
			codeVerifier: 'verifier',
			nonce: 'nonce',
			redirectTo: '/responses',
			expiresAt: at
		});
		await tx.insert(signInSettings).values({
			id: 1,
			twoFactorRequiredFor: 'owners-managers',
			ssoEnabled: true,
			ssoLabel: 'Example Air',
			ssoIssuer: 'https://login.example.com/realms/staff',
			ssoClientId: 'satisfy',
			ssoClientSecret: 'client-secret',
			ssoNewUserRole: 'viewer',
			ssoGroupsClaim: 'groups',
			ssoOwnerGroup: 'satisfy-owners',
			ssoManagerGroup: 'satisfy-managers',
			ssoViewerGroup: 'satisfy-viewers',
			passwordSignIn: false,
			breakGlassUserId: owner.id,
			updatedAt: at
		});
		const [webhook] = await tx
			.insert(webhooks)
			.values({
				url: 'https://hooks.example.com/satisfy',
				events: ['response.completed', 'followup.created'],
				format: 'slack',
				nameClients: true,
				secret: 'whsec_x',
				createdBy: owner.id,
				createdAt: at
			})
			.returning();
		await tx.insert(webhookDeliveries).values({
			webhookId: webhook!.id,
			event: 'response.completed',
			eventId: 'evt-1',
			payload: '{"id":1}',
			body: 'A response',
			status: 'failed',
			attempts: 3,
			nextAttemptAt: at,
			lastStatusCode: 500,
			lastError: 'Internal Server Error',
			createdAt: at
		});
		// A failure stored as a code, its parameters JSON on both engines.
		await tx.insert(webhookDeliveries).values({
			webhookId: webhook!.id,
			event: 'response.completed',
			eventId: 'evt-2',
			payload: '{"id":2}',
			status: 'queued',
			attempts: 1,
			nextAttemptAt: at,
			lastErrorCode: 'refused',
			lastErrorParams: {
				host: 'hooks.example.com',
				address: '10.1.2.3',
				namedAddress: false,
				kind: 'private',
				range: '10.0.0.0/8'
			},
			createdAt: at
		});
		// The analytics worker has repacked the days before 2026 (their marks gone), and a day whose
		// responses were all deleted is still marked: no response would mark it again.
		await tx.delete(staleScoreChunks).where(lt(staleScoreChunks.day, '2026-01-01'));
		await tx.insert(staleScoreChunks).values({ surveyVersionId: version.id, day: '2001-01-01' });
	});
}

beforeAll(async () => {
	sqlite = await openTestSqlite();
	await seedDemo(sqlite.db, () => undefined, undefined, new Date('2026-06-15T12:00:00Z'));
	await fillTheRest(sqlite.db);
	target = await blankPostgres();
	moved = await admin('migrate-to-postgres', target.url);
}, 300_000);

afterAll(async () => {
	await sqlite?.remove();
	for (const { name, db } of opened) {
		await db.$client.end();
		await onMaintenanceDatabase(inject('postgresAdminUrl'), `drop database ${name} with (force)`);
	}
});

/** A table's rows as drizzle reads them, in one order whatever the engine's collation. */
async function rowsOf(db: Db | PgDb, table: Table): Promise<Record<string, unknown>[]> {
	const rows: Record<string, unknown>[] = is(table, SQLiteTable)
		? await (db as Db).select().from(table)
		: await (db as PgDb).select().from(table as PgTable);
	const keys = Object.keys(getTableColumns(table));
	const order = (row: Record<string, unknown>) => JSON.stringify(keys.map((key) => row[key]));
	return rows
		.map((row) => ({ row, by: order(row) }))
		.sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0))
		.map(({ row }) => row);
}

describe('npm run admin -- migrate-to-postgres', () => {
	it('moves the workspace, printing each table and a summary', () => {
		expect(moved.err).toBe('');
		expect(moved.code).toBe(0);
		expect(moved.out.join('\n')).toMatch(/^ {2}answers +[\d,]+ rows {2}[\d.]+ s$/m);
		expect(moved.out.at(-1)).toMatch(
			new RegExp(`^Moved ${tableNames.length} tables, [\\d,]+ rows, in [\\d.]+ s\\.`)
		);
		expect(moved.out.join('\n')).not.toContain(new URL(target.url).password);
	});

	it('had a row in every table to move', async () => {
		const empty: string[] = [];
		for (const table of sqliteTables)
			if (!(await rowsOf(sqlite.db, table)).length) empty.push(getTableName(table));
		expect(empty).toEqual([]);
		expect(tableNames).toHaveLength(57);
	});

	it.each(tableNames)('moves the rows of %s as drizzle reads them', async (name) => {
		const table = sqliteTables.find((candidate) => getTableName(candidate) === name)!;
		const before = await rowsOf(sqlite.db, table);
		expect(before.length).toBeGreaterThan(0);
		expect(await rowsOf(target.db, pgTables.get(name)!)).toEqual(before);
	});

	it('keeps the stale days SQLite had, not every day the copy touched', async () => {
		const { staleScoreChunks } = pgSchema;
		const { rows } = await target.db.execute<{ days: number }>(
			sql`select count(distinct (survey_version_id, utc_day(submitted_at))) as days from responses`
		);
		const stale = await target.db.select().from(staleScoreChunks);
		expect(stale.length).toBeLessThan(rows[0]!.days);
		expect(stale).toContainEqual({ surveyVersionId: expect.any(Number), day: '2001-01-01' });
	});

	it('sets every identity sequence past the highest id, and past ids SQLite gave to deleted rows', async () => {
		// Inserted without an id, first: the sequences are read as the move left them.
		const { loginFailures, tags } = pgSchema;
		const [failure] = await target.db
			.insert(loginFailures)
			.values({ email: 'x@example.com', ip: '192.0.2.7', failedAt: new Date() })
			.returning();
		expect(failure!.id).toBe(deletedLoginFailure + 1);
		const highestTag = (await target.db.select().from(tags)).reduce(
			(highest, tag) => Math.max(highest, tag.id),
			0
		);
		const [tag] = await target.db.insert(tags).values({ name: 'added after the move' }).returning();
		expect(tag!.id).toBeGreaterThan(highestTag);
		await target.db.delete(tags).where(eq(tags.id, tag!.id));
		await target.db.delete(loginFailures).where(eq(loginFailures.id, failure!.id));

		const { rows: identities } = await target.db.execute<{ table: string; column: string }>(sql`
			select table_name as "table", column_name as "column" from information_schema.columns
			where table_schema = 'public' and is_identity = 'YES'`);
		expect(identities.length).toBeGreaterThanOrEqual(20);
		for (const { table, column } of identities) {
			const { rows } = await target.db.execute<{ next: number; highest: number | null }>(sql`
				select nextval(pg_get_serial_sequence(${table}, ${column})) as next,
					(select max(${sql.identifier(column)}) from ${sql.identifier(table)}) as highest`);
			expect(rows[0]!.next, table).toBeGreaterThan(rows[0]!.highest ?? 0);
		}
	});

	it('fills the search tables through the triggers: a client by a name prefix, a response by a word', async () => {
		const { rows: found } = await target.db.execute<{ email: string }>(sql`
			select email from clients where id in
				(select client_id from clients_search where document @@ search_prefix_query('lüdensch'))`);
		expect(found).toEqual([{ email: 'zoe@example.com' }]);
		const { rows: texts } = await target.db.execute<{ text: string }>(sql`
			select text from response_texts where document @@ search_prefix_query('gastfreund')`);
		expect(texts).toEqual([{ text: 'Unvergleichliche Gastfreundschaft' }]);

		const indexed = await rowsIn(target.db);
		expect(indexed.clients_search).toBe(indexed.clients);
		const [withText] = await sqlite.db
			.select({ responses: sql<number>`count(distinct ${sqliteSchema.answers.responseId})` })
			.from(sqliteSchema.answers)
			.where(sql`${sqliteSchema.answers.text} is not null`);
		expect(indexed.response_texts).toBe(withText!.responses);
	});

	it('refuses a second run: the target is not empty', async () => {
		const before = await rowsIn(target.db);
		const again = await admin('migrate-to-postgres', target.url);
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/already holds data \(public\.\w+.*Nothing was written/);
		expect(await rowsIn(target.db)).toEqual(before);
	});

	it('refuses a URL that is not PostgreSQL or cannot be reached, and a missing SQLite file', async () => {
		const blank = await blankPostgres();
		const wrongDatabase = withDatabase(blank.url, 'no_such_database');
		const closedPort = new URL(blank.url);
		closedPort.port = '1';
		const log: string[] = [];
		const outcomes = [
			await migrateToPostgres(sqlite.url, 'mysql://root@localhost/satisfy', (line) =>
				log.push(line)
			),
			await migrateToPostgres(sqlite.url, 'data/other.db', (line) => log.push(line)),
			await migrateToPostgres(sqlite.url, wrongDatabase, (line) => log.push(line)),
			await migrateToPostgres(sqlite.url, closedPort.toString(), (line) => log.push(line))
		];
		expect(outcomes.map(({ ok }) => ok)).toEqual([false, false, false, false]);
		expect(outcomes[0]!.message).toContain('is not a PostgreSQL URL');
		expect(outcomes[1]!.message).toContain('is not a PostgreSQL URL');
		expect(outcomes[2]!.message).toMatch(
			/^Cannot reach PostgreSQL at .*no_such_database.*: database "no_such_database" does not exist/
		);
		expect(outcomes[3]!.message).toMatch(/^Cannot reach PostgreSQL at .*ECONNREFUSED/);
		expect(outcomes[2]!.message).not.toContain(new URL(blank.url).password);

		const missing = sqlite.url.replace(/app\.db$/, 'missing.db');
		const noFile = await migrateToPostgres(missing, blank.url, (line) => log.push(line));
		expect(noFile).toEqual({
			ok: false,
			message: expect.stringContaining(`There is no SQLite database at ${missing}`)
		});
		expect(existsSync(missing)).toBe(false);
		expect(log).toEqual([]);
		// Nothing written, not even the schema.
		const { rows } = await blank.db.execute(
			sql`select 1 from pg_tables where schemaname in ('public', 'drizzle')`
		);
		expect(rows).toEqual([]);
	});

	it('leaves the target empty when a row fails mid-copy', async () => {
		const { followupEvents } = sqliteSchema;
		const blank = await blankPostgres();
		// PostgreSQL refuses the NUL character in text, SQLite keeps it: the last table copied fails.
		const bad = await inTransaction(sqlite.db, async (tx) => {
			const event = (await first(tx.select().from(followupEvents).limit(1)))!;
			const [added] = await tx
				.insert(followupEvents)
				.values({ ...event, id: undefined, detail: 'a\u0000b' })
				.returning();
			return added!.id;
		});
		try {
			const log: string[] = [];
			const outcome = await migrateToPostgres(sqlite.url, blank.url, (line) => log.push(line));
			expect(outcome.ok).toBe(false);
			expect(outcome.message).toMatch(/^Nothing was moved .*copying followup_events failed/);
			// Tables were copied before it, in the same transaction.
			expect(log.join('\n')).toMatch(/^ {2}answers +[\d,]+ rows/m);
			expect(await rowsIn(blank.db)).toEqual({});
		} finally {
			await inTransaction(sqlite.db, async (tx) => {
				await tx.delete(followupEvents).where(eq(followupEvents.id, bad));
			});
		}
		// The schema stayed, without a row: the move can simply be run again.
		expect((await migrateToPostgres(sqlite.url, blank.url, () => undefined)).ok).toBe(true);
	}, 180_000);

	it('undoes the copy when a table differs afterwards, and names it', async () => {
		const { responseSegments } = sqliteSchema;
		const blank = await blankPostgres();
		// A row the trigger on PostgreSQL does not make from the response's context.
		const row = (await first(sqlite.db.select().from(responseSegments).limit(1)))!;
		const moveRow = (from: number, to: number) =>
			inTransaction(sqlite.db, async (tx) => {
				await tx
					.update(responseSegments)
					.set({ segmentId: to })
					.where(
						sql`${responseSegments.responseId} = ${row.responseId} and ${responseSegments.segmentId} = ${from}`
					);
			});
		await moveRow(row.segmentId, 999_999);
		try {
			const outcome = await migrateToPostgres(sqlite.url, blank.url, () => undefined);
			expect(outcome).toEqual({
				ok: false,
				message: expect.stringMatching(
					/^Nothing was moved .*these tables differ: response_segments \([\d,]+ rows on both sides, not the same ones\)$/
				)
			});
			expect(await rowsIn(blank.db)).toEqual({});
		} finally {
			await moveRow(999_999, row.segmentId);
		}
	}, 120_000);
});

describe('the copy order', () => {
	const names = (tables: TablePair[]) => tables.map((table) => table.name);

	it('puts every table after the tables it references', () => {
		// Reversed, so that the order given has children before parents.
		const order = parentsFirst(tablePairs().reverse());
		expect(new Set(names(order))).toEqual(new Set(tableNames));
		order.forEach((table, position) => {
			for (const parent of table.parents)
				expect(names(order).indexOf(parent), `${table.name} → ${parent}`).toBeLessThan(position);
		});
	});

	it('refuses tables that reference themselves or each other in a circle', () => {
		const [users, clients] = tablePairs().filter((table) =>
			['users', 'clients'].includes(table.name)
		);
		expect(() => parentsFirst([{ ...users!, parents: ['users'] }])).toThrow(
			'reference themselves or each other in a circle, which the copy cannot order: users'
		);
		expect(() =>
			parentsFirst([
				{ ...users!, parents: ['clients'] },
				{ ...clients!, parents: ['users'] }
			])
		).toThrow('users, clients');
	});
});
