import { error, fail } from '@sveltejs/kit';
import { surveyDefinitionSchema } from '$lib/schemas/survey';
import { translatableStrings } from '$lib/surveys/definition';
import { stockFallbacks } from '$lib/surveys/stock-texts';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import { asFormFailure } from '$lib/server/refusals';
import { withTranslations } from '$lib/server/surveys/builder-form';
import { getSurvey, saveDefinition } from '$lib/server/surveys/service';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const survey = await getSurvey(appDb(), pageId(params.id, m.surveys_not_found()));
	if (!survey) error(404, m.surveys_not_found());
	const others = survey.definition.languages.filter(
		(tag) => tag !== survey.definition.defaultLanguage
	);
	const requested = url.searchParams.get('lang');
	const language = requested && others.includes(requested) ? requested : (others[0] ?? null);
	return {
		survey: {
			id: survey.id,
			name: survey.name,
			status: survey.status,
			defaultLanguage: survey.definition.defaultLanguage
		},
		languages: others,
		language,
		stockTexts: survey.definition.languages.map((tag) => ({
			tag,
			fallbacks: stockFallbacks(survey.definition, tag)
		})),
		strings: language
			? translatableStrings(survey.definition).map((entry) => ({
					...entry,
					key: entry.path.join('.')
				}))
			: []
	};
};

export const actions: Actions = {
	default: async (event) => {
		const db = appDb();
		const id = pageId(event.params.id, m.surveys_not_found());
		const survey = await getSurvey(db, id);
		if (!survey) error(404, m.surveys_not_found());
		const translated = withTranslations(survey.definition, await event.request.formData());
		if ('error' in translated) return fail(400, { message: translated.error });
		const checked = surveyDefinitionSchema.safeParse(translated.definition);
		if (!checked.success)
			return fail(400, { message: checked.error.issues.map((issue) => issue.message).join(' · ') });
		const saved = await saveDefinition(db, id, checked.data);
		if (!saved.ok) return asFormFailure(saved);
		return { success: m.surveys_translations_saved() };
	}
};
