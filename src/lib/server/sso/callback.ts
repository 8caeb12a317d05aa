import { eq } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Db } from '../db';
import { first } from '../db/queries';
import { forUpdate } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import { ssoLogins, type User } from '../db/schema';
import { createSession } from '../auth/session';
import { refuse, type Refusal, type Result } from '../../result';
import * as m from '../../paraglide/messages';
import { providerConfiguration } from './discovery';
import { enabledSso } from './registration';
import { ssoUser } from './account';

/** The sign-in under way that `state` names, deleted as it is read: a callback works once. */
const takeSsoLogin = (db: Db, state: string, now: Date) =>
	inTransaction(db, async (tx) => {
		const login = await first(
			forUpdate(tx.select().from(ssoLogins).where(eq(ssoLogins.state, state)))
		);
		await tx.delete(ssoLogins).where(eq(ssoLogins.state, state));
		return login && login.expiresAt > now ? login : undefined;
	});

/** Why the provider's answer was refused, in words for the person signing in. */
function grantRefusal(error: unknown): Refusal {
	if (error instanceof client.ClientError && error.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
		return refuse(400, m.sso_answer_expired_refused());
	if (!(error instanceof client.ResponseBodyError || error instanceof client.ClientError))
		return refuse(400, m.sso_provider_unreachable_refused());
	return refuse(400, m.sso_not_confirmed_refused());
}

/** The ID token's claims for the provider's answer, or why it was refused. */
async function idTokenClaims(
	configuration: client.Configuration,
	callbackUrl: URL,
	login: typeof ssoLogins.$inferSelect
): Promise<Result<{ claims: client.IDToken }>> {
	try {
		const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
			pkceCodeVerifier: login.codeVerifier,
			expectedState: login.state,
			expectedNonce: login.nonce,
			idTokenExpected: true
		});
		const claims = tokens.claims();
		return claims ? { ok: true, claims } : refuse(400, m.sso_not_confirmed_refused());
	} catch (error) {
		// For the owner, who may need to fix the registration; the person sees a short reason.
		console.warn(`Single sign-on: the provider's answer was refused: ${String(error)}`);
		return grantRefusal(error);
	}
}

/**
 * Ends a sign-in at the identity provider: `callbackUrl` is where the provider sent the browser
 * back to, `cookieState` the state the browser's cookie holds (undefined without one). The code
 * is exchanged with the PKCE verifier, and the ID token must carry the nonce.
 */
export async function finishSsoSignIn(
	db: Db,
	callbackUrl: URL,
	cookieState: string | undefined,
	now = new Date()
): Promise<Result<{ user: User; sessionToken: string; redirectTo: string }>> {
	const sso = await enabledSso(db);
	if (!sso.ok) return sso;
	const state = callbackUrl.searchParams.get('state');
	const expired = refuse(400, m.sso_state_refused());
	// Bound to the browser that began it: a callback link sent to someone else does not work.
	if (!state || state !== cookieState) return expired;
	const login = await takeSsoLogin(db, state, now);
	if (!login) return expired;
	if (callbackUrl.searchParams.has('error')) return refuse(400, m.sso_cancelled_refused());
	const provider = await providerConfiguration(sso.registration);
	if (!provider.ok) return provider;
	const answer = await idTokenClaims(provider.configuration, callbackUrl, login);
	if (!answer.ok) return answer;
	return inTransaction(db, async (tx) => {
		const found = await ssoUser(tx, answer.claims, sso.settings, now);
		if (!found.ok) return found;
		const session = await createSession(tx, found.user.id, now, 'sso');
		return {
			ok: true as const,
			user: found.user,
			sessionToken: session.token,
			redirectTo: login.redirectTo
		};
	});
}
