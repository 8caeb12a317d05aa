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
	questionIds,
	renamePage
} from '$lib/surveys/definition';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import { getModel } from '$lib/server/models/service';
import { setPublicLink } from '$lib/server/invitations/service';
import { publicUrl } from '$lib/server/links';
import { asFormFailure } from '$lib/server/refusals';
import {
	editedPageLogic,
	editedQuestion,
	editedSettings,
	pageLogicFormSchema,
	questionFormSchema,
	readBuilderForm,
	replaceQuestion,
	settingsFormSchema
} from '$lib/server/surveys/builder-form';
import { lineText } from '$lib/schemas/text';
import * as m from '$lib/paraglide/messages';
import {
	changeStatus,
	duplicateSurvey,
	getSurvey,
	renameSurvey,
	saveDefinition,
	type SurveyAction
} from '$lib/server/surveys/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const db = appDb();
	const survey = await getSurvey(db, pageId(params.id, m.surveys_not_found()));
	if (!survey) error(404, m.surveys_not_found());
	const model = survey.model ? await getModel(db, survey.model.id) : null;
	const language = url.searchParams.get('lang');
	return {
		survey,
		factors: model?.current.factors.map(({ key, name }) => ({ key, name })) ?? [],
		missing: missingTranslations(survey.definition),
		previewLanguage:
			language && survey.definition.languages.includes(language)
				? language
				: survey.definition.defaultLanguage,
		publicLink: survey.publicLinkId ? publicUrl(`/p/${survey.publicLinkId}`, url) : null,
		phone: url.searchParams.get('phone') === '1'
	};
};

/** Applies one builder step to the current definition, checks it, and saves it (versioned when needed). */
async function edit(
	event: RequestEvent<{ id: string }>,
	step: (definition: SurveyDefinition, form: FormData) => SurveyDefinition | { error: string }
) {
	const db = appDb();
	const id = pageId(event.params.id, m.surveys_not_found());
	const survey = await getSurvey(db, id);
	if (!survey) error(404, m.surveys_not_found());
	const form = await event.request.formData();
	let next: SurveyDefinition | { error: string };
	try {
		next = step(survey.definition, form);
	} catch (problem) {
		// The operations throw for ids that are not there (a stale page): say so, change nothing.
		return fail(404, {
			message:
				problem instanceof Error
					? m.surveys_stale({ problem: problem.message })
					: m.common_nothing_changed()
		});
	}
	if ('error' in next) return fail(400, { message: next.error });
	const checked = surveyDefinitionSchema.safeParse(next);
	if (!checked.success)
		return fail(400, { message: checked.error.issues.map((issue) => issue.message).join(' · ') });
	const saved = await saveDefinition(db, id, checked.data);
	if (!saved.ok) return asFormFailure(saved);
	return {
		success: saved.newVersion
			? m.surveys_saved_new_version({ version: saved.version, previous: saved.version - 1 })
			: m.common_saved()
	};
}

const questionIdSchema = z.object({
	questionId: lineText({ error: () => m.validation_choose_question() }).max(40)
});
// A page the survey does not have is refused by the operation itself, as a stale page.
const pageIndexSchema = z.object({
	pageIndex: z.coerce
		.number({ error: () => m.validation_choose_page() })
		.int({ error: () => m.validation_choose_page() })
});
const addQuestionSchema = pageIndexSchema.extend({
	type: z.enum(questionTypes, { error: () => m.validation_choose_question_type() })
});
const renamePageSchema = pageIndexSchema.extend({
	title: lineText()
		.max(200, { error: () => m.validation_page_title_too_long() })
		.default('')
});
const statusSchema = z.object({
	action: z.enum(['open', 'close', 'archive', 'restore'] satisfies SurveyAction[], {
		error: () => m.validation_unknown_action()
	})
});
const publicLinkSchema = z.object({
	enable: z.enum(['yes', 'no'], { error: () => m.validation_public_link_choice() })
});

/** A builder step that needs only a question's id. */
const onQuestion =
	(step: (definition: SurveyDefinition, id: string) => SurveyDefinition) =>
	(definition: SurveyDefinition, form: FormData) => {
		const read = readBuilderForm(questionIdSchema, form);
		return 'error' in read ? read : step(definition, read.data.questionId);
	};

