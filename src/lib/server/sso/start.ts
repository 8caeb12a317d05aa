import { lte } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Db } from '../db';
import { inTransaction } from '../db/transaction';
import { ssoLogins } from '../db/schema';
import type { Result } from '../../result';
import { providerConfiguration } from './discovery';
import { enabledSso } from './registration';

/** How long the person has at the identity provider before the sign-in must start again. */
export const SSO_LOGIN_VALIDITY_MS = 10 * 60 * 1000;

/** The scopes asked for: who the person is, their email (verified or not) and their name. */
export const SSO_SCOPES = 'openid email profile';

/** Where the provider sends the browser back to: register this URL there. */
export const ssoCallbackUrl = (origin: string) => `${origin}/login/sso/callback`;

/**
 * Begins a sign-in at the identity provider: a fresh `state`, `nonce` and PKCE verifier are kept
 * for the callback (until `SSO_LOGIN_VALIDITY_MS`), and the browser is to be sent to
 * `authorizationUrl`, holding `state` in a cookie (state-cookie.ts) so only it can finish.
 */
export async function startSsoSignIn(
	db: Db,
	origin: string,
	redirectTo: string,
	now = new Date()
): Promise<Result<{ authorizationUrl: URL; state: string }>> {
	const sso = await enabledSso(db);
	if (!sso.ok) return sso;
	const provider = await providerConfiguration(sso.registration);
	if (!provider.ok) return provider;
	const state = client.randomState();
	const nonce = client.randomNonce();
	const codeVerifier = client.randomPKCECodeVerifier();
	const authorizationUrl = client.buildAuthorizationUrl(provider.configuration, {
		redirect_uri: ssoCallbackUrl(origin),
		scope: SSO_SCOPES,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce
	});
	await inTransaction(db, async (tx) => {
		// Sign-ins abandoned at the provider go as new ones begin.
		await tx.delete(ssoLogins).where(lte(ssoLogins.expiresAt, now));
		await tx.insert(ssoLogins).values({
			state,
			codeVerifier,
			nonce,
			redirectTo,
			expiresAt: new Date(now.getTime() + SSO_LOGIN_VALIDITY_MS)
		});
	});
	return { ok: true, authorizationUrl, state };
}
