import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditSync, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { csiModels, dashboardSettings } from '../db/schema';
import { refuse, type Result } from '../../result';

export const MAX_REFERENCE_LABEL = 80;

// An empty form field means "no line": it is stored as null, not as 0.
const optionalScore = (what: string) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? null : value),
		z.coerce
			.number({ error: `Give the ${what} as a number from 0 to 100` })
			.min(0, { error: `Give the ${what} as a number from 0 to 100` })
			.max(100, { error: `Give the ${what} as a number from 0 to 100` })
			.nullable()
	);

/** The owner's lines on a model's dashboard: a target, and a labelled outside reference. */
export const dashboardSettingsSchema = z
	.object({
		target: optionalScore('target').default(null),
		referenceValue: optionalScore('reference value').default(null),
		referenceLabel: z
			.string()
			.trim()
			.max(MAX_REFERENCE_LABEL, {
				error: `Use at most ${MAX_REFERENCE_LABEL} characters for the label`
			})
			.transform((label) => label || null)
			.nullable()
			.default(null)
	})
	.refine((settings) => settings.referenceValue === null || settings.referenceLabel !== null, {
		error:
			'Name the reference, e.g. “ACSI airlines 2024”, so nobody mistakes it for your own number',
		path: ['referenceLabel']
	})
	.refine((settings) => settings.referenceLabel === null || settings.referenceValue !== null, {
		error: 'Give the reference value too, or clear the label',
		path: ['referenceValue']
	});

export type DashboardSettings = z.output<typeof dashboardSettingsSchema>;

const noLines: DashboardSettings = { target: null, referenceValue: null, referenceLabel: null };

export function dashboardSettingsOf(db: Queryable, modelId: number): DashboardSettings {
	const row = db
		.select()
		.from(dashboardSettings)
		.where(eq(dashboardSettings.modelId, modelId))
		.get();
	return row
		? { target: row.target, referenceValue: row.referenceValue, referenceLabel: row.referenceLabel }
		: noLines;
}

export function saveDashboardSettings(
	db: Db,
	modelId: number,
	settings: DashboardSettings,
	actor: Actor
): Result {
	return db.transaction((tx) => {
		if (!tx.select({ id: csiModels.id }).from(csiModels).where(eq(csiModels.id, modelId)).get()) {
			return refuse(404, 'This CSI model does not exist any more.');
		}
		const row = { ...settings, updatedAt: new Date() };
		tx.insert(dashboardSettings)
			.values({ modelId, ...row })
			.onConflictDoUpdate({ target: dashboardSettings.modelId, set: row })
			.run();
		recordAuditSync(tx, actor, 'dashboard.settings', `model:${modelId}`, { ...settings });
		return { ok: true as const };
	});
}
