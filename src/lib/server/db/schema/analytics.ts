import { blob, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { CsiCell } from '../../../analytics/csi-cell';
import { timestamp } from './columns';
import { csiModels } from './models';
import { surveyVersions } from './surveys';

/**
 * Sums of the responses of one survey version, one day (or month) and one dimension ('' for everyone,
 * `segment:3`, `tag:vip`, `manager:<id>`, `language:de`): a `CsiCell` (src/lib/analytics/csi-cell.ts),
 * updated in the same transaction as each response so the dashboard's cost does not grow with them.
 */
export const csiCells = sqliteTable(
	'csi_cells',
	{
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'cascade' }),
		dimension: text('dimension').notNull(),
		/** UTC day `YYYY-MM-DD`, or month `YYYY-MM` for the same responses summed by month. */
		day: text('day').notNull(),
		cell: text('cell', { mode: 'json' }).$type<CsiCell>().notNull()
	},
	(table) => [primaryKey({ columns: [table.surveyVersionId, table.dimension, table.day] })]
);

/**
 * Names the packed chunks refer to by number: a response's dimensions, a language, a question, a
 * factor. Rows are only ever added, so a number once read keeps its name.
 */
export const analyticsNames = sqliteTable('analytics_names', {
	id: integer('id').primaryKey(),
	name: text('name').notNull().unique()
});

/**
 * Every response of one survey version and UTC day, packed as its ratings, NPS answer, value and
 * dimensions (src/lib/analytics/score-chunk.ts): selections no cell covers are summed from these
 * instead of from the answers. Triggers mark a day stale whenever its responses or answers change
 * (`stale_score_chunks`); the analytics worker repacks it, and readers take a stale day from the
 * responses themselves until then.
 */
export const scoreChunks = sqliteTable(
	'score_chunks',
	{
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'cascade' }),
		/** UTC day `YYYY-MM-DD`. */
		day: text('day').notNull(),
		rows: blob('rows', { mode: 'buffer' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.surveyVersionId, table.day] })]
);

/** Days whose score chunk no longer matches their responses, written by triggers (drizzle/0024_chunk_triggers.sql). */
export const staleScoreChunks = sqliteTable(
	'stale_score_chunks',
	{
		surveyVersionId: integer('survey_version_id').notNull(),
		day: text('day').notNull()
	},
	(table) => [primaryKey({ columns: [table.surveyVersionId, table.day] })]
);

/**
 * The tone of every scored text of one day, packed (src/lib/analytics/tone-chunk.ts): open answers
 * by survey version (`answers:<version id>`) and reviews by source (`reviews:<source>`). The
 * sentiment panels count these instead of reading every text; kept like `score_chunks`.
 */
export const toneChunks = sqliteTable(
	'tone_chunks',
	{
		source: text('source').notNull(),
		day: text('day').notNull(),
		rows: blob('rows', { mode: 'buffer' }).notNull()
	},
	(table) => [primaryKey({ columns: [table.source, table.day] })]
);

/** Days whose tone chunk no longer matches their texts, written by triggers. */
export const staleToneChunks = sqliteTable(
	'stale_tone_chunks',
	{
		source: text('source').notNull(),
		day: text('day').notNull()
	},
	(table) => [primaryKey({ columns: [table.source, table.day] })]
);

/** The owner's lines on a model's dashboard. */
export const dashboardSettings = sqliteTable('dashboard_settings', {
	modelId: integer('model_id')
		.primaryKey()
		.references(() => csiModels.id, { onDelete: 'cascade' }),
	target: real('target'),
	referenceValue: real('reference_value'),
	referenceLabel: text('reference_label'),
	/**
	 * Whether a client's one-click answer from the email counts as a (partial) response once their
	 * link expires unfinished: in the clicked question's factor score, and in the CSI only as its
	 * coverage rule allows. Off by default: an owner chooses it (invitations/expired-partials.ts).
	 */
	countOneClickPartials: integer('count_one_click_partials', { mode: 'boolean' })
		.notNull()
		.default(false),
	updatedAt: timestamp('updated_at').notNull()
});
