const formContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * SvelteKit's origin check, with one exception: the respondent's page sends
 * `Referrer-Policy: no-referrer` (its URL is a credential), so browsers post its forms with
 * `Origin: null`. Those forms cannot be forged without the secret link itself, which is the
 * credential the check would protect.
 */
export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
		return false;
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
	if (!formContentTypes.includes(type)) return false;
	if (url.pathname.startsWith('/s/')) return false;
	return request.headers.get('origin') !== url.origin;
}
