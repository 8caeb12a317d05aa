import { fail, redirect } from '@sveltejs/kit';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/auth/guards';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { changeOwnPassword } from '$lib/server/users/service';
import { changePasswordSchema } from '$lib/schemas/users';
import type { Actions } from './$types';

export const actions: Actions = {
	changePassword: async (event) => {
		const user = requireUser(event);
		const form = parseForm(changePasswordSchema, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'changePassword', errors: form.errors });
		const result = await changeOwnPassword(appDb(), user.id, form.data.current, form.data.password);
		if (!result.ok) return asFormFailure(result, { action: 'changePassword', field: 'current' });
		setSessionCookie(event.cookies, event.url, result.sessionToken);
		return {
			action: 'changePassword',
			success: 'Password changed. Your other sessions have been signed out.'
		};
	},
	signOutEverywhere: (event) => {
		const user = requireUser(event);
		invalidateUserSessions(appDb(), user.id);
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
