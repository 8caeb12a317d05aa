import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { forUpdate } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import { users } from '../db/schema';
import { readSignInSettings, updateSignInSettings } from '../auth/sign-in-settings';
import type { SignInSettingsForm } from '../../schemas/sso';
import { refuse, type Result } from '../../result';
import * as m from '../../paraglide/messages';

/** Whether `userId` is an active owner with a password: one who can sign in when SSO fails. */
async function canBreakGlass(tx: Queryable, userId: string): Promise<boolean> {
	const user = await first(forUpdate(tx.select().from(users).where(eq(users.id, userId))));
	return user?.role === 'owner' && !user.deactivatedAt && user.passwordHash !== null;
}

/**
 * Saves the owner's single sign-on and password settings (checked by signInSettingsFormSchema),
 * audited without the secret. An empty secret keeps the saved one; password sign-in goes off
 * only with a break-glass owner who can still use it.
 */
export async function saveSsoSettings(
	db: Db,
	form: SignInSettingsForm,
	actor: Actor
): Promise<Result> {
	return inTransaction(db, async (tx) => {
		const saved = await readSignInSettings(tx);
		const secret = form.ssoClientSecret ?? saved.ssoClientSecret;
		if (form.ssoEnabled && !secret)
			return { ...refuse(400, m.sso_secret_required_refused()), field: 'ssoClientSecret' };
		const passwordSignIn = form.passwordSignIn === 'on';
		if (
			!passwordSignIn &&
			!(form.breakGlassUserId && (await canBreakGlass(tx, form.breakGlassUserId)))
		)
			return { ...refuse(400, m.sso_break_glass_not_owner_refused()), field: 'breakGlassUserId' };
		const { ssoClientSecret: _secret, ssoNewUsers, passwordSignIn: _choice, ...rest } = form;
		const changes = {
			...rest,
			ssoNewUserRole: ssoNewUsers === 'none' ? null : ssoNewUsers,
			passwordSignIn
		};
		await updateSignInSettings(tx, { ...changes, ssoClientSecret: secret });
		await recordAudit(tx, actor, 'sign-in.settings', 'sign-in', {
			...changes,
			clientSecretChanged: form.ssoClientSecret !== null
		});
		return { ok: true };
	});
}
