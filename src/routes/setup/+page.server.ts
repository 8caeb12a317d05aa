import { error, fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { startSession } from '$lib/server/auth/session';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { createFirstOwner, hasAnyUser } from '$lib/server/users/service';
import { setupSchema } from '$lib/schemas/users';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

// First run only: once anyone exists, this page does not.
export const load: PageServerLoad = async () => {
	if (await hasAnyUser(appDb())) error(404, m.error_not_found());
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = parseForm(setupSchema, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const db = appDb();
		const created = await createFirstOwner(db, form.data);
		if (!created.ok) error(404, m.error_not_found());
		setSessionCookie(cookies, url, (await startSession(db, created.user.id)).token);
		redirect(303, '/dashboard');
	}
};
