import type { RequestEvent } from '@sveltejs/kit';

/** The headers every answer carries, the hooks' own refusals included. */
export function withSecurityHeaders(
	event: Pick<RequestEvent, 'url' | 'locals'>,
	response: Response
): Response {
	response.headers.set('x-content-type-options', 'nosniff');
	if (event.url.pathname.startsWith('/s/')) {
		// A personal link's URL is a credential: nothing under it is handed on in a Referer header
		// or kept in a cache, its redirects and error pages included.
		response.headers.set('referrer-policy', 'no-referrer');
		response.headers.set('cache-control', 'private, no-store');
	} else if (!response.headers.has('referrer-policy')) {
		response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	}
	response.headers.set('x-frame-options', 'DENY');
	// Browsers honour HSTS only over https; ORIGIN says whether the public address is https.
	if (event.url.protocol === 'https:')
		response.headers.set('strict-transport-security', 'max-age=31536000');
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	return response;
}
