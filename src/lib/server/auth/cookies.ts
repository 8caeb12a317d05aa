import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, SESSION_INACTIVITY_TIMEOUT_MS } from './session';
import { CHALLENGE_COOKIE, CHALLENGE_VALIDITY_MS } from './sign-in-challenge';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export function cookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		// Plain-HTTP development on this machine needs a non-Secure cookie; everywhere else, Secure.
		secure: !loopbackHosts.has(url.hostname)
	};
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(SESSION_COOKIE, token, {
		...cookieOptions(url),
		maxAge: SESSION_INACTIVITY_TIMEOUT_MS / 1000
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, cookieOptions(url));
}

/** The token of a sign-in waiting for its second factor, sent to the sign-in pages only. */
export function setChallengeCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(CHALLENGE_COOKIE, token, {
		...cookieOptions(url),
		path: '/login',
		maxAge: CHALLENGE_VALIDITY_MS / 1000
	});
}

export function clearChallengeCookie(cookies: Cookies, url: URL): void {
	cookies.delete(CHALLENGE_COOKIE, { ...cookieOptions(url), path: '/login' });
}
