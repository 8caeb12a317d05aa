import { sql } from 'drizzle-orm';
import {
	boolean,
	doublePrecision,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text
} from 'drizzle-orm/pg-core';
import type { ResponseContext } from '../../../analytics/dimensions';
import { responseSources } from '../schema/responses';
import { clients } from './clients';
import { timestamp } from './columns';
import { sentimentColumns } from './sentiment';
import { surveyVersions } from './surveys';

// The PostgreSQL twins of ../schema/responses.ts; schema-pg.test.ts checks they match. The
// triggers that keep response_segments and the full-text index `response_texts` in step are in
// drizzle-pg/0001_search_and_triggers.sql.

export const responses = pgTable(
	'responses',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'restrict' }),
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		language: text('language').notNull(),
		submittedAt: timestamp('submitted_at').notNull(),
		source: text('source', { enum: responseSources }).notNull().default('survey'),
		context: json('context')
			.$type<ResponseContext>()
			.notNull()
			.default(sql`'{}'`),
		score: doublePrecision('score'),
		scoreBasis: integer('score_basis'),
		note: text('note'),
		noteUpdatedAt: timestamp('note_updated_at')
	},
	(table) => [
		index('responses_version_idx').on(table.surveyVersionId, table.submittedAt),
		index('responses_client_idx').on(table.clientId),
		index('responses_submitted_idx').on(table.submittedAt, table.id),
		index('responses_score_idx').on(table.score)
	]
);

export const responseSegments = pgTable(
	'response_segments',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		segmentId: integer('segment_id').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.responseId, table.segmentId] }),
		index('response_segments_segment_idx').on(table.segmentId, table.responseId)
	]
);

export const responseTags = pgTable(
	'response_tags',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		tag: text('tag').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.responseId, table.tag] }),
		index('response_tags_tag_idx').on(table.tag, table.responseId)
	]
);

export const answers = pgTable(
	'answers',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		score: integer('score'),
		notApplicable: boolean('not_applicable').notNull().default(false),
		text: text('text'),
		choices: json('choices').$type<string[]>(),
		...sentimentColumns()
	},
	(table) => [
		primaryKey({ columns: [table.responseId, table.questionId] }),
		index('answers_tone_idx')
			.on(table.sentimentLabel, table.responseId)
			.where(sql`${table.text} is not null`)
	]
);
