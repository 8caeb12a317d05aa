import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { lineText } from '$lib/schemas/text';
import * as m from '$lib/paraglide/messages';
import { browserLocale, pickLanguage, respondentLanguages } from '$lib/respondent/language';
import { maskedEmail } from '$lib/respondent/masked-email';
import { canonicalLanguage } from '$lib/schemas/clients';
import { currentBranding } from '$lib/server/branding/read';
import { appDb } from '$lib/server/db/app-db';
import { clientOfLink, updateOwnProfile, versionFor } from '$lib/server/invitations/service';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// Anonymous and erased clients have no profile; to the visitor that is simply "not valid".
const clientBehind = async (token: string, request: Request) =>
	(await clientOfLink(appDb(), token)) ??
	error(404, m.respondent_not_found({}, { locale: browserLocale(request) }));

export const load: PageServerLoad = async ({ params, request, url }) => {
	const { found, client } = await clientBehind(params.token, request);
	const { definition } = await versionFor(appDb(), found.invitation.id, found.survey.id);
	const offered = [...new Set([...definition.languages, ...respondentLanguages, client.language])];
	const language = pickLanguage(
		offered,
		definition.defaultLanguage,
		[url.searchParams.get('lang'), client.language],
		request.headers.get('accept-language')
	);
	return {
		language,
		languages: offered,
		branding: await currentBranding(appDb()),
		client: {
			name: client.name,
			// Whoever a forwarded link reaches may change preferences, but not learn the address.
			email: maskedEmail(client.email),
			phone: client.phone ?? '',
			language: client.language,
			consent: client.consentAt !== null,
			unsubscribed: client.unsubscribedAt !== null
		}
	};
};

const profileSchema = z.object({
	phone: lineText()
		.trim()
		.max(50)
		.transform((phone) => phone || null),
	language: z
		.string()
		.refine((tag) => canonicalLanguage(tag) !== null)
		.transform((tag) => canonicalLanguage(tag)!),
	consent: z.literal('on').optional().transform(Boolean),
	unsubscribed: z.literal('on').optional().transform(Boolean)
});

export const actions: Actions = {
	default: async ({ params, request }) => {
		const { client } = await clientBehind(params.token, request);
		const form = await request.formData();
		const parsed = profileSchema.safeParse({
			phone: String(form.get('phone') ?? ''),
			language: String(form.get('language') ?? ''),
			consent: form.get('consent') ?? undefined,
			unsubscribed: form.get('unsubscribed') ?? undefined
		});
		if (!parsed.success)
			return fail(400, {
				invalid: parsed.error.issues.some((issue) => issue.path[0] === 'phone')
					? 'invalidPhone'
					: 'invalid'
			});
		await updateOwnProfile(appDb(), client.id, parsed.data);
		return { saved: true };
	}
};
