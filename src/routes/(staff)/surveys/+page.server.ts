import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { languageSchema } from '$lib/schemas/clients';
import { surveyDefinitionSchema } from '$lib/schemas/survey';
import { surveyTemplates } from '$lib/surveys/templates';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { lineText } from '$lib/schemas/text';
import { decodeUtf8File } from '$lib/utf8-file';
import * as m from '$lib/paraglide/messages';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { blankDefinition } from '$lib/server/surveys/blank';
import {
	createSurvey,
	createSurveyFromTemplate,
	listModelChoices,
	listSurveys
} from '$lib/server/surveys/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = appDb();
	return {
		surveys: await listSurveys(db),
		models: await listModelChoices(db),
		templates: surveyTemplates.map(({ id, name, description }) => ({ id, name, description }))
	};
};

const newSurveySchema = z.object({
	name: lineText()
		.trim()
		.min(1, { error: () => m.validation_survey_name_required() })
		.max(200),
	modelId: z.coerce
		.number()
		.int()
		.positive({ error: () => m.validation_survey_choose_model() }),
	language: languageSchema
});

const templateFormSchema = z.object({ template: lineText().max(100) });

const importFormSchema = z.object({
	file: z
		.instanceof(File, { error: () => m.surveys_json_choose_file() })
		.refine((file) => file.size > 0, { error: () => m.surveys_json_choose_file() }),
	// Left out or unknown: the survey is imported without a CSI model, to be chosen later.
	modelId: z.coerce.number().int().positive().optional().catch(undefined)
});

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(newSurveySchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const id = await createSurvey(
			appDb(),
			{
				name: parsed.data.name,
				modelId: parsed.data.modelId,
				definition: blankDefinition(parsed.data.name, parsed.data.language)
			},
			user.id
		);
		redirect(303, `/surveys/${id}`);
	},
	fromTemplate: async (event) => {
		const user = requireUser(event);
		const template = templateFormSchema.safeParse(
			Object.fromEntries(await event.request.formData())
		);
		if (!template.success)
			return fail(400, { action: 'fromTemplate', message: m.surveys_choose_template() });
		const created = await createSurveyFromTemplate(appDb(), template.data.template, user.id);
		if (!created.ok) return asFormFailure(created, { action: 'fromTemplate' });
		redirect(303, `/surveys/${created.id}`);
	},
	import: async (event) => {
		const user = requireUser(event);
		const form = importFormSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!form.success)
			return fail(400, { action: 'import', message: m.surveys_json_choose_file() });
		const { file, modelId } = form.data;
		if (file.size > 1024 * 1024)
			return fail(413, { action: 'import', message: m.surveys_json_too_large() });
		const decoded = decodeUtf8File(new Uint8Array(await file.arrayBuffer()));
		if (!decoded.ok) return fail(400, { action: 'import', message: decoded.message });
		let raw: unknown;
		try {
			raw = JSON.parse(decoded.text);
		} catch {
			return fail(400, {
				action: 'import',
				message: m.surveys_json_not_json()
			});
		}
		const body = z
			.object({ name: lineText().trim().min(1).max(200), definition: z.unknown() })
			.safeParse(raw);
		const definition = surveyDefinitionSchema.safeParse(body.success ? body.data.definition : raw);
		if (!definition.success) {
			return fail(400, {
				action: 'import',
				message: definition.error.issues
					.slice(0, 5)
					.map((issue) => issue.message)
					.join(' · ')
			});
		}
		const name = body.success ? body.data.name : file.name.replace(/\.json$/i, '');
		const id = await createSurvey(
			appDb(),
			{ name, modelId: modelId ?? null, definition: definition.data },
			user.id
		);
		redirect(303, `/surveys/${id}`);
	}
};
