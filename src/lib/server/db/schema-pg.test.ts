import { getTableName, sql, type Table } from 'drizzle-orm';
import {
	boolean,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	real,
	text,
	timestamp as pgTimestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { locales } from '../../paraglide/runtime';
import { roles } from '../../roles';
import { signInMethods } from '../../sign-in-options';
import * as sqliteSchema from './schema/all';
import * as pgSchema from './schema-pg';
import * as pgAuth from './schema-pg/auth';
import * as pgClients from './schema-pg/clients';
import { bytea, timestamp } from './schema-pg/columns';
import { schemaDifferences, tablesOf } from './schema-shape';

type Module = Record<string, unknown>;
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
/** Each folder's area files by name, without those that gather them (index.ts, schema/all.ts). */
const areaFiles = (files: Record<string, Module>) =>
	new Map(
		Object.entries(files)
			.filter(([path]) => !['index.ts', 'all.ts'].includes(fileName(path)))
			.map(([path, module]) => [fileName(path), module])
	);
const sqliteAreas = areaFiles(import.meta.glob<Module>('./schema/*.ts', { eager: true }));
const pgAreas = areaFiles(import.meta.glob<Module>('./schema-pg/*.ts', { eager: true }));
const areasWithTables = [...sqliteAreas].filter(([, module]) => tablesOf(module).length > 0);

describe('the PostgreSQL schema', () => {
	it.each(areasWithTables)(
		'has the tables of schema/%s in its namesake, column for column',
		(file, sqlite) => {
			const pg = pgAreas.get(file);
			expect(pg, `schema-pg/${file} is missing`).toBeDefined();
			expect(schemaDifferences(tablesOf(sqlite), tablesOf(pg ?? {}))).toEqual([]);
		}
	);

	it('has no area file without a SQLite namesake', () => {
		expect([...pgAreas.keys()].filter((file) => !sqliteAreas.has(file))).toEqual([]);
	});

	it('exports every table of the SQLite schema, and no other, from its index', () => {
		expect(tablesOf(sqliteSchema).length).toBeGreaterThanOrEqual(40);
		expect(schemaDifferences(tablesOf(sqliteSchema), tablesOf(pgSchema))).toEqual([]);
	});
});

// Altered copies of PostgreSQL tables, each differing from its SQLite twin in one way.

const usersColumns = () => ({
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	language: text('language', { enum: locales }),
	passwordHash: text('password_hash'),
	deactivatedAt: timestamp('deactivated_at'),
	createdAt: timestamp('created_at').notNull()
});

const tagsColumns = () => ({
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull()
});

const sessionsColumns = () => ({
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => pgAuth.users.id, { onDelete: 'cascade' }),
	secretHash: bytea('secret_hash').notNull(),
	createdAt: timestamp('created_at').notNull(),
	lastVerifiedAt: timestamp('last_verified_at').notNull(),
	method: text('method', { enum: signInMethods }).notNull().default('password')
});

/** The differences once `altered` replaces its namesake among the PostgreSQL tables. */
function differencesWith(altered: Table): string[] {
	return schemaDifferences(
		tablesOf(sqliteSchema),
		tablesOf(pgSchema).map((table) =>
			getTableName(table) === getTableName(altered) ? altered : table
		)
	);
}

