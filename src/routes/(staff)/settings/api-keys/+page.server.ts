import { fail } from '@sveltejs/kit';
import { createApiKey, listApiKeys, revokeApiKey } from '$lib/server/api-keys/service';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { apiKeyCreateSchema, apiKeyIdSchema } from '$lib/schemas/users';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	return { apiKeys: await listApiKeys(appDb()) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = parseForm(apiKeyCreateSchema, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'create', errors: form.errors, values: form.values });
		const { key, apiKey } = await createApiKey(appDb(), { ...form.data, createdBy: user.id });
		return { action: 'create', created: { name: apiKey.name, role: apiKey.role, key } };
	},
	revoke: async (event) => {
		const form = parseForm(apiKeyIdSchema, await event.request.formData());
		if (!form.ok || !(await revokeApiKey(appDb(), form.data.apiKeyId))) {
			return fail(404, { action: 'revoke', message: m.settings_api_keys_no_such() });
		}
		return { action: 'revoke', success: m.settings_api_keys_revoked_done() };
	}
};
