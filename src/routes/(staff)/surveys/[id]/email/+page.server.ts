import { error, fail } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import {
	emailPreview,
	previewChoice,
	previewClients,
	sendTestEmail,
	chosenClientId
} from '$lib/server/mail/email-preview';
import { emailSender, senderText } from '$lib/mail/sender';
import { appConfig } from '$lib/server/config';
import { previewContext } from './preview-context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, survey, request } = await previewContext(event);
	const problems: string[] = [];
	const parsed = previewChoice(event.url.searchParams);
	if (!parsed.ok) problems.push(parsed.message);
	const choice = parsed.ok ? parsed.choice : {};
	const search = choice.search ?? '';
	const clients = await previewClients(db, request.viewer, search);
	// Without a choice, the first client found; the sample only when there is none.
	const asked = {
		language: choice.lang ?? null,
		clientId: choice.client === undefined ? (clients[0]?.id ?? null) : chosenClientId(choice.client)
	};
	let preview = await emailPreview(db, { ...request, ...asked });
	if (!preview.ok) {
		// What cannot be shown is said, and the rest shown: the survey's language, or the sample client.
		problems.push(preview.message);
		preview = await emailPreview(db, {
			...request,
			...asked,
			...(preview.field === 'lang' ? { language: null } : { clientId: null })
		});
	}
	if (!preview.ok) error(preview.status, preview.message);
	const { client, language, deadline, email } = preview;
	const chosen = { lang: language, client: client.id === null ? 'sample' : String(client.id) };
	return {
		survey: { id: survey.id, name: survey.name },
		languages: survey.definition.languages,
		search,
		clients:
			client.id === null || clients.some(({ id }) => id === client.id)
				? clients
				: [{ id: client.id, name: client.name, email: '' }, ...clients],
		chosen,
		frame: `/surveys/${survey.id}/email/frame?${new URLSearchParams(chosen)}`,
		problems,
		client,
		deadline,
		email: { subject: email.subject, text: email.text, language: email.language },
		// As the mail server is told (mail/transport.ts): MAIL_FROM's address, the company's name.
		sender: senderText(emailSender(appConfig().mailFrom, email.senderName)),
		replyTo: email.replyTo ?? null,
		sendTo: request.viewer.email
	};
};

export const actions: Actions = {
	sendTest: async (event) => {
		const { db, request } = await previewContext(event);
		const parsed = previewChoice(await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'sendTest', message: parsed.message });
		const { lang, client } = parsed.choice;
		const sent = await sendTestEmail(db, {
			...request,
			language: lang ?? null,
			clientId: chosenClientId(client)
		});
		if (!sent.ok) return fail(sent.status, { action: 'sendTest', message: sent.message });
		return { action: 'sendTest', success: m.email_preview_sent({ email: sent.to }) };
	}
};
