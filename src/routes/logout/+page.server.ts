import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import { appDb } from '$lib/server/db/app-db';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST; a plain visit just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.sessionId) await invalidateSession(appDb(), locals.sessionId);
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
