import { error, fail, redirect } from '@sveltejs/kit';
import { message, pickLanguage } from '$lib/respondent/messages';
import { readPageAnswers } from '$lib/surveys/answers';
import { localize } from '$lib/surveys/definition';
import { appDb } from '$lib/server/db/app-db';
import { findInvitation, markOpened, saveDraft, submitLastPage, unavailability, versionFor } from '$lib/server/invitations/service';
import type { Actions, PageServerLoad } from './$types';

// Plain server-rendered forms: the page works on any phone, with or without JavaScript.
export const csr = false;

function invitationOr404(token: string) {
	const found = findInvitation(appDb(), token);
	// Says nothing about whether the token ever existed.
	if (!found) error(404, message('en', 'notFound'));
	return found;
}

export const load: PageServerLoad = ({ params, url, request, setHeaders }) => {
	// The link is a credential: never hand it to another site in a Referer header.
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'private, no-store' });
	const db = appDb();
	const found = invitationOr404(params.token);
	const { versionId, definition, draft } = versionFor(db, found.invitation.id, found.survey.id);
	const language = pickLanguage(
		definition.languages,
		definition.defaultLanguage,
		[url.searchParams.get('lang'), draft?.language, found.client?.language],
		request.headers.get('accept-language')
	);
	const texts = {
		title: localize(definition.title, language, definition.defaultLanguage),
		thankYou: localize(definition.thankYou, language, definition.defaultLanguage) || message(language, 'thanks')
	};
	const unavailable = unavailability(found);
	const hasProfile = found.client !== null;
	if (unavailable) {
		// Where the last page's POST redirects to: the thank-you, for a link that really is answered.
		const state = unavailable === 'alreadyAnswered' && url.searchParams.has('sent') ? ('sent' as const) : unavailable;
		return { state, language, texts, hasProfile, definition: null, page: 0, answers: {}, versionId };
	}
	markOpened(db, found.invitation.id);
	const page = Math.min(draft?.page ?? 0, definition.pages.length - 1);
	// One-click answers from an email (`?q-overall=4`) are shown chosen, not saved: mail scanners
	// open links too, so only the respondent's own submit records an answer.
	const questions = definition.pages[page]!.questions.filter((question) => url.searchParams.has(`q-${question.id}`));
	const clicked = readPageAnswers(questions, (field) => url.searchParams.getAll(field)).answers;
	return { state: 'answering' as const, language, texts, hasProfile, definition, page, answers: { ...draft?.answers, ...clicked }, versionId };
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const db = appDb();
		const found = invitationOr404(params.token);
		if (unavailability(found)) redirect(303, `/s/${params.token}`);
		const { versionId, definition, draft } = versionFor(db, found.invitation.id, found.survey.id);
		const form = await request.formData();
		const pageIndex = Math.max(0, Math.min(Number(form.get('page') ?? 0), definition.pages.length - 1));
		const language = String(form.get('language') ?? definition.defaultLanguage);
		const questions = definition.pages[pageIndex]!.questions;
		const going = form.get('go') === 'back' ? 'back' : 'forward';
		const { answers, problems } = readPageAnswers(questions, (field) => form.getAll(field).map(String));
		// This page's answers replace what was saved for it; other pages' answers stay.
		const kept = Object.fromEntries(Object.entries(draft?.answers ?? {}).filter(([id]) => !questions.some((q) => q.id === id)));
		const merged = { ...kept, ...answers };
		if (going === 'forward' && Object.keys(problems).length) {
			saveDraft(db, { invitationId: found.invitation.id, surveyVersionId: versionId, language, page: pageIndex, answers: merged });
			return fail(400, { problems, answers: merged, page: pageIndex });
		}
		const last = pageIndex === definition.pages.length - 1;
		if (going === 'forward' && last) {
			submitLastPage(db, { invitationId: found.invitation.id, surveyVersionId: versionId, definition, language, page: pageIndex, answers: merged });
			// Post/redirect/get: a reload cannot resend the answers, and the thank-you is a light page of its own.
			redirect(303, `/s/${params.token}?sent&lang=${encodeURIComponent(language)}`);
		}
		saveDraft(db, { invitationId: found.invitation.id, surveyVersionId: versionId, language, page: going === 'back' ? Math.max(0, pageIndex - 1) : pageIndex + 1, answers: merged });
		redirect(303, `/s/${params.token}`);
	}
};
