import type { Refusal } from '../../result';
import { and, eq, isNull } from 'drizzle-orm';
import { caseTriggers } from '../../followups/case-model';
import { defaultRules, type FollowupRules } from '../../followups/triggers';
import type { FollowupSettingsInput } from '../../schemas/followups';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { preparedQuery } from '../db/prepared';
import { inTransaction } from '../db/transaction';
import { followupRules, followupSettings, users } from '../db/schema';

export const DEFAULT_SLA_BUSINESS_DAYS = 2;
const SETTINGS_ID = 1;

// Every live answer is judged by the rules: read with statements prepared once per connection.
const storedRules = preparedQuery('stored_rules', (db) => db.select().from(followupRules));
const storedSettings = preparedQuery('stored_settings', (db) =>
	db.select().from(followupSettings).where(eq(followupSettings.id, SETTINGS_ID))
);

/** The rules in force: each trigger's stored row, or its default (on) until the owner saves. */
export async function currentRules(db: Queryable): Promise<FollowupRules> {
	const rules = Object.fromEntries(
		caseTriggers.map((trigger) => [trigger, { ...defaultRules[trigger] }])
	) as FollowupRules;
	for (const row of await storedRules.all(db)) {
		rules[row.trigger] = {
			enabled: row.enabled,
			threshold: row.threshold ?? defaultRules[row.trigger].threshold,
			askResolved: row.askResolved
		};
	}
	return rules;
}

export type FollowupSettings = {
	defaultAssigneeId: string | null;
	slaBusinessDays: number;
	lastDigestOn: string | null;
};

export async function currentSettings(db: Queryable): Promise<FollowupSettings> {
	const row = await storedSettings.get(db);
	return {
		defaultAssigneeId: row?.defaultAssigneeId ?? null,
		slaBusinessDays: row?.slaBusinessDays ?? DEFAULT_SLA_BUSINESS_DAYS,
		lastDigestOn: row?.lastDigestOn ?? null
	};
}

/** Writes some settings, creating the single row with the defaults on first use. */
export async function updateSettingsRow(
	tx: Queryable,
	values: Partial<FollowupSettings>,
	now = new Date()
): Promise<void> {
	await tx
		.insert(followupSettings)
		.values({ id: SETTINGS_ID, slaBusinessDays: DEFAULT_SLA_BUSINESS_DAYS, updatedAt: now })
		.onConflictDoNothing();
	await tx
		.update(followupSettings)
		.set({ ...values, updatedAt: now })
		.where(eq(followupSettings.id, SETTINGS_ID));
}

export const activeStaff = async (db: Queryable) =>
	await db
		.select({ id: users.id, name: users.name, email: users.email, role: users.role })
		.from(users)
		.where(isNull(users.deactivatedAt))
		.orderBy(users.name);

export async function isActiveUser(db: Queryable, id: string): Promise<boolean> {
	const found = await first(
		db
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.id, id), isNull(users.deactivatedAt)))
	);
	return found !== undefined;
}

export type SettingsRefusal = Refusal & { status: 400; field: 'defaultAssigneeId' };

/** Saves every rule and the workspace settings at once; the default assignee must be an active user. */
export function saveFollowupSettings(
	db: Db,
	input: FollowupSettingsInput,
	now = new Date()
): Promise<{ ok: true } | SettingsRefusal> {
	return inTransaction(db, async (tx) => {
		if (input.defaultAssigneeId && !(await isActiveUser(tx, input.defaultAssigneeId))) {
			return {
				ok: false as const,
				status: 400 as const,
				field: 'defaultAssigneeId' as const,
				message: 'Choose an active staff user, or nobody.'
			};
		}
		for (const trigger of caseTriggers) {
			const rule = { ...input.rules[trigger], updatedAt: now };
			await tx
				.insert(followupRules)
				.values({ trigger, ...rule })
				.onConflictDoUpdate({ target: followupRules.trigger, set: rule });
		}
		await updateSettingsRow(
			tx,
			{ defaultAssigneeId: input.defaultAssigneeId, slaBusinessDays: input.slaBusinessDays },
			now
		);
		return { ok: true as const };
	});
}
