import { fail, redirect } from '@sveltejs/kit';
import { modelInputSchema } from '$lib/schemas/models';
import { requireUser } from '$lib/server/auth/guards';
import { formValues } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { factorFieldErrors, factorRowsFromForm } from '$lib/server/models/form';
import { createModel, getModel, listModels } from '$lib/server/models/service';
import { appDb } from '$lib/server/db/app-db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = appDb();
	const models = [];
	for (const model of await listModels(db)) models.push((await getModel(db, model.id))!);
	return { models };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = formValues(form);
		const parsed = modelInputSchema.safeParse({
			name: form.get('name'),
			description: String(form.get('description') ?? '') || undefined,
			factors: factorRowsFromForm(form)
		});
		if (!parsed.success)
			return fail(400, { errors: factorFieldErrors(parsed.error.issues), values });
		const created = await createModel(appDb(), parsed.data, user.id);
		if (!created.ok) return asFormFailure(created, { field: 'name', values });
		redirect(303, `/factors/${created.id}`);
	}
};
