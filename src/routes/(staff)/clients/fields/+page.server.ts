import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { attributeDefinitionSchema } from '$lib/schemas/clients';
import {
	createAttributeDefinition,
	deleteAttributeDefinition,
	listAttributeDefinitions
} from '$lib/server/clients/attributes';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	attributes: await listAttributeDefinitions(appDb())
});

export const actions: Actions = {
	create: async (event) => {
		const form = parseForm(attributeDefinitionSchema, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const created = await createAttributeDefinition(appDb(), form.data);
		if (!created.ok) return asFormFailure(created, { field: 'key', values: form.data });
		return { success: m.clients_fields_added({ label: created.definition.label }) };
	},
	delete: async (event) => {
		const form = parseForm(
			z.object({ id: z.coerce.number().int() }),
			await event.request.formData()
		);
		if (!form.ok || !(await deleteAttributeDefinition(appDb(), form.data.id)))
			return fail(404, { message: m.clients_fields_not_found() });
		return { success: m.clients_fields_deleted() };
	}
};
