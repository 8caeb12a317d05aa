import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from './index';
import * as pgTables from './schema-pg';
import * as sqliteTables from './schema/all';
import { createTestPostgres } from './test-postgres';

/**
 * The modules as a process with this DATABASE_URL evaluates them: the engine is chosen when
 * engine.ts is first imported, so each engine needs its own fresh module graph.
 */
async function modulesFor(url: string) {
	vi.resetModules();
	vi.stubEnv('DATABASE_URL', url);
	try {
		return {
			tables: await import('./schema'),
			service: await import('./engine-choice.fixture'),
			// This graph's own: inTransaction knows the SQLite writers its openSqlite opened.
			sqliteConnections: await import('./sqlite-connections')
		};
	} finally {
		vi.unstubAllEnvs();
	}
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The engine's modules and a database of its own, typed as the services see it. */
async function setUp(engine: 'SQLite' | 'PostgreSQL') {
	if (engine === 'SQLite') {
		const dir = mkdtempSync(join(tmpdir(), 'satisfy-engine-'));
		const url = join(dir, 'app.db');
		const modules = await modulesFor(url);
		const db = modules.sqliteConnections.openSqlite(url);
		cleanups.push(() => {
			modules.sqliteConnections.closeSqlite(db);
			rmSync(dir, { recursive: true, force: true });
		});
		return { ...modules, db, tableClass: SQLiteTable };
	}
	const database = await createTestPostgres();
	cleanups.push(database.remove);
	const modules = await modulesFor(database.url);
	// Services are typed against the SQLite database; on PostgreSQL they are given this one.
	const db = database.db as unknown as Db;
	return { ...modules, db, tableClass: PgTable };
}

describe.each(['SQLite', 'PostgreSQL'] as const)('a service written once, on %s', (engine) => {
	// In beforeAll, not at collection: the two engines' module graphs must load one after the other.
	let ready: Awaited<ReturnType<typeof setUp>>;
	beforeAll(async () => {
		ready = await setUp(engine);
	});

	it('queries the tables of the engine DATABASE_URL names', async () => {
		const { tables, tableClass } = ready;
		// Every table either engine has, so a table missing from db/schema/index.ts's list (and left
		// the SQLite one by its star export) fails here.
		const names = Object.entries({ ...sqliteTables, ...pgTables })
			.filter(([, value]) => is(value, SQLiteTable) || is(value, PgTable))
			.map(([name]) => name);
		expect(names.length).toBeGreaterThanOrEqual(40);
		const exported = tables as Record<string, unknown>;
		for (const name of names) expect([name, is(exported[name], tableClass)]).toEqual([name, true]);
	});

	it('writes in transactions and reads joined, grouped and sorted regardless of case', async () => {
		const { service, db } = ready;
		// Byte order would put "Beta" first.
		const beta = await service.addTag(db, 'Beta');
		const alpha = await service.addTag(db, 'alpha');
		expect(await service.addTag(db, 'ALPHA')).toBeNull();
		if (alpha === null || beta === null) throw new Error('tags not added');
		await service.addTaggedClient(db, 'ada@example.com', alpha);
		await service.addTaggedClient(db, 'bob@example.com', alpha);
		expect(await service.listTags(db)).toEqual([
			{ name: 'alpha', clients: 2 },
			{ name: 'Beta', clients: 0 }
		]);
	});

	it('gives back JSON and dates as written', async () => {
		const { service, db } = ready;
		const filter = { tags: ['alpha'], minScore: 7.5 };
		expect(await service.addSegment(db, 'Loyal', filter)).toEqual({
			filter,
			createdAt: expect.any(Date)
		});
	});

	it('counts exactly when two transactions read and write the same row at once', async () => {
		const { service, db } = ready;
		const id = await service.addImport(db);
		await Promise.all([service.countProcessed(db, id, 50), service.countProcessed(db, id, 50)]);
		expect(await service.processedRows(db, id)).toBe(100);
	});
});
