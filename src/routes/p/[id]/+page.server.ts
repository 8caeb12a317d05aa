import { error, fail, redirect } from '@sveltejs/kit';
import { localeOf } from '$lib/i18n/locale';
import * as m from '$lib/paraglide/messages';
import { browserLocale, pickLanguage } from '$lib/respondent/language';
import { localize } from '$lib/surveys/localize';
import { pipedText } from '$lib/surveys/piping';
import { createRateLimiter } from '$lib/server/api/rate-limit';
import { currentBranding } from '$lib/server/branding/read';
import { appDb } from '$lib/server/db/app-db';
import {
	findInvitation,
	findSurveyByPublicLink,
	inviteAnonymous
} from '$lib/server/invitations/service';
import { getSurvey } from '$lib/server/surveys/service';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/** New anonymous answers per address and hour: enough for an office behind one router, not for a bot. */
const startsPerAddress = createRateLimiter(30, 60 * 60 * 1000);
const cookieName = (publicLinkId: string) => `satisfy_public_${publicLinkId}`;

async function surveyOr404(publicLinkId: string, request: Request) {
	const db = appDb();
	const survey = await findSurveyByPublicLink(db, publicLinkId);
	if (!survey) error(404, m.respondent_not_found({}, { locale: browserLocale(request) }));
	return (await getSurvey(db, survey.id))!;
}

export const load: PageServerLoad = async ({ params, cookies, request }) => {
	const survey = await surveyOr404(params.id, request);
	const definition = survey.definition;
	const language = pickLanguage(
		definition.languages,
		definition.defaultLanguage,
		[],
		request.headers.get('accept-language')
	);
	// The cookie holds this browser's own link: it resumes the answers, and after sending them
	// it discourages a second round (a discouragement, not proof: the link stays anonymous).
	const token = cookies.get(cookieName(params.id));
	const mine = token ? await findInvitation(appDb(), token) : null;
	if (mine && !mine.invitation.completedAt && survey.status === 'open')
		redirect(303, `/s/${token}`);
	return {
		language,
		title: localize(definition.title, language, definition.defaultLanguage),
		// Nobody is known yet: placeholders ({{client.name}}, …) stay empty.
		intro: pipedText(definition, localize(definition.intro, language, definition.defaultLanguage), {
			language,
			clientName: null,
			answers: {},
			factorNames: {}
		}),
		branding: await currentBranding(appDb()),
		state:
			survey.status !== 'open'
				? ('closed' as const)
				: mine?.invitation.completedAt
					? ('alreadyAnswered' as const)
					: ('ready' as const)
	};
};

export const actions: Actions = {
	default: async ({ params, cookies, getClientAddress, url, request }) => {
		const survey = await surveyOr404(params.id, request);
		if (survey.status !== 'open') redirect(303, url.pathname);
		if (!startsPerAddress(getClientAddress()).allowed) {
			return fail(429, {
				message: m.respondent_too_many_starts(
					{},
					{ locale: localeOf(survey.definition.defaultLanguage) }
				)
			});
		}
		const { token } = await inviteAnonymous(appDb(), survey.id);
		cookies.set(cookieName(params.id), token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 180 * 24 * 60 * 60,
			secure: url.protocol === 'https:'
		});
		redirect(303, `/s/${token}`);
	}
};
