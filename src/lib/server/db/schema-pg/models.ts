import {
	doublePrecision,
	integer,
	json,
	pgTable,
	primaryKey,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import type { VersionNoteCode, VersionNoteParams } from '../../../analytics/version-note';
import type { KeywordsByLanguage } from '../../../sentiment/types';
import { users } from './auth';
import { timestamp } from './columns';

// The PostgreSQL twins of ../schema/models.ts; schema-pg.test.ts checks they match.

export const csiModels = pgTable('csi_models', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull().unique(),
	description: text('description'),
	createdAt: timestamp('created_at').notNull()
});

export const factors = pgTable(
	'factors',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		modelId: integer('model_id')
			.notNull()
			.references(() => csiModels.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		name: text('name').notNull(),
		description: text('description'),
		keywords: json('keywords').$type<string[]>().notNull(),
		keywordsByLanguage: json('keywords_by_language')
			.$type<KeywordsByLanguage>()
			.notNull()
			.default({}),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [uniqueIndex('factors_model_key_idx').on(table.modelId, table.key)]
);

export const modelVersions = pgTable(
	'model_versions',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		modelId: integer('model_id')
			.notNull()
			.references(() => csiModels.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		noteCode: text('note_code').$type<VersionNoteCode>(),
		noteParams: json('note_params').$type<VersionNoteParams>(),
		note: text('note'),
		weightSource: text('weight_source', { enum: ['stated', 'derived'] }).notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [uniqueIndex('model_versions_model_version_idx').on(table.modelId, table.version)]
);

export const factorWeights = pgTable(
	'factor_weights',
	{
		versionId: integer('version_id')
			.notNull()
			.references(() => modelVersions.id, { onDelete: 'cascade' }),
		factorId: integer('factor_id')
			.notNull()
			.references(() => factors.id, { onDelete: 'cascade' }),
		weight: doublePrecision('weight').notNull()
	},
	(table) => [primaryKey({ columns: [table.versionId, table.factorId] })]
);
