import { json, type RequestEvent } from '@sveltejs/kit';
import { authenticateApiRequest } from '../api/authenticate';
import { ApiError, errorResponse } from '../api/errors';
import { escapeHtml } from '../../html-escape';
import { admits, isScoped, requirement } from './access';
import * as m from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';

// Messages, called per refusal: each page is titled in the language of its own request.
const titles: Record<number, () => string> = {
	400: m.access_title_bad_request,
	403: m.error_not_allowed,
	404: m.error_not_found,
	405: m.access_title_method_not_allowed
};

/**
 * Whether the asker prefers JSON to HTML, weighing the Accept header's q-values the way SvelteKit
 * does (no header, or any type at all, means JSON: scripts, not browsers).
 */
function prefersJson(event: RequestEvent): boolean {
	const accepted = (event.request.headers.get('accept') ?? '*/*').split(',').map((part) => {
		const [type = '', ...parameters] = part.trim().split(';');
		const q = parameters.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
		return { type: type.trim(), q: q === undefined ? 1 : Number(q) };
	});
	const weight = (mime: string) =>
		Math.max(
			0,
			...accepted
				.filter(({ type }) => type === mime || type === '*/*' || type === `${mime.split('/')[0]}/*`)
				.map(({ q }) => q)
		);
	return weight('application/json') > 0 && weight('application/json') >= weight('text/html');
}

/** A form posted by SvelteKit's `enhance` (or a script) reads the answer as an action result. */
const isActionJsonRequest = (event: RequestEvent) =>
	event.request.method === 'POST' && !event.isDataRequest && prefersJson(event);

/**
 * A refusal in the form the asker reads: JSON for data requests and scripts, an action result
 * for enhanced forms, else a plain page. It is made here rather than thrown, because nothing of
 * the route — its layouts' loads included — may run for it.
 */
function refusal(event: RequestEvent, status: number, message: string): Response {
	if (isActionJsonRequest(event))
		return json({ type: 'error', status, error: { message } }, { status });
	if (event.isDataRequest || prefersJson(event)) return json({ message }, { status });
	const title = (titles[status] ?? m.access_title_refused)();
	const page = `<!doctype html>
<html lang="${getLocale()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Satisfy</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><main id="main"><p><a href="/">Satisfy</a></p><h1>${title}</h1><p>${escapeHtml(message)}</p>
<p><a href="/">${m.error_home_link()}</a></p></main></body></html>`;
	return new Response(page, {
		status,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'; img-src 'self'; frame-ancestors 'none'"
		}
	});
}

/** Elsewhere first (SvelteKit turns the answer into JSON for `__data.json`). */
function redirectFirst(event: RequestEvent, location: string): Response {
	if (isActionJsonRequest(event)) return json({ type: 'redirect', status: 303, location });
	return new Response(null, { status: 303, headers: { location } });
}

/** To the sign-in page, coming back here afterwards. */
const toSignIn = (event: RequestEvent) =>
	redirectFirst(
		event,
		`/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`
	);

/** Where a user sets up the second factor the owner requires of them. */
export const ENROLMENT_PAGE = '/settings/account/two-factor';

/**
 * Decides, from the access table alone, whether this request may reach its route: a Response
 * that refuses it, or null to go on. Runs in `handle` before any load, action or endpoint, so a
 * page's data (`__data.json`, whatever `x-sveltekit-invalidated` skips) is guarded like the page.
 */
export async function refusalOf(event: RequestEvent): Promise<Response | null> {
	// No route matched: SvelteKit answers 404 without running anything of ours.
	if (!event.route.id) return null;
	const needs = requirement(event.route.id, event.request.method, event.url);
	if (needs.kind === 'refused') {
		if (event.route.id.startsWith('/api/'))
			return errorResponse(new ApiError(needs.status, needs.message));
		return refusal(event, needs.status, needs.message);
	}
	if (needs.kind === 'apiKey') {
		if (!needs.endpoint.role) return null;
		try {
			event.locals.apiKey = await authenticateApiRequest(event.request, needs.endpoint.role);
			return null;
		} catch (error) {
			if (error instanceof ApiError) return errorResponse(error);
			throw error;
		}
	}
	const user = event.locals.user;
	if (user?.mustEnrolSecondFactor && needs.audience !== 'anyone' && !needs.duringEnrolment)
		return redirectFirst(event, `${ENROLMENT_PAGE}?required`);
	if (user && needs.wholeBase && isScoped(user))
		return refusal(event, 403, m.access_whole_base_scoped());
	if (admits(needs.audience, user?.role ?? null)) return null;
	if (!user) return toSignIn(event);
	return refusal(
		event,
		403,
		m.access_role_too_low({ required: needs.audience, actual: user.role })
	);
}
