import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { message, pickLanguage, respondentLanguages } from '$lib/respondent/messages';
import { appDb } from '$lib/server/db/app-db';
import { clients } from '$lib/server/db/schema';
import { findInvitation, updateOwnProfile } from '$lib/server/invitations/service';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

function clientBehind(token: string) {
	const db = appDb();
	const found = findInvitation(db, token);
	if (!found?.client) error(404, message('en', 'notFound'));
	return db.select().from(clients).where(eq(clients.id, found.client.id)).get()!;
}

export const load: PageServerLoad = ({ params, request }) => {
	const client = clientBehind(params.token);
	const language = pickLanguage([...respondentLanguages], 'en', [client.language], request.headers.get('accept-language'));
	return { language, unsubscribed: client.unsubscribedAt !== null };
};

// Also the target of RFC 8058 one-click unsubscribe, which mail clients POST without a page.
export const actions: Actions = {
	default: ({ params }) => {
		const client = clientBehind(params.token);
		updateOwnProfile(appDb(), client.id, { phone: client.phone, language: client.language, consent: client.consentAt !== null, unsubscribed: true });
		return { done: true };
	}
};
