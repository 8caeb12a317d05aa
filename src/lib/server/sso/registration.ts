import type { Queryable } from '../db';
import { readSignInSettings, type SignInSettings } from '../auth/sign-in-settings';
import { refuse, type Result } from '../../result';
import * as m from '../../paraglide/messages';
import type { ProviderRegistration } from './discovery';

/** The sign-in settings, when single sign-on is on and complete; else the refusal to show. */
export async function enabledSso(
	db: Queryable
): Promise<Result<{ settings: SignInSettings; registration: ProviderRegistration }>> {
	const settings = await readSignInSettings(db);
	const { ssoEnabled, ssoIssuer: issuer, ssoClientId: clientId, ssoClientSecret } = settings;
	if (!ssoEnabled || !issuer || !clientId || !ssoClientSecret)
		return refuse(404, m.sso_off_refused());
	return { ok: true, settings, registration: { issuer, clientId, clientSecret: ssoClientSecret } };
}
