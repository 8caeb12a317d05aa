import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { languageSchema } from '$lib/schemas/clients';
import { surveyDefinitionSchema } from '$lib/schemas/survey';
import { surveyTemplates } from '$lib/surveys/templates';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { blankDefinition } from '$lib/server/surveys/blank';
import { createSurvey, createSurveyFromTemplate, listModelChoices, listSurveys } from '$lib/server/surveys/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const db = appDb();
	return {
		surveys: listSurveys(db),
		models: listModelChoices(db),
		templates: surveyTemplates.map(({ id, name, description }) => ({ id, name, description }))
	};
};

const newSurveySchema = z.object({
	name: z.string().trim().min(1, { error: 'Name the survey' }).max(200),
	modelId: z.coerce.number().int().positive({ error: 'Choose the CSI model its ratings belong to' }),
	language: languageSchema
});

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = { name: String(form.get('name') ?? ''), modelId: String(form.get('modelId') ?? ''), language: String(form.get('language') ?? '') };
		const parsed = newSurveySchema.safeParse(values);
		if (!parsed.success) {
			const errors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
			return fail(400, { create: { errors, values } });
		}
		const id = createSurvey(appDb(), { name: parsed.data.name, modelId: parsed.data.modelId, definition: blankDefinition(parsed.data.name, parsed.data.language) }, user.id);
		redirect(303, `/surveys/${id}`);
	},
	fromTemplate: async (event) => {
		const user = requireUser(event);
		const created = createSurveyFromTemplate(appDb(), String((await event.request.formData()).get('template') ?? ''), user.id);
		if (!created.ok) return fail(created.status, { template: { message: created.message } });
		redirect(303, `/surveys/${created.id}`);
	},
	import: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const file = form.get('file');
		const modelId = z.coerce.number().int().positive().safeParse(form.get('modelId'));
		if (!(file instanceof File) || file.size === 0) return fail(400, { import: { message: 'Choose a survey JSON file.' } });
		if (file.size > 1024 * 1024) return fail(413, { import: { message: 'A survey definition is at most 1 MB.' } });
		let raw: unknown;
		try {
			raw = JSON.parse(await file.text());
		} catch {
			return fail(400, { import: { message: 'The file is not JSON. Export a survey from Satisfy to get one.' } });
		}
		const body = z.object({ name: z.string().trim().min(1).max(200), definition: z.unknown() }).safeParse(raw);
		const definition = surveyDefinitionSchema.safeParse(body.success ? body.data.definition : raw);
		if (!definition.success) {
			return fail(400, { import: { message: definition.error.issues.slice(0, 5).map((issue) => issue.message).join(' · ') } });
		}
		const name = body.success ? body.data.name : file.name.replace(/\.json$/i, '');
		const id = createSurvey(appDb(), { name, modelId: modelId.success ? modelId.data : null, definition: definition.data }, user.id);
		redirect(303, `/surveys/${id}`);
	}
};
