import { error, fail, redirect } from '@sveltejs/kit';
import { localeOf } from '$lib/i18n/locale';
import * as m from '$lib/paraglide/messages';
import { browserLocale, pickLanguage } from '$lib/respondent/language';
import { oneClickAnswers } from '$lib/surveys/answers';
import { answersWithClicks } from '$lib/respondent/one-click';
import { localize } from '$lib/surveys/localize';
import { usesFactorNames } from '$lib/surveys/piping';
import { ownOrStock } from '$lib/surveys/stock-texts';
import { currentBranding } from '$lib/server/branding/read';
import { appDb } from '$lib/server/db/app-db';
import type { Db } from '$lib/server/db';
import { getModel } from '$lib/server/models/service';
import { getSurvey } from '$lib/server/surveys/service';
import { answerPage } from '$lib/server/invitations/answer-page';
import { countedClicks, recordClick } from '$lib/server/invitations/one-click';
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

/** Factor key → name in the survey's model, read only for a survey whose texts name factors ({{factor.name}}). */
async function factorNamesOf(db: Db, surveyId: number): Promise<Record<string, string>> {
	const modelId = (await getSurvey(db, surveyId))?.model?.id;
	const model = modelId ? await getModel(db, modelId) : null;
	return Object.fromEntries(model?.factors.map(({ key, name }) => [key, name]) ?? []);
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
			branding: await currentBranding(db),
			hasProfile,
			definition: null,
			page: 0,
			answers: {},
			clickCounted: false,
			clientName: null,
			factorNames: {},
			versionId
		};
	}
	// A HEAD request is a program checking the link, never a person opening it.
	const person = request.method !== 'HEAD';
	if (person) await markOpened(db, found.invitation.id);
	const clicked = oneClickAnswers(definition, url.searchParams);
	const clickCounted =
		person && Object.keys(clicked).length > 0
			? await recordClick(db, found.invitation.id, clicked)
			: false;
	const saved = answersWithClicks(draft, await countedClicks(db, found.invitation.id));
	return {
		state: 'answering' as const,
		language,
		texts,
		branding: await currentBranding(db),
		hasProfile,
		definition,
		page: Math.min(draft?.page ?? 0, definition.pages.length - 1),
		// What this link chose is shown chosen even when set aside as a scanner's burst.
		answers: { ...saved, ...clicked },
		clickCounted,
		// What the survey's texts may pipe in ($lib/surveys/piping.ts).
		clientName: found.client?.name ?? null,
		factorNames: usesFactorNames(definition) ? await factorNamesOf(db, found.survey.id) : {},
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
