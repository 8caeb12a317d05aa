import { error, fail, isActionFailure, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { questionTypes, surveyDefinitionSchema, type SurveyDefinition } from '$lib/schemas/survey';
import {
	addPage,
	addQuestion,
	deletePage,
	deleteQuestion,
	duplicateQuestion,
	findQuestion,
	missingTranslations,
	moveQuestion,
	renamePage
} from '$lib/surveys/definition';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import { getModel } from '$lib/server/models/service';
import { setPublicLink } from '$lib/server/invitations/service';
import { publicUrl } from '$lib/server/links';
import { editedQuestion, editedSettings, replaceQuestion } from '$lib/server/surveys/builder-form';
import { changeStatus, duplicateSurvey, getSurvey, renameSurvey, saveDefinition, type SurveyAction } from '$lib/server/surveys/service';
import type { Actions, PageServerLoad } from './$types';


export const load: PageServerLoad = ({ params, url }) => {
	const db = appDb();
	const survey = getSurvey(db, pageId(params.id, 'No such survey.'));
	if (!survey) error(404, 'No such survey.');
	const model = survey.model ? getModel(db, survey.model.id) : null;
	const language = url.searchParams.get('lang');
	return {
		survey,
		factors: model?.current.factors.map(({ key, name }) => ({ key, name })) ?? [],
		missing: missingTranslations(survey.definition),
		previewLanguage: language && survey.definition.languages.includes(language) ? language : survey.definition.defaultLanguage,
		publicLink: survey.publicLinkId ? publicUrl(`/p/${survey.publicLinkId}`, url) : null,
		phone: url.searchParams.get('phone') === '1'
	};
};

/** Applies one builder step to the current definition, checks it, and saves it (versioned when needed). */
async function edit(event: RequestEvent<{ id: string }>, step: (definition: SurveyDefinition, form: FormData) => SurveyDefinition | { error: string }) {
	const db = appDb();
	const id = pageId(event.params.id, 'No such survey.');
	const survey = getSurvey(db, id);
	if (!survey) error(404, 'No such survey.');
	const form = await event.request.formData();
	let next: SurveyDefinition | { error: string };
	try {
		next = step(survey.definition, form);
	} catch (problem) {
		// The operations throw for ids that are not there (a stale page): say so, change nothing.
		return fail(404, { message: problem instanceof Error ? `${problem.message}. Reload the page.` : 'Nothing changed.' });
	}
	if ('error' in next) return fail(400, { message: next.error });
	const checked = surveyDefinitionSchema.safeParse(next);
	if (!checked.success) return fail(400, { message: checked.error.issues.map((issue) => issue.message).join(' · ') });
	const saved = saveDefinition(db, id, checked.data);
	if (!saved.ok) return fail(saved.status, { message: saved.message });
	return {
		success: saved.newVersion
			? `Saved as version ${saved.version}: the survey has responses, and this changes what a question means. Earlier answers keep version ${saved.version - 1}.`
			: 'Saved.'
	};
}

const questionId = (form: FormData) => String(form.get('questionId') ?? '');
const pageIndex = (form: FormData) => Number(form.get('pageIndex') ?? -1);

export const actions: Actions = {
	settings: async (event) => {
		let name = '';
		const result = await edit(event, (definition, form) => {
			name = String(form.get('name') ?? '').trim().slice(0, 200);
			return name ? editedSettings(definition, form) : { error: 'Name the survey.' };
		});
		if (!isActionFailure(result)) renameSurvey(appDb(), pageId(event.params.id, 'No such survey.'), name);
		return result;
	},
	addQuestion: (event) =>
		edit(event, (definition, form) => {
			const type = z.enum(questionTypes).safeParse(form.get('type'));
			if (!type.success) return { error: 'Choose a question type.' };
			return addQuestion(definition, Math.max(0, Math.min(pageIndex(form), definition.pages.length - 1)), type.data);
		}),
	editQuestion: (event) =>
		edit(event, (definition, form) => {
			const found = findQuestion(definition, questionId(form));
			if (!found) throw new Error('That question is gone');
			return replaceQuestion(definition, editedQuestion(found.question, form, definition.defaultLanguage));
		}),
	moveUp: (event) => edit(event, (definition, form) => moveQuestion(definition, questionId(form), 'up')),
	moveDown: (event) => edit(event, (definition, form) => moveQuestion(definition, questionId(form), 'down')),
	duplicateQuestion: (event) => edit(event, (definition, form) => duplicateQuestion(definition, questionId(form))),
	deleteQuestion: (event) => edit(event, (definition, form) => deleteQuestion(definition, questionId(form))),
	addPage: (event) => edit(event, (definition) => addPage(definition)),
	renamePage: (event) => edit(event, (definition, form) => renamePage(definition, pageIndex(form), String(form.get('title') ?? ''))),
	deletePage: (event) => edit(event, (definition, form) => deletePage(definition, pageIndex(form))),
	status: async (event) => {
		const action = z.enum(['open', 'close', 'archive', 'restore']).safeParse((await event.request.formData()).get('action'));
		if (!action.success) return fail(400, { message: 'Unknown action.' });
		const changed = changeStatus(appDb(), pageId(event.params.id, 'No such survey.'), action.data as SurveyAction);
		if (!changed.ok) return fail(changed.status, { message: [changed.message, ...(changed.problems ?? []).map((p) => p.message)].join(' · ') });
		return { success: `The survey is ${changed.status}.` };
	},
	publicLink: async (event) => {
		const enable = (await event.request.formData()).get('enable') === 'yes';
		setPublicLink(appDb(), pageId(event.params.id, 'No such survey.'), enable);
		return { success: enable ? 'The public link is on: anyone with it can answer, anonymously.' : 'The public link is off; the old address no longer works.' };
	},
	duplicate: (event) => {
		const user = requireUser(event);
		const copied = duplicateSurvey(appDb(), pageId(event.params.id, 'No such survey.'), user.id);
		if (!copied.ok) return fail(copied.status, { message: copied.message });
		redirect(303, `/surveys/${copied.id}`);
	}
};
