import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { appDb } from '$lib/server/db/app-db';
import { brandingLogo } from '$lib/server/branding/read';
import type { RequestHandler } from './$types';

/**
 * The company's logo for respondent pages and emails, public like them. Only PNG, JPEG and WebP
 * are ever stored (their bytes checked at upload), served as the type stored and never sniffed.
 * `?v=` names the version a page or email links to: that one is cached for a year, since a new
 * logo gets a new URL; any other answer is checked again each time.
 */
export const GET: RequestHandler = async ({ url }) => {
	const logo = await brandingLogo(appDb());
	if (!logo) error(404, m.error_not_found());
	const current = url.searchParams.get('v') === String(logo.version);
	return new Response(logo.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': logo.type,
			'content-length': String(logo.bytes.byteLength),
			'x-content-type-options': 'nosniff',
			'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache'
		}
	});
};
