import { error } from '@sveltejs/kit';
import { chosenClientId, emailPreview, previewChoice } from '$lib/server/mail/email-preview';
import { previewContext } from '../preview-context';
import type { RequestHandler } from './$types';

/**
 * The HTML part of the preview (../+page.svelte), for its frame. A document of its own so that it
 * keeps its inline styles, which the pages' CSP refuses (a `srcdoc` frame inherits the page's
 * policy). Its own policy runs no script at all (`default-src 'none'`), submits nothing and loads
 * nothing but images from here, so nothing a client typed can run, even were it not escaped; the
 * page's sandbox gives it an origin of its own besides. `frame-ancestors 'self'` lets only our own
 * pages frame it (browsers then ignore the X-Frame-Options every answer carries).
 */
export const GET: RequestHandler = async (event) => {
	const { db, request } = await previewContext(event);
	const parsed = previewChoice(event.url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	const { lang, client } = parsed.choice;
	const preview = await emailPreview(db, {
		...request,
		language: lang ?? null,
		clientId: chosenClientId(client)
	});
	if (!preview.ok) error(preview.status, preview.message);
	return new Response(preview.email.html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' ${new URL(request.origin).origin} data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'`
		}
	});
};
