import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ResponseContext } from '../../../analytics/dimensions';
import { timestamp } from './columns';
import { clients } from './clients';
import { sentimentColumns } from './sentiment';
import { surveyVersions } from './surveys';

/**
 * Answered through a link; imported from a company's earlier surveys; or a one-click answer from
 * the invitation email whose link expired unfinished, counted when the owner chose so.
 */
export const responseSources = ['survey', 'import', 'one-click'] as const;

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
		source: text('source', { enum: responseSources }).notNull().default('survey'),
		/**
		 * The client as they were when answering (segments, tags, account manager, annual value), so
		 * history does not shift when a client later moves segment.
		 */
		context: text('context', { mode: 'json' })
			.$type<ResponseContext>()
			.notNull()
			.default(sql`'{}'`),
		/**
		 * The respondent's score on 0–100 (src/lib/responses/response-score.ts): their CSI under the
		 * current weights of the survey's model, or their mean rating for a survey without one; null
		 * when it cannot be computed (too little of the model answered, no ratings). Stored so the
		 * inbox filters by it with an index; `scoreBasis` says which weights made it.
		 */
		score: real('score'),
		/**
		 * The `model_versions.id` whose weights made `score`, 0 for a survey without a model, null
		 * while not scored yet: a score whose basis is not its model's current version is recomputed
		 * in the background (src/lib/server/responses/scores.ts).
		 */
		scoreBasis: integer('score_basis'),
		/** Staff's internal note on the response; never shown to the client. */
		note: text('note'),
		/** When the note last changed; who changed it is in the audit log. */
		noteUpdatedAt: timestamp('note_updated_at')
	},
	(table) => [
		index('responses_version_idx').on(table.surveyVersionId, table.submittedAt),
		index('responses_client_idx').on(table.clientId),
		// The inbox lists newest first, a page at a time from the last one shown (keyset).
		index('responses_submitted_idx').on(table.submittedAt, table.id),
		index('responses_score_idx').on(table.score)
	]
);

/**
 * The saved segments a response's client was in when answering — its context's `segments`, one
 * row each — so the inbox filters by segment through an index. Triggers keep it in step with
 * `responses.context` (drizzle/0021_response_inbox_triggers.sql): every write of a context, now or later, updates it. No
 * reference to `segments`: a deleted segment's id may stay in old contexts.
 */
export const responseSegments = sqliteTable(
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

/** Staff's labels on a response ("callback", "pricing"), lower-case; the inbox filters by them. */
export const responseTags = sqliteTable(
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
	(table) => [
		primaryKey({ columns: [table.responseId, table.questionId] }),
		// The inbox's tone filter: the open answers of one tone, by response.
		index('answers_tone_idx')
			.on(table.sentimentLabel, table.responseId)
			.where(sql`${table.text} is not null`)
	]
);
