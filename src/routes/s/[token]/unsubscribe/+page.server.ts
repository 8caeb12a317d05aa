import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { localeOf } from '$lib/i18n/locale';
import * as m from '$lib/paraglide/messages';
import { browserLocale, pickLanguage, respondentLanguages } from '$lib/respondent/language';
import { maskedEmail } from '$lib/respondent/masked-email';
import { localize } from '$lib/surveys/localize';
import { currentBranding } from '$lib/server/branding/read';
import { appDb } from '$lib/server/db/app-db';
import { clientOfLink, versionFor } from '$lib/server/invitations/service';
import { changeSubscription } from '$lib/server/invitations/unsubscribe';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const notFound = (request: Request) =>
	error(404, m.respondent_not_found({}, { locale: browserLocale(request) }));

// Anonymous and erased clients have no subscription; to the visitor that is simply "not valid".
async function clientBehind(token: string, request: Request) {
	const link = (await clientOfLink(appDb(), token)) ?? notFound(request);
	const language = pickLanguage(
		[...respondentLanguages],
		'en',
		[link.client.language],
		request.headers.get('accept-language')
	);
	return { ...link, language };
}

export const load: PageServerLoad = async ({ params, request }) => {
	const { found, client, language } = await clientBehind(params.token, request);
	const { definition } = await versionFor(appDb(), found.invitation.id, found.survey.id);
	return {
		language,
		branding: await currentBranding(appDb()),
		survey: localize(definition.title, language, definition.defaultLanguage),
		email: maskedEmail(client.email),
		unsubscribedAt: client.unsubscribedAt
	};
};

const choiceSchema = z.object({
	intent: z.enum(['unsubscribe', 'resubscribe']).default('unsubscribe'),
	confirm: z.literal('on').optional().transform(Boolean)
});

/*
 * One default action for both buttons (SvelteKit allows a default action or named ones, not
 * both): it is also the target of RFC 8058 one-click unsubscribe, which mail clients POST to the
 * List-Unsubscribe address with the body `List-Unsubscribe=One-Click`, no page and no intent,
 * and every email sent so far carries that address.
 */
export const actions: Actions = {
	default: async ({ params, request, url }) => {
		const { client, language } = await clientBehind(params.token, request);
		const parsed = choiceSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success)
			return fail(400, {
				message: m.respondent_unsubscribe_invalid({}, { locale: localeOf(language) })
			});
		const { intent, confirm } = parsed.data;
		const outcome = await changeSubscription(
			appDb(),
			client.id,
			intent === 'unsubscribe'
				? {
						unsubscribed: true,
						confirmation: confirm ? { link: `${url.origin}${url.pathname}`, language } : null
					}
				: { unsubscribed: false }
		);
		if (outcome === 'erased') notFound(request);
		const asked = intent === 'unsubscribe' && confirm;
		return {
			done: intent,
			confirmationTo: asked && outcome === 'changed' ? maskedEmail(client.email) : null,
			confirmationWithheld: asked && outcome === 'changed-not-confirmed'
		};
	}
};
