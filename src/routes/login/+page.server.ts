import { fail, redirect } from '@sveltejs/kit';
import { setChallengeCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { issueSignInChallenge } from '$lib/server/auth/sign-in-challenge';
import { redirectTarget } from '$lib/server/auth/redirect-target';
import { readSignInSettings } from '$lib/server/auth/sign-in-settings';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { hasAnyUser, signIn } from '$lib/server/users/service';
import { loginSchema } from '$lib/schemas/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, redirectTarget(url.searchParams.get('redirectTo'), url.origin));
	if (!(await hasAnyUser(appDb()))) redirect(303, '/setup');
	const { ssoEnabled, ssoLabel, passwordSignIn } = await readSignInSettings(appDb());
	return { ssoLabel: ssoEnabled ? ssoLabel : null, passwordSignIn };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = parseForm(loginSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await signIn(appDb(), form.data.email, form.data.password, getClientAddress());
		if (!result.ok) return asFormFailure(result, { values: { email: form.data.email } });
		const target = redirectTarget(url.searchParams.get('redirectTo'), url.origin);
		if (result.sessionToken === null) {
			const challenge = await issueSignInChallenge(appDb(), result.user.id, target);
			setChallengeCookie(cookies, url, challenge);
			redirect(303, '/login/two-factor');
		}
		setSessionCookie(cookies, url, result.sessionToken);
		redirect(303, target);
	}
};
