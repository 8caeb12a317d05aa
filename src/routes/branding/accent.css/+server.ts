import { error } from '@sveltejs/kit';
import { accentStylesheet } from '$lib/branding/accent';
import { brandingSchema } from '$lib/branding/settings-form';
import * as m from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * The accent colour as a stylesheet (`?colour=1d4ed8`), which respondent pages link to: the
 * Content Security Policy refuses style attributes. The colour is in the URL, so each stylesheet
 * never changes and is cached for a year; only colours the branding form would take are served.
 */
export const GET: RequestHandler = ({ url }) => {
	const colour = brandingSchema.shape.accentColour.safeParse(`#${url.searchParams.get('colour')}`);
	if (!colour.success || !colour.data)
		error(400, colour.error?.issues[0]?.message ?? m.branding_colour_format());
	return new Response(accentStylesheet(colour.data), {
		headers: {
			'content-type': 'text/css; charset=utf-8',
			'cache-control': 'public, max-age=31536000, immutable'
		}
	});
};
