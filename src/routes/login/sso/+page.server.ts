import { redirect } from '@sveltejs/kit';
import { redirectTarget } from '$lib/server/auth/redirect-target';
import { appDb } from '$lib/server/db/app-db';
import { startSsoSignIn } from '$lib/server/sso/start';
import { setSsoStateCookie } from '$lib/server/sso/state-cookie';
import type { PageServerLoad } from './$types';

// Sends the browser to the identity provider; a refusal (SSO off, provider down) is shown here.
export const load: PageServerLoad = async ({ url, cookies }) => {
	const target = redirectTarget(url.searchParams.get('redirectTo'), url.origin);
	const started = await startSsoSignIn(appDb(), url.origin, target);
	if (!started.ok) return { message: started.message };
	setSsoStateCookie(cookies, url, started.state);
	redirect(303, started.authorizationUrl.href);
};
