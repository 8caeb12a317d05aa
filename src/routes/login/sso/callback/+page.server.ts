import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { appDb } from '$lib/server/db/app-db';
import { finishSsoSignIn } from '$lib/server/sso/callback';
import { takeSsoStateCookie } from '$lib/server/sso/state-cookie';
import type { PageServerLoad } from './$types';

// Where the identity provider sends the browser back to; a refusal is shown here.
export const load: PageServerLoad = async ({ url, cookies }) => {
	const state = takeSsoStateCookie(cookies, url);
	const result = await finishSsoSignIn(appDb(), new URL(url.href), state);
	if (!result.ok) return { message: result.message };
	setSessionCookie(cookies, url, result.sessionToken);
	redirect(303, result.redirectTo);
};
