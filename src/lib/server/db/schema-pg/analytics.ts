import {
	boolean,
	doublePrecision,
	integer,
	json,
	pgTable,
	primaryKey,
	text
} from 'drizzle-orm/pg-core';
import type { CsiCell } from '../../../analytics/csi-cell';
import { bytea, timestamp } from './columns';
import { csiModels } from './models';
import { surveyVersions } from './surveys';

// The PostgreSQL twins of ../schema/analytics.ts; schema-pg.test.ts checks they match. The
// triggers that fill stale_score_chunks and stale_tone_chunks are in
// drizzle-pg/0001_search_and_triggers.sql.

export const csiCells = pgTable(
	'csi_cells',
	{
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'cascade' }),
		dimension: text('dimension').notNull(),
		day: text('day').notNull(),
		// `json` keeps the text as written: a cell's sums read back exact to the bit.
		cell: json('cell').$type<CsiCell>().notNull()
	},
	(table) => [primaryKey({ columns: [table.surveyVersionId, table.dimension, table.day] })]
);

// SQLite numbers a row whose insert leaves `id` out (names.ts does): identity does it here.
export const analyticsNames = pgTable('analytics_names', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull().unique()
});

export const scoreChunks = pgTable(
	'score_chunks',
	{
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'cascade' }),
		day: text('day').notNull(),
		rows: bytea('rows').notNull()
	},
	(table) => [primaryKey({ columns: [table.surveyVersionId, table.day] })]
);

export const staleScoreChunks = pgTable(
	'stale_score_chunks',
	{
		surveyVersionId: integer('survey_version_id').notNull(),
		day: text('day').notNull()
	},
	(table) => [primaryKey({ columns: [table.surveyVersionId, table.day] })]
);

export const toneChunks = pgTable(
	'tone_chunks',
	{
		source: text('source').notNull(),
		day: text('day').notNull(),
		rows: bytea('rows').notNull()
	},
	(table) => [primaryKey({ columns: [table.source, table.day] })]
);

export const staleToneChunks = pgTable(
	'stale_tone_chunks',
	{
		source: text('source').notNull(),
		day: text('day').notNull()
	},
	(table) => [primaryKey({ columns: [table.source, table.day] })]
);

export const dashboardSettings = pgTable('dashboard_settings', {
	modelId: integer('model_id')
		.primaryKey()
		.references(() => csiModels.id, { onDelete: 'cascade' }),
	target: doublePrecision('target'),
	referenceValue: doublePrecision('reference_value'),
	referenceLabel: text('reference_label'),
	/**
	 * Whether a client's one-click answer from the email counts as a (partial) response once their
	 * link expires unfinished: in the clicked question's factor score, and in the CSI only as its
	 * coverage rule allows. Off by default: an owner chooses it (invitations/expired-partials.ts).
	 */
	countOneClickPartials: boolean('count_one_click_partials').notNull().default(false),
	updatedAt: timestamp('updated_at').notNull()
});
