import { fail, redirect } from '@sveltejs/kit';
import { clearChallengeCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { CHALLENGE_COOKIE, completeSignInChallenge } from '$lib/server/auth/sign-in-challenge';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { codeSchema } from '$lib/schemas/two-factor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (locals.user) redirect(303, '/dashboard');
	// Nothing to finish: the password step comes first.
	if (!cookies.get(CHALLENGE_COOKIE)) redirect(303, '/login');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const token = cookies.get(CHALLENGE_COOKIE);
		if (!token) redirect(303, '/login');
		const form = parseForm(codeSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await completeSignInChallenge(
			appDb(),
			token,
			form.data.code,
			getClientAddress()
		);
		if (!result.ok) {
			if (result.status === 404) clearChallengeCookie(cookies, url);
			return asFormFailure(result, { expired: result.status === 404 });
		}
		clearChallengeCookie(cookies, url);
		setSessionCookie(cookies, url, result.sessionToken);
		redirect(303, result.redirectTo);
	}
};
