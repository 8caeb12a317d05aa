import { fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { redirectTarget } from '$lib/server/auth/redirect-target';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { hasAnyUser, signIn } from '$lib/server/users/service';
import { loginSchema } from '$lib/schemas/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, redirectTarget(url.searchParams.get('redirectTo'), url.origin));
	if (!(await hasAnyUser(appDb()))) redirect(303, '/setup');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = parseForm(loginSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await signIn(appDb(), form.data.email, form.data.password, getClientAddress());
		if (!result.ok) return asFormFailure(result, { values: { email: form.data.email } });
		setSessionCookie(cookies, url, result.sessionToken);
		redirect(303, redirectTarget(url.searchParams.get('redirectTo'), url.origin));
	}
};
