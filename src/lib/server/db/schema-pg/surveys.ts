import { integer, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { surveyStatuses } from '../schema/surveys';
import { users } from './auth';
import { timestamp } from './columns';
import { csiModels } from './models';

// The PostgreSQL twins of ../schema/surveys.ts; schema-pg.test.ts checks they match.

export const surveys = pgTable('surveys', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull(),
	modelId: integer('model_id').references(() => csiModels.id, { onDelete: 'restrict' }),
	status: text('status', { enum: surveyStatuses }).notNull(),
	publicLinkId: text('public_link_id').unique(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

export const surveyVersions = pgTable(
	'survey_versions',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		definition: json('definition').notNull(),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(table) => [uniqueIndex('survey_versions_survey_version_idx').on(table.surveyId, table.version)]
);
