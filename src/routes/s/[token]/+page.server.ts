import { error, fail, redirect } from '@sveltejs/kit';
import { localeOf } from '$lib/i18n/locale';
import * as m from '$lib/paraglide/messages';
import { browserLocale, pickLanguage } from '$lib/respondent/language';
import { readPageAnswers } from '$lib/surveys/answers';
import { localize } from '$lib/surveys/definition';
import { ownOrStock } from '$lib/surveys/stock-texts';
import { appDb } from '$lib/server/db/app-db';
import { answerPage } from '$lib/server/invitations/answer-page';
import {
	findInvitation,
	markOpened,
	unavailability,
	versionFor
} from '$lib/server/invitations/service';
import type { Actions, PageServerLoad } from './$types';

// Plain server-rendered forms: the page works on any phone, with or without JavaScript.
export const csr = false;

async function invitationOr404(token: string, request: Request) {
	const found = await findInvitation(appDb(), token);
	// Says nothing about whether the token ever existed.
	if (!found) error(404, m.respondent_not_found({}, { locale: browserLocale(request) }));
	return found;
}

export const load: PageServerLoad = async ({ params, url, request }) => {
	const db = appDb();
	const found = await invitationOr404(params.token, request);
	const { versionId, definition, draft } = await versionFor(
		db,
		found.invitation.id,
		found.survey.id
	);
	const language = pickLanguage(
		definition.languages,
		definition.defaultLanguage,
		[url.searchParams.get('lang'), draft?.language, found.client?.language],
		request.headers.get('accept-language')
	);
	const texts = {
		title: localize(definition.title, language, definition.defaultLanguage),
		thankYou: ownOrStock(definition.thankYou, language, m.respondent_thanks)
	};
	const unavailable = unavailability(found);
	const hasProfile = found.client !== null;
	if (unavailable) {
		// Where the last page's POST redirects to: the thank-you, for a link that really is answered.
		const state =
			unavailable === 'alreadyAnswered' && url.searchParams.has('sent')
				? ('sent' as const)
				: unavailable;
		return {
			state,
			language,
			texts,
			hasProfile,
			definition: null,
			page: 0,
			answers: {},
			versionId
		};
	}
	await markOpened(db, found.invitation.id);
	const page = Math.min(draft?.page ?? 0, definition.pages.length - 1);
	// One-click answers from an email (`?q-overall=4`) are shown chosen, not saved: mail scanners
	// open links too, so only the respondent's own submit records an answer.
	const questions = definition.pages[page]!.questions.filter((question) =>
		url.searchParams.has(`q-${question.id}`)
	);
	const clicked = readPageAnswers(questions, (field) => url.searchParams.getAll(field)).answers;
	return {
		state: 'answering' as const,
		language,
		texts,
		hasProfile,
		definition,
		page,
		answers: { ...draft?.answers, ...clicked },
		versionId
	};
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const form = await request.formData();
		const outcome = await answerPage(appDb(), params.token, (field) =>
			form.getAll(field).map(String)
		);
		switch (outcome.kind) {
			case 'notFound':
				error(404, m.respondent_not_found({}, { locale: browserLocale(request) }));
			case 'unreadable':
				error(
					400,
					m.respondent_unreadable_form({}, { locale: localeOf(String(form.get('language'))) })
				);
			case 'problems':
			case 'incomplete':
				return fail(400, {
					problems: outcome.problems,
					answers: outcome.answers,
					page: outcome.page,
					incomplete: outcome.kind === 'incomplete'
				});
			case 'completed':
				// Post/redirect/get: a reload cannot resend the answers, and the thank-you is a light page of its own.
				redirect(303, `/s/${params.token}?sent&lang=${encodeURIComponent(outcome.language)}`);
			case 'unavailable':
			case 'saved':
				redirect(303, `/s/${params.token}`);
		}
	}
};
