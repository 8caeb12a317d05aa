import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { confirmedCountSchema } from '$lib/clients/bulk-confirmation';
import * as m from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guards';
import { accountManagerLoad, countClients, staffName } from '$lib/server/clients/queries';
import { reassignAccountManager } from '$lib/server/clients/service';
import { appDb } from '$lib/server/db/app-db';
import { askToConfirm, parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = appDb();
	return {
		managers: await accountManagerLoad(db),
		withoutManager: await countClients(db, { accountManager: 'none' })
	};
};

const reassignSchema = z
	.object({
		from: z.string().min(1, { error: () => m.clients_managers_choose_from() }),
		to: z.string().min(1, { error: () => m.clients_managers_choose_to() })
	})
	.extend(confirmedCountSchema.shape);

export const actions: Actions = {
	reassign: async (event) => {
		const user = requireUser(event);
		const submitted = await event.request.formData();
		const form = parseForm(reassignSchema, submitted);
		if (!form.ok) return fail(400, { message: Object.values(form.errors).join(' ') });
		const { from, to, confirmedCount } = form.data;
		const db = appDb();
		const result = await reassignAccountManager(db, from, to, { userId: user.id }, confirmedCount);
		if (!result.ok) return asFormFailure(result);
		if ('toConfirm' in result) {
			const count = result.toConfirm;
			return askToConfirm(count, submitted, {
				question: m.clients_managers_confirm_move({
					count,
					from: await staffName(db, from),
					to: await staffName(db, to)
				}),
				yes: m.clients_managers_confirm_yes({ count })
			});
		}
		return { success: m.clients_managers_moved({ count: result.moved }) };
	}
};