export const actions: Actions = {
	settings: async (event) => {
		let name = '';
		const result = await edit(event, (definition, form) => {
			const read = readBuilderForm(settingsFormSchema, form);
			if ('error' in read) return read;
			name = read.data.name;
			return editedSettings(definition, read.data);
		});
		if (!isActionFailure(result))
			await renameSurvey(appDb(), pageId(event.params.id, m.surveys_not_found()), name);
		return result;
	},
	addQuestion: (event) =>
		edit(event, (definition, form) => {
			const read = readBuilderForm(addQuestionSchema, form);
			if ('error' in read) return read;
			return addQuestion(
				definition,
				Math.max(0, Math.min(read.data.pageIndex, definition.pages.length - 1)),
				read.data.type
			);
		}),
	editQuestion: (event) =>
		edit(event, (definition, form) => {
			const id = readBuilderForm(questionIdSchema, form);
			if ('error' in id) return id;
			const found = findQuestion(definition, id.data.questionId);
			if (!found) throw new Error(m.surveys_question_gone());
			const read = readBuilderForm(questionFormSchema(found.question), form, {
				lists: ['newOption']
			});
			if ('error' in read) return read;
			const edited = editedQuestion(
				found.question,
				read.data,
				definition.defaultLanguage,
				questionIds(definition)
			);
			return 'error' in edited ? edited : replaceQuestion(definition, edited);
		}),
	pageLogic: (event) =>
		edit(event, (definition, form) => {
			const read = readBuilderForm(pageLogicFormSchema, form);
			return 'error' in read ? read : editedPageLogic(definition, read.data);
		}),
	moveUp: (event) =>
		edit(
			event,
			onQuestion((definition, id) => moveQuestion(definition, id, 'up'))
		),
	moveDown: (event) =>
		edit(
			event,
			onQuestion((definition, id) => moveQuestion(definition, id, 'down'))
		),
	duplicateQuestion: (event) => edit(event, onQuestion(duplicateQuestion)),
	deleteQuestion: (event) => edit(event, onQuestion(deleteQuestion)),
	addPage: (event) => edit(event, (definition) => addPage(definition)),
	renamePage: (event) =>
		edit(event, (definition, form) => {
			const read = readBuilderForm(renamePageSchema, form);
			return 'error' in read ? read : renamePage(definition, read.data.pageIndex, read.data.title);
		}),
	deletePage: (event) =>
		edit(event, (definition, form) => {
			const read = readBuilderForm(pageIndexSchema, form);
			return 'error' in read ? read : deletePage(definition, read.data.pageIndex);
		}),
	status: async (event) => {
		const read = readBuilderForm(statusSchema, await event.request.formData());
		if ('error' in read) return fail(400, { message: read.error });
		const changed = await changeStatus(
			appDb(),
			pageId(event.params.id, m.surveys_not_found()),
			read.data.action
		);
		if (!changed.ok)
			return asFormFailure({
				...changed,
				message: [changed.message, ...(changed.problems ?? []).map((p) => p.message)].join(' · ')
			});
		const now = {
			draft: m.surveys_status_now_draft,
			open: m.surveys_status_now_open,
			closed: m.surveys_status_now_closed,
			archived: m.surveys_status_now_archived
		};
		return { success: now[changed.status]() };
	},
	publicLink: async (event) => {
		const read = readBuilderForm(publicLinkSchema, await event.request.formData());
		if ('error' in read) return fail(400, { message: read.error });
		const enable = read.data.enable === 'yes';
		await setPublicLink(appDb(), pageId(event.params.id, m.surveys_not_found()), enable);
		return {
			success: enable ? m.surveys_public_on_done() : m.surveys_public_off_done()
		};
	},
	duplicate: async (event) => {
		const user = requireUser(event);
		const copied = await duplicateSurvey(
			appDb(),
			pageId(event.params.id, m.surveys_not_found()),
			user.id
		);
		if (!copied.ok) return asFormFailure(copied);
		redirect(303, `/surveys/${copied.id}`);
	}
};
