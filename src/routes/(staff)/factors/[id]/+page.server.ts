import { error, fail } from '@sveltejs/kit';
import { factorKeySchema, factorWordingSchema, modelVersionInputSchema } from '$lib/schemas/models';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf } from '$lib/server/auth/scope';
import { formValues } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import { factorFieldErrors, factorRowsFromForm, keywordSetFromForm } from '$lib/server/models/form';
import { deriveWeightsFromClients, importanceByFactor } from '$lib/server/models/importance';
import { suggestedKeywords } from '$lib/server/models/keyword-suggestions';
import { createModelVersion, getModel, updateFactorWording } from '$lib/server/models/service';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = appDb();
	const model = await getModel(db, pageId(event.params.id, m.factors_model_not_found()));
	if (!model) error(404, m.factors_model_not_found());
	const scope = await scopeOf(db, requireUser(event));
	return {
		model,
		importance: await importanceByFactor(db, model.id),
		suggestions: await suggestedKeywords(db, model.factors, scope)
	};
};

export const actions: Actions = {
	version: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = formValues(form);
		const parsed = modelVersionInputSchema.safeParse({
			note: String(form.get('note') ?? '') || undefined,
			factors: factorRowsFromForm(form)
		});
		if (!parsed.success)
			return fail(400, { errors: factorFieldErrors(parsed.error.issues), values });
		const created = await createModelVersion(
			appDb(),
			pageId(event.params.id, m.factors_model_not_found()),
			parsed.data,
			user.id
		);
		if (!created.ok) return asFormFailure(created, { field: 'factors', values });
		return {
			success: m.factors_version_saved({ version: created.version })
		};
	},
	derive: async (event) => {
		const user = requireUser(event);
		const derived = await deriveWeightsFromClients(
			appDb(),
			pageId(event.params.id, m.factors_model_not_found()),
			user.id
		);
		if (!derived.ok) return asFormFailure(derived);
		return {
			success: m.factors_derived_saved({ version: derived.version })
		};
	},
	wording: async (event) => {
		const form = await event.request.formData();
		const key = factorKeySchema.safeParse(form.get('key'));
		const parsed = factorWordingSchema.safeParse({
			name: form.get('name'),
			description: String(form.get('description') ?? '') || undefined,
			keywords: keywordSetFromForm(form)
		});
		if (!key.success || !parsed.success)
			return fail(400, {
				message: parsed.error?.issues[0]?.message ?? m.factors_factor_not_found()
			});
		if (
			!(await updateFactorWording(
				appDb(),
				pageId(event.params.id, m.factors_model_not_found()),
				key.data,
				parsed.data
			))
		)
			return fail(404, { message: m.factors_factor_not_found() });
		return { success: m.factors_factor_saved() };
	}
};
