import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ResponseContext } from '../../../analytics/dimensions';
import { timestamp } from './columns';
import { clients } from './clients';
import { sentimentColumns } from './sentiment';
import { surveyVersions } from './surveys';

export const responseSources = ['survey', 'import'] as const;

export const responses = sqliteTable(
	'responses',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'restrict' }),
		/** Null for anonymous answers and once the client is erased: the answers stay, anonymised. */
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		language: text('language').notNull(),
		submittedAt: timestamp('submitted_at').notNull(),
		/** Answered through a link, or imported from a company's earlier surveys. */
		source: text('source', { enum: responseSources }).notNull().default('survey'),
		/**
		 * The client as they were when answering (segments, tags, account manager, annual value), so
		 * history does not shift when a client later moves segment.
		 */
		context: text('context', { mode: 'json' })
			.$type<ResponseContext>()
			.notNull()
			.default(sql`'{}'`)
	},
	(table) => [
		index('responses_version_idx').on(table.surveyVersionId, table.submittedAt),
		index('responses_client_idx').on(table.clientId)
	]
);

export const answers = sqliteTable(
	'answers',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		/** 1–5 or 0–10; null when not applicable or not a scale question. */
		score: integer('score'),
		notApplicable: integer('not_applicable', { mode: 'boolean' }).notNull().default(false),
		text: text('text'),
		choices: text('choices', { mode: 'json' }).$type<string[]>(),
		...sentimentColumns()
	},
	(table) => [primaryKey({ columns: [table.responseId, table.questionId] })]
);
