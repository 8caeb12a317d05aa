import { error } from '@sveltejs/kit';
import { message, pickLanguage, respondentLanguages } from '$lib/respondent/messages';
import { appDb } from '$lib/server/db/app-db';
import { clientOfLink, updateOwnProfile } from '$lib/server/invitations/service';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const clientBehind = async (token: string) =>
	((await clientOfLink(appDb(), token)) ?? error(404, message('en', 'notFound'))).client;

export const load: PageServerLoad = async ({ params, request }) => {
	const client = await clientBehind(params.token);
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
	default: async ({ params }) => {
		const client = await clientBehind(params.token);
		await updateOwnProfile(appDb(), client.id, {
			phone: client.phone,
			language: client.language,
			consent: client.consentAt !== null,
			unsubscribed: true
		});
		return { done: true };
	}
};