describe('the comparison of the two schemas', () => {
	it('names a column missing in PostgreSQL, and the index that used it', () => {
		const tags = pgTable('tags', { id: integer('id').primaryKey().generatedByDefaultAsIdentity() });
		expect(differencesWith(tags)).toEqual([
			'tags column name: only in SQLite',
			'tags index tags_name_idx: only in SQLite'
		]);
	});

	it('names a column only PostgreSQL has', () => {
		const tags = pgTable('tags', { ...tagsColumns(), colour: text('colour') }, (table) => [
			uniqueIndex('tags_name_idx').on(sql`lower(${table.name})`)
		]);
		expect(differencesWith(tags)).toEqual(['tags column colour: only in PostgreSQL']);
	});

	it('names a column that may be null on one side only', () => {
		const tags = pgTable(
			'tags',
			{ id: integer('id').primaryKey().generatedByDefaultAsIdentity(), name: text('name') },
			(table) => [uniqueIndex('tags_name_idx').on(sql`lower(${table.name})`)]
		);
		expect(differencesWith(tags)).toEqual([
			expect.stringMatching(
				/^tags column name: SQLite .*"notNull":true.*PostgreSQL .*"notNull":false/
			)
		]);
	});

	it('names an index over a column where SQLite indexes an expression of it', () => {
		const tags = pgTable('tags', tagsColumns(), (table) => [
			uniqueIndex('tags_name_idx').on(table.name)
		]);
		expect(differencesWith(tags)).toEqual([
			'tags index tags_name_idx: SQLite {"name":"tags_name_idx","unique":true,"partial":false,"on":["expr(name)"]}, PostgreSQL {"name":"tags_name_idx","unique":true,"partial":false,"on":["name"]}'
		]);
	});

	it('names an index that is unique on one side only', () => {
		const tags = pgTable('tags', tagsColumns(), (table) => [
			index('tags_name_idx').on(sql`lower(${table.name})`)
		]);
		expect(differencesWith(tags)).toEqual([
			expect.stringMatching(/^tags index tags_name_idx: SQLite .*"unique":true.*"unique":false/)
		]);
	});

	it('names a column whose JavaScript value differs: a number for a boolean', () => {
		const users = pgTable('users', {
			...usersColumns(),
			contactDataGranted: integer('contact_data_granted').notNull().default(0)
		});
		expect(differencesWith(users)).toEqual([
			expect.stringMatching(
				/^users column contact_data_granted: SQLite .*"jsType":"boolean".*"default":"value false".*PostgreSQL .*"jsType":"number".*"default":"value 0"/
			)
		]);
	});

	it('names a different default', () => {
		const users = pgTable('users', {
			...usersColumns(),
			contactDataGranted: boolean('contact_data_granted').notNull().default(true)
		});
		expect(differencesWith(users)).toEqual([
			expect.stringMatching(/^users column contact_data_granted: .*"value false".*"value true"/)
		]);
	});

	it('names a timestamp read as text instead of a Date', () => {
		const sessions = pgTable(
			'sessions',
			{
				...sessionsColumns(),
				createdAt: pgTimestamp('created_at', { withTimezone: true, mode: 'string' }).notNull()
			},
			(table) => [index('sessions_user_idx').on(table.userId)]
		);
		expect(differencesWith(sessions)).toEqual([
			expect.stringMatching(
				/^sessions column created_at: SQLite .*"jsType":"date".*PostgreSQL .*"jsType":"string"/
			)
		]);
	});

	it('names JSON kept as plain text', () => {
		const segments = pgTable('segments', {
			id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
			name: text('name').notNull().unique(),
			filter: text('filter').notNull(),
			createdBy: text('created_by').references(() => pgAuth.users.id, { onDelete: 'set null' }),
			createdAt: timestamp('created_at').notNull(),
			updatedAt: timestamp('updated_at').notNull()
		});
		expect(differencesWith(segments)).toEqual([
			expect.stringMatching(/^segments column filter: SQLite .*"json".*PostgreSQL .*"string"/)
		]);
	});

	it('names a missing index, a different foreign key action and a lost unique constraint', () => {
		const sessions = pgTable('sessions', {
			...sessionsColumns(),
			userId: text('user_id')
				.notNull()
				.references(() => pgAuth.users.id)
		});
		const users = pgTable('users', {
			...usersColumns(),
			email: text('email').notNull(),
			contactDataGranted: boolean('contact_data_granted').notNull().default(false)
		});
		const pgTables = tablesOf(pgSchema).map((table) =>
			table === pgAuth.sessions ? sessions : table === pgAuth.users ? users : table
		);
		expect(schemaDifferences(tablesOf(sqliteSchema), pgTables)).toEqual([
			expect.stringMatching(
				/^users column email: SQLite .*"unique":"users_email_unique".*"unique":null/
			),
			expect.stringMatching(
				/^sessions foreign key sessions_user_id_users_id_fk: .*"cascade".*"no action"/
			),
			'sessions index sessions_user_idx: only in SQLite'
		]);
	});

	it('names a primary key over different columns', () => {
		const clientTags = pgTable(
			'client_tags',
			{
				clientId: integer('client_id')
					.notNull()
					.references(() => pgClients.clients.id, { onDelete: 'cascade' }),
				tagId: integer('tag_id')
					.notNull()
					.references(() => pgClients.tags.id, { onDelete: 'cascade' })
			},
			(table) => [
				primaryKey({ columns: [table.tagId, table.clientId] }),
				index('client_tags_tag_idx').on(table.tagId, table.clientId)
			]
		);
		expect(differencesWith(clientTags)).toEqual([
			'client_tags primary key client_tags_client_id_tag_id_pk: only in SQLite',
			'client_tags primary key client_tags_tag_id_client_id_pk: only in PostgreSQL'
		]);
	});

	it('names a table missing on either side', () => {
		const extra = pgTable('extra', { id: text('id').primaryKey() });
		expect(
			schemaDifferences(tablesOf(sqliteSchema), [
				...tablesOf(pgSchema).filter((table) => table !== pgClients.segments),
				extra
			])
		).toEqual(['table segments: only in SQLite', 'table extra: only in PostgreSQL']);
	});

	it('names JSON kept as jsonb, which reorders keys and so changes the text read back', () => {
		const segments = pgTable('segments', {
			id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
			name: text('name').notNull().unique(),
			filter: jsonb('filter').notNull(),
			createdBy: text('created_by').references(() => pgAuth.users.id, { onDelete: 'set null' }),
			createdAt: timestamp('created_at').notNull(),
			updatedAt: timestamp('updated_at').notNull()
		});
		expect(differencesWith(segments)).toEqual([
			expect.stringMatching(/^segments column filter: SQLite .*"json".*PostgreSQL .*"jsonb"/)
		]);
	});
	it('names a rowid key SQLite numbers itself but PostgreSQL would not', () => {
		const analyticsNames = pgTable('analytics_names', {
			id: integer('id').primaryKey(),
			name: text('name').notNull().unique()
		});
		expect(differencesWith(analyticsNames)).toEqual([
			expect.stringMatching(
				/^analytics_names column id: SQLite .*"default":"generated key".*PostgreSQL .*"default":"none"/
			)
		]);
	});

	it('takes a key that references another table as written by the code', () => {
		const dashboardSettings = pgTable('dashboard_settings', {
			modelId: integer('model_id')
				.primaryKey()
				.generatedByDefaultAsIdentity()
				.references(() => pgSchema.csiModels.id, { onDelete: 'cascade' }),
			target: doublePrecision('target'),
			referenceValue: doublePrecision('reference_value'),
			referenceLabel: text('reference_label'),
			countOneClickPartials: boolean('count_one_click_partials').notNull().default(false),
			updatedAt: timestamp('updated_at').notNull()
		});
		expect(differencesWith(dashboardSettings)).toEqual([
			expect.stringMatching(
				/^dashboard_settings column model_id: SQLite .*"default":"none".*PostgreSQL .*"default":"generated key"/
			)
		]);
	});

	it('names a 4-byte real where SQLite keeps 8 bytes', () => {
		const factorWeights = pgTable(
			'factor_weights',
			{
				versionId: integer('version_id')
					.notNull()
					.references(() => pgSchema.modelVersions.id, { onDelete: 'cascade' }),
				factorId: integer('factor_id')
					.notNull()
					.references(() => pgSchema.factors.id, { onDelete: 'cascade' }),
				weight: real('weight').notNull()
			},
			(table) => [primaryKey({ columns: [table.versionId, table.factorId] })]
		);
		expect(differencesWith(factorWeights)).toEqual([
			expect.stringMatching(
				/^factor_weights column weight: SQLite .*"jsType":"number".*PostgreSQL .*"jsType":"number \(4 bytes\)"/
			)
		]);
	});

	it('names a packed chunk kept as text instead of bytes', () => {
		const scoreChunks = pgTable(
			'score_chunks',
			{
				surveyVersionId: integer('survey_version_id')
					.notNull()
					.references(() => pgSchema.surveyVersions.id, { onDelete: 'cascade' }),
				day: text('day').notNull(),
				rows: text('rows').notNull()
			},
			(table) => [primaryKey({ columns: [table.surveyVersionId, table.day] })]
		);
		expect(differencesWith(scoreChunks)).toEqual([
			expect.stringMatching(/^score_chunks column rows: SQLite .*"buffer".*PostgreSQL .*"string"/)
		]);
	});
});
