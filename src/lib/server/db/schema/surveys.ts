import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { users } from './auth';
import { csiModels } from './models';

export const surveyStatuses = ['draft', 'open', 'closed', 'archived'] as const;

export const surveys = sqliteTable('surveys', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** The staff's name for the survey; respondents see the definition's title. */
	name: text('name').notNull(),
	modelId: integer('model_id').references(() => csiModels.id, { onDelete: 'restrict' }),
	status: text('status', { enum: surveyStatuses }).notNull(),
	/** Set while the survey has a public, anonymous link (`/p/<id>`); null when it has none. */
	publicLinkId: text('public_link_id').unique(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

/** A survey's questions as answered: responses point at the version their respondent saw. */
export const surveyVersions = sqliteTable(
	'survey_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		/** A `SurveyDefinition` (src/lib/schemas/survey.ts). */
		definition: text('definition', { mode: 'json' }).notNull(),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(table) => [uniqueIndex('survey_versions_survey_version_idx').on(table.surveyId, table.version)]
);
