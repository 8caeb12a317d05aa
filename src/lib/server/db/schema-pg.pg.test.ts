import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './index';
import type { PgDb } from './postgres';
import * as sqliteSchema from './schema/all';
import * as pgSchema from './schema-pg';
import { openTestSqlite, type TestDatabase } from './test-database';
import { inTransaction } from './transaction';
import { createTestPostgres } from './test-postgres';

// The same rows through each engine's tables read back the same: the values services see do not
// depend on the engine.

const createdAt = new Date(1_765_000_000_123);
const user = {
	id: 'u1',
	email: 'ada@example.com',
	name: 'Ada',
	role: 'owner' as const,
	contactDataGranted: true,
	createdAt
};
const session = {
	id: 's1',
	userId: 'u1',
	secretHash: Buffer.from([0, 1, 254, 255]),
	createdAt,
	lastVerifiedAt: createdAt,
	method: 'sso' as const
};
// Keys out of alphabetical order, a float and a nested array: jsonb would give them back reordered.
const filter = { zone: 'emea', tags: [3, 1], minScore: 7.5, and: { b: 1, a: 2 } };
const segment = { name: 'EMEA', filter, createdAt, updatedAt: createdAt };

let sqlite: TestDatabase;
let postgres: Awaited<ReturnType<typeof createTestPostgres>>;
beforeAll(async () => {
	sqlite = await openTestSqlite();
	postgres = await createTestPostgres();
});
afterAll(async () => {
	await sqlite.remove();
	await postgres.remove();
});

/** What one engine reads back after the same writes. */
type Engine = {
	write: () => Promise<void>;
	read: () => Promise<unknown>;
	storedText: () => Promise<{ filter: string; createdAt: number }>;
	addTag: (name: string) => Promise<unknown>;
};

const onSqlite = (db: Db): Engine => {
	const { users, sessions, segments, tags } = sqliteSchema;
	return {
		// Drizzle's SQLite builders are thenables: awaited, they run as on PostgreSQL.
		write: () =>
			inTransaction(db, async (tx) => {
				await tx.insert(users).values(user);
				await tx.insert(sessions).values(session);
				await tx.insert(segments).values(segment);
			}),
		read: async () => ({
			user: await db.select().from(users).where(eq(users.id, 'u1')),
			session: await db.select().from(sessions),
			segment: await db.select().from(segments)
		}),
		storedText: async () =>
			db.get<{ filter: string; createdAt: number }>(
				sql`select filter, created_at as "createdAt" from segments`
			),
		addTag: (name) => inTransaction(db, async (tx) => tx.insert(tags).values({ name }))
	};
};

const onPostgres = (db: PgDb): Engine => {
	const { users, sessions, segments, tags } = pgSchema;
	return {
		async write() {
			await db.insert(users).values(user);
			await db.insert(sessions).values(session);
			await db.insert(segments).values(segment);
		},
		read: async () => ({
			user: await db.select().from(users).where(eq(users.id, 'u1')),
			session: await db.select().from(sessions),
			segment: await db.select().from(segments)
		}),
		async storedText() {
			const { rows } = await db.execute<{ filter: string; createdAt: number }>(
				sql`select filter::text as filter, created_at as "createdAt" from segments`
			);
			const [row] = rows;
			if (!row) throw new Error('no segment stored');
			return row;
		},
		addTag: async (name) => db.insert(tags).values({ name })
	};
};

describe.each([
	['SQLite', () => onSqlite(sqlite.db)],
	['PostgreSQL', () => onPostgres(postgres.db)]
])('the tables on %s', (_name, engineOf) => {
	let engine: Engine;
	beforeAll(async () => {
		engine = engineOf();
		await engine.write();
	});

	it('give back dates, booleans, bytes and JSON as written', async () => {
		expect(await engine.read()).toEqual({
			user: [{ ...user, passwordHash: null, language: null, deactivatedAt: null }],
			session: [session],
			segment: [{ ...segment, id: 1, createdBy: null }]
		});
	});

	it('store JSON as the text written, key order and all, and moments as epoch milliseconds', async () => {
		expect(await engine.storedText()).toEqual({
			filter: JSON.stringify(filter),
			createdAt: createdAt.getTime()
		});
	});

	it('refuse a tag differing from another only in case', async () => {
		await engine.addTag('VIP');
		await expect(engine.addTag('vip')).rejects.toThrow();
		await expect(engine.addTag('Key account')).resolves.toBeDefined();
	});
});
