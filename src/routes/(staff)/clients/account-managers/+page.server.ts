import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guards';
import { accountManagerLoad, countClients } from '$lib/server/clients/queries';
import { reassignAccountManager } from '$lib/server/clients/service';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = appDb();
	return {
		managers: await accountManagerLoad(db),
		withoutManager: await countClients(db, { accountManager: 'none' })
	};
};

const reassignSchema = z.object({
	from: z.string().min(1, { error: () => m.clients_managers_choose_from() }),
	to: z.string().min(1, { error: () => m.clients_managers_choose_to() })
});

export const actions: Actions = {
	reassign: async (event) => {
		const user = requireUser(event);
		const form = parseForm(reassignSchema, await event.request.formData());
		if (!form.ok) return fail(400, { message: Object.values(form.errors).join(' ') });
		const result = await reassignAccountManager(appDb(), form.data.from, form.data.to, {
			userId: user.id
		});
		if (!result.ok) return asFormFailure(result);
		return { success: m.clients_managers_moved({ count: result.moved }) };
	}
};
