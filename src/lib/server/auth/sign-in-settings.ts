import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { signInSettings } from '../db/schema';

export const SIGN_IN_SETTINGS_ID = 1;

export type SignInSettings = Omit<typeof signInSettings.$inferSelect, 'id' | 'updatedAt'>;

/** Before the owner saves anything: password sign-in for all, nothing more. */
export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = {
	twoFactorRequiredFor: 'nobody',
	ssoEnabled: false,
	ssoLabel: null,
	ssoIssuer: null,
	ssoClientId: null,
	ssoClientSecret: null,
	ssoNewUserRole: null,
	ssoGroupsClaim: null,
	ssoOwnerGroup: null,
	ssoManagerGroup: null,
	ssoViewerGroup: null,
	passwordSignIn: true,
	breakGlassUserId: null
};

export async function readSignInSettings(db: Queryable): Promise<SignInSettings> {
	const row = await first(
		db.select().from(signInSettings).where(eq(signInSettings.id, SIGN_IN_SETTINGS_ID))
	);
	if (!row) return DEFAULT_SIGN_IN_SETTINGS;
	const { id: _id, updatedAt: _updatedAt, ...settings } = row;
	return settings;
}

/**
 * Changes some of the settings, leaving the others as they are; `tx` is the transaction that
 * makes the change (and records it in the audit log).
 */
export async function updateSignInSettings(
	tx: Queryable,
	changes: Partial<SignInSettings>,
	now = new Date()
): Promise<void> {
	await tx
		.insert(signInSettings)
		.values({ ...DEFAULT_SIGN_IN_SETTINGS, ...changes, id: SIGN_IN_SETTINGS_ID, updatedAt: now })
		.onConflictDoUpdate({ target: signInSettings.id, set: { ...changes, updatedAt: now } });
}
