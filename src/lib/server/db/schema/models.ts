import { integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import type { KeywordsByLanguage } from '../../../sentiment/types';
import type { VersionNoteCode, VersionNoteParams } from '../../../analytics/version-note';
import { users } from './auth';

/** A set of weighted satisfaction factors, e.g. "Airline service". */
export const csiModels = sqliteTable('csi_models', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	description: text('description'),
	createdAt: timestamp('created_at').notNull()
});

/** A factor keeps its identity across weight versions; its wording may be edited in place. */
export const factors = sqliteTable(
	'factors',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		modelId: integer('model_id')
			.notNull()
			.references(() => csiModels.id, { onDelete: 'cascade' }),
		/** Stable machine name (`punctuality`): survey questions refer to it. */
		key: text('key').notNull(),
		name: text('name').notNull(),
		description: text('description'),
		/** Words that mark a clause as being about this factor (aspect sentiment), in any language. */
		keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
		/** More such words, each list only for texts in its language ("Verspätung" for German). */
		keywordsByLanguage: text('keywords_by_language', { mode: 'json' })
			.$type<KeywordsByLanguage>()
			.notNull()
			.default({}),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [uniqueIndex('factors_model_key_idx').on(table.modelId, table.key)]
);

/** Weights are never edited in place: each change is a new version, so history stays as it was. */
export const modelVersions = sqliteTable(
	'model_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		modelId: integer('model_id')
			.notNull()
			.references(() => csiModels.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		/** A note Satisfy writes, worded when shown (analytics/version-note.ts). */
		noteCode: text('note_code').$type<VersionNoteCode>(),
		noteParams: text('note_params', { mode: 'json' }).$type<VersionNoteParams>(),
		/** A person's note; Satisfy's own, as written, on versions from before the codes. */
		note: text('note'),
		/** Stated by a manager, or derived from clients' importance answers. */
		weightSource: text('weight_source', { enum: ['stated', 'derived'] }).notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [uniqueIndex('model_versions_model_version_idx').on(table.modelId, table.version)]
);

export const factorWeights = sqliteTable(
	'factor_weights',
	{
		versionId: integer('version_id')
			.notNull()
			.references(() => modelVersions.id, { onDelete: 'cascade' }),
		factorId: integer('factor_id')
			.notNull()
			.references(() => factors.id, { onDelete: 'cascade' }),
		/** Any positive number; shares are weight / sum of the version's weights. */
		weight: real('weight').notNull()
	},
	(table) => [primaryKey({ columns: [table.versionId, table.factorId] })]
);
