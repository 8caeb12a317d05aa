import type { Cookies } from '@sveltejs/kit';
import { cookieOptions } from '../auth/cookies';
import { SSO_LOGIN_VALIDITY_MS } from './start';

/**
 * The `state` of the sign-in this browser began, so only it can finish it: a callback URL that
 * reaches another browser (login CSRF, a leaked link) finds no matching cookie. SameSite=Lax
 * still sends it on the provider's top-level redirect back.
 */
const SSO_STATE_COOKIE = 'satisfy_sso_state';

const stateCookieOptions = (url: URL) => ({ ...cookieOptions(url), path: '/login/sso' });

export function setSsoStateCookie(cookies: Cookies, url: URL, state: string): void {
	cookies.set(SSO_STATE_COOKIE, state, {
		...stateCookieOptions(url),
		maxAge: SSO_LOGIN_VALIDITY_MS / 1000
	});
}

/** The state the browser holds, forgotten as it is read: it serves one callback. */
export function takeSsoStateCookie(cookies: Cookies, url: URL): string | undefined {
	const state = cookies.get(SSO_STATE_COOKIE);
	cookies.delete(SSO_STATE_COOKIE, stateCookieOptions(url));
	return state;
}
