import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { browserLocale, pickLanguage, respondentLanguages } from '$lib/respondent/language';
import { appDb } from '$lib/server/db/app-db';
import { clientOfLink, updateOwnProfile } from '$lib/server/invitations/service';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const clientBehind = async (token: string, request: Request) =>
	(
		(await clientOfLink(appDb(), token)) ??
		error(404, m.respondent_not_found({}, { locale: browserLocale(request) }))
	).client;

export const load: PageServerLoad = async ({ params, request }) => {
	const client = await clientBehind(params.token, request);
	const language = pickLanguage(
		[...respondentLanguages],
		'en',
		[client.language],
		request.headers.get('accept-language')
	);
	return { language, unsubscribed: client.unsubscribedAt !== null };
};

// Also the target of RFC 8058 one-click unsubscribe, which mail clients POST without a page.
export const actions: Actions = {
	default: async ({ params, request }) => {
		const client = await clientBehind(params.token, request);
		await updateOwnProfile(appDb(), client.id, {
			phone: client.phone,
			language: client.language,
			consent: client.consentAt !== null,
			unsubscribed: true
		});
		return { done: true };
	}
};
