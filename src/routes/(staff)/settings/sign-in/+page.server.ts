import { fail } from '@sveltejs/kit';
import { signInSettingsFormSchema } from '$lib/schemas/sso';
import { readSignInSettings } from '$lib/server/auth/sign-in-settings';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { formValues, parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { saveSsoSettings } from '$lib/server/sso/settings';
import { SSO_SCOPES, ssoCallbackUrl } from '$lib/server/sso/start';
import { listUsers } from '$lib/server/users/service';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { ssoClientSecret, ...settings } = await readSignInSettings(appDb());
	const owners = (await listUsers(appDb())).filter(
		(user) => user.role === 'owner' && user.status === 'active'
	);
	return {
		// The secret never leaves the server: the page only learns whether one is saved.
		settings: { ...settings, hasClientSecret: ssoClientSecret !== null },
		owners: owners.map(({ id, name, email }) => ({ id, name, email })),
		redirectUrl: ssoCallbackUrl(url.origin),
		scopes: SSO_SCOPES
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		const formData = await event.request.formData();
		// Shown again on a refusal, but for the secret, which is never sent to the browser.
		const { ssoClientSecret: _secret, ...values } = formValues(formData);
		const form = parseForm(signInSettingsFormSchema, formData);
		if (!form.ok) return fail(400, { errors: form.errors, values });
		const saved = await saveSsoSettings(appDb(), form.data, { userId: user.id });
		if (!saved.ok) return asFormFailure(saved, { values });
		return { success: m.sso_saved() };
	}
};
