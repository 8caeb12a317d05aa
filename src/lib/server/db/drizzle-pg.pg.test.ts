import { getTableConfig } from 'drizzle-orm/pg-core';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createPostgresDb, migratePostgres, postgresMigrationsFolder, type PgDb } from './postgres';
import * as pgSchema from './schema-pg';
import { tablesOf } from './schema-shape';
import { openTestSqlite, type TestDatabase } from './test-database';
import { onMaintenanceDatabase, withDatabase } from './test-postgres-server';

// drizzle-pg/ on a database with nothing in it, compared with the pg-core tables and with what the
// SQLite migrations build (drizzle/): the same tables, indexes and triggers by name.

/** SQLite's full-text tables, and the trigger the PostgreSQL twin leaves to a cascade. */
const searchTables = ['clients_search', 'response_texts'];
const replacedByCascade = ['clients_search_delete'];

const adminUrl = inject('postgresAdminUrl');
const name = `satisfy_test_empty_${randomBytes(6).toString('hex')}`;
let db: PgDb;
let sqlite: TestDatabase;

beforeAll(async () => {
	await onMaintenanceDatabase(adminUrl, `create database ${name}`);
	db = createPostgresDb(withDatabase(adminUrl, name));
	sqlite = await openTestSqlite();
});
afterAll(async () => {
	await sqlite.remove();
	await db.$client.end();
	await onMaintenanceDatabase(adminUrl, `drop database if exists ${name} with (force)`);
});

const rows = async <T>(query: string) => (await db.$client.query<T & object>(query)).rows;
const sqliteNames = (query: string) =>
	(sqlite.db.$client.prepare(query).all() as { name: string }[]).map((row) => row.name).sort();
const sorted = (names: string[]) => [...names].sort();

describe('the PostgreSQL migrations', () => {
	it('apply on an empty database, and a second run finds nothing left to do', async () => {
		await migratePostgres(db);
		await migratePostgres(db);
		const applied = await rows<{ n: number }>(
			'select count(*)::int as n from drizzle.__drizzle_migrations'
		);
		const journal = JSON.parse(
			readFileSync(join(postgresMigrationsFolder(), 'meta', '_journal.json'), 'utf8')
		) as { entries: unknown[] };
		expect(applied).toEqual([{ n: journal.entries.length }]);
	});

	it('apply once when several nodes start at the same moment on a new database', async () => {
		const fresh = `${name}_racing`;
		await onMaintenanceDatabase(adminUrl, `create database ${fresh}`);
		const nodes = Array.from({ length: 3 }, () => createPostgresDb(withDatabase(adminUrl, fresh)));
		try {
			await Promise.all(nodes.map((node) => migratePostgres(node)));
			const applied = await nodes[0]!.$client.query<{ n: number }>(
				'select count(*)::int as n from drizzle.__drizzle_migrations'
			);
			const journal = JSON.parse(
				readFileSync(join(postgresMigrationsFolder(), 'meta', '_journal.json'), 'utf8')
			) as { entries: unknown[] };
			expect(applied.rows).toEqual([{ n: journal.entries.length }]);
		} finally {
			await Promise.all(nodes.map((node) => node.$client.end()));
			await onMaintenanceDatabase(adminUrl, `drop database if exists ${fresh} with (force)`);
		}
	});

	it('create every pg-core table with its columns, SQL types and nullability', async () => {
		const columns = await rows<{ table: string; name: string; type: string; notNull: boolean }>(
			`select table_name as table, column_name as name, data_type as type,
				is_nullable = 'NO' as "notNull"
			from information_schema.columns where table_schema = 'public'`
		);
		const inDatabase = (table: string) =>
			columns
				.filter((column) => column.table === table)
				.map(({ name, type, notNull }) => ({ name, type, notNull }))
				.sort((a, b) => a.name.localeCompare(b.name));
		for (const table of tablesOf(pgSchema)) {
			const config = getTableConfig(table as Parameters<typeof getTableConfig>[0]);
			const declared = config.columns
				.map((column) => ({
					name: column.name,
					type: column.getSQLType(),
					notNull: column.notNull
				}))
				.sort((a, b) => a.name.localeCompare(b.name));
			expect(inDatabase(config.name), config.name).toEqual(declared);
		}
		const tables = new Set(columns.map((column) => column.table));
		expect(tables.size).toBe(tablesOf(pgSchema).length + searchTables.length);
	});

	it('create the tables the SQLite migrations create, full-text ones included', async () => {
		// FTS5 keeps its index in shadow tables (clients_search_data, …): not tables of ours.
		const shadow = searchTables.flatMap((table) =>
			['data', 'idx', 'content', 'docsize', 'config'].map((part) => `${table}_${part}`)
		);
		const inSqlite = sqliteNames(
			`select name from sqlite_master where type = 'table'
			and name not like 'sqlite_%' and name not like '__drizzle%'`
		).filter((table) => !shadow.includes(table));
		const inPostgres = await rows<{ name: string }>(
			`select table_name as name from information_schema.tables where table_schema = 'public'`
		);
		expect(sorted(inPostgres.map((row) => row.name))).toEqual(inSqlite);
	});

	it('create every index the SQLite migrations create, by name', async () => {
		const inSqlite = sqliteNames(
			`select name from sqlite_master where type = 'index' and name not like 'sqlite_%'`
		);
		// Primary keys are named indexes on PostgreSQL only; the search indexes are GIN ones.
		const inPostgres = await rows<{ name: string }>(
			`select indexname as name from pg_indexes where schemaname = 'public'
			and indexname not in (select conname from pg_constraint where contype = 'p')`
		);
		expect(sorted(inPostgres.map((row) => row.name))).toEqual(
			sorted([...inSqlite, 'clients_search_document_idx', 'response_texts_document_idx'])
		);
	});

	it('create a twin of every SQLite trigger, by name', async () => {
		const inSqlite = sqliteNames(`select name from sqlite_master where type = 'trigger'`);
		const inPostgres = await rows<{ name: string }>(
			`select tgname as name from pg_trigger where not tgisinternal`
		);
		expect(sorted(inPostgres.map((row) => row.name))).toEqual(
			inSqlite.filter((trigger) => !replacedByCascade.includes(trigger))
		);
	});
});
