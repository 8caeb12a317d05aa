import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { csiModels, dashboardSettings } from '../db/schema';
import { inTransaction } from '../db/transaction';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';

export const MAX_REFERENCE_LABEL = 80;

// An empty form field means "no line": it is stored as null, not as 0.
const optionalScore = (outOfRange: () => string) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? null : value),
		z.coerce
			.number({ error: outOfRange })
			.min(0, { error: outOfRange })
			.max(100, { error: outOfRange })
			.nullable()
	);

/** The owner's lines on a model's dashboard: a target, and a labelled outside reference. */
export const dashboardSettingsSchema = z
	.object({
		target: optionalScore(() => m.analytics_target_range()).default(null),
		referenceValue: optionalScore(() => m.analytics_reference_value_range()).default(null),
		referenceLabel: z
			.string()
			.trim()
			.max(MAX_REFERENCE_LABEL, {
				error: () => m.analytics_reference_label_too_long({ max: MAX_REFERENCE_LABEL })
			})
			.transform((label) => label || null)
			.nullable()
			.default(null)
	})
	.refine((settings) => settings.referenceValue === null || settings.referenceLabel !== null, {
		error: () => m.analytics_reference_label_required(),
		path: ['referenceLabel']
	})
	.refine((settings) => settings.referenceLabel === null || settings.referenceValue !== null, {
		error: () => m.analytics_reference_value_required(),
		path: ['referenceValue']
	});

export type DashboardSettings = z.output<typeof dashboardSettingsSchema>;

const noLines: DashboardSettings = { target: null, referenceValue: null, referenceLabel: null };

/** The owner's choices for a model's dashboard: its lines, and whether one-click partials count. */
type ModelDashboardSettings = DashboardSettings & { countOneClickPartials: boolean };

export async function dashboardSettingsOf(
	db: Queryable,
	modelId: number
): Promise<DashboardSettings> {
	const row = await first(
		db.select().from(dashboardSettings).where(eq(dashboardSettings.modelId, modelId))
	);
	return row
		? { target: row.target, referenceValue: row.referenceValue, referenceLabel: row.referenceLabel }
		: noLines;
}

/** Whether the owner chose to count the model's one-click answers of links that expired unfinished. */
export async function countsOneClickPartials(db: Queryable, modelId: number): Promise<boolean> {
	const row = await first(
		db
			.select({ counts: dashboardSettings.countOneClickPartials })
			.from(dashboardSettings)
			.where(eq(dashboardSettings.modelId, modelId))
	);
	return row?.counts ?? false;
}

/** The form's answer to "count one-click answers of links that expired unfinished?". */
export const oneClickPartialsSchema = z.object({
	countOneClickPartials: z
		.literal('on', { error: () => m.dashboard_partials_invalid() })
		.optional()
		.transform(Boolean)
});

/**
 * Stores some of a model's dashboard settings, the others as they were, audited as `action`;
 * refused when the model is gone (deleted meanwhile).
 */
function saveModelSettings(
	db: Db,
	modelId: number,
	values: Partial<ModelDashboardSettings>,
	action: string,
	actor: Actor
): Promise<Result> {
	return inTransaction(db, async (tx): Promise<Result> => {
		const model = await first(
			forUpdate(tx.select({ id: csiModels.id }).from(csiModels).where(eq(csiModels.id, modelId)))
		);
		if (!model) return refuse(404, m.analytics_model_gone_refused());
		const row = { ...values, updatedAt: new Date() };
		await tx
			.insert(dashboardSettings)
			.values({ modelId, ...row })
			.onConflictDoUpdate({ target: dashboardSettings.modelId, set: row });
		await recordAudit(tx, actor, action, `model:${modelId}`, { ...values });
		return { ok: true as const };
	});
}

export const saveDashboardSettings = (
	db: Db,
	modelId: number,
	settings: DashboardSettings,
	actor: Actor
): Promise<Result> => saveModelSettings(db, modelId, settings, 'dashboard.settings', actor);

/**
 * Whether the one-click answers of this model's surveys count once their link expires unfinished
 * (src/lib/server/invitations/expired-partials.ts). Answers already counted stay counted.
 */
export const saveOneClickPartials = (
	db: Db,
	modelId: number,
	countOneClickPartials: boolean,
	actor: Actor
): Promise<Result> =>
	saveModelSettings(db, modelId, { countOneClickPartials }, 'dashboard.one-click-partials', actor);
