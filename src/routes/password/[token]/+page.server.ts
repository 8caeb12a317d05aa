import { error, fail, redirect } from '@sveltejs/kit';
import { setChallengeCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { AFTER_SIGN_IN } from '$lib/server/auth/redirect-target';
import { issueSignInChallenge } from '$lib/server/auth/sign-in-challenge';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { findPasswordLink, usePasswordLink } from '$lib/server/users/service';
import { choosePasswordSchema } from '$lib/schemas/users';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const link = await findPasswordLink(appDb(), params.token);
	if (!link) error(404, m.password_link_gone());
	return { purpose: link.purpose, name: link.user.name, email: link.user.email };
};

export const actions: Actions = {
	default: async ({ request, params, cookies, url }) => {
		const form = parseForm(choosePasswordSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors });
		const result = await usePasswordLink(appDb(), params.token, form.data.password);
		if (!result.ok) error(404, m.password_link_gone());
		if (result.sessionToken === null) {
			const challenge = await issueSignInChallenge(appDb(), result.userId, AFTER_SIGN_IN);
			setChallengeCookie(cookies, url, challenge);
			redirect(303, '/login/two-factor');
		}
		setSessionCookie(cookies, url, result.sessionToken);
		redirect(303, AFTER_SIGN_IN);
	}
};
