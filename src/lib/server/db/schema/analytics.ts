import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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

/** The owner's lines on a model's dashboard. */
export const dashboardSettings = sqliteTable('dashboard_settings', {
	modelId: integer('model_id')
		.primaryKey()
		.references(() => csiModels.id, { onDelete: 'cascade' }),
	target: real('target'),
	referenceValue: real('reference_value'),
	referenceLabel: text('reference_label'),
	updatedAt: timestamp('updated_at').notNull()
});
