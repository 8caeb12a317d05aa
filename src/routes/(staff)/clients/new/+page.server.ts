import { fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guards';
import { listAttributeDefinitions } from '$lib/server/clients/attributes';
import { clientFromForm, saveIssueErrors } from '$lib/server/clients/form';
import { accountManagerLoad } from '$lib/server/clients/queries';
import { saveClients } from '$lib/server/clients/save';
import { appDb } from '$lib/server/db/app-db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = appDb();
	return {
		staff: (await accountManagerLoad(db)).filter((user) => !user.deactivatedAt),
		attributes: await listAttributeDefinitions(db)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const form = clientFromForm(await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const saved = await saveClients(appDb(), [form.input], {
			onExisting: 'reject',
			actor: { userId: user.id },
			source: m.clients_consent_source_entered({ name: user.name })
		});
		if (!saved.ok) return fail(409, { errors: saveIssueErrors(saved.issues), values: form.values });
		redirect(303, `/clients/${saved.ids[0]}`);
	}
};
