import { error } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { pageId } from '$lib/server/route-params';
import { appDb } from '$lib/server/db/app-db';
import { publicUrl } from '$lib/server/links';
import { qrCode, qrFormats } from '$lib/server/surveys/qr';
import { getSurvey } from '$lib/server/surveys/service';
import type { RequestHandler } from './$types';

const contentTypes = { svg: 'image/svg+xml', png: 'image/png' } as const;

/** The survey's public link as a QR code (`?format=svg|png`, SVG unless said), to print. */
export const GET: RequestHandler = async ({ params, url }) => {
	const format = z
		.enum(qrFormats)
		.default('svg')
		.safeParse(url.searchParams.get('format') ?? undefined);
	if (!format.success) error(400, m.surveys_qr_format());
	const survey = await getSurvey(appDb(), pageId(params.id, m.surveys_not_found()));
	if (!survey) error(404, m.surveys_not_found());
	if (!survey.publicLinkId) error(404, m.surveys_qr_no_public_link());
	const code = await qrCode(publicUrl(`/p/${survey.publicLinkId}`, url), format.data);
	return new Response(code, {
		headers: {
			'content-type': contentTypes[format.data],
			'content-disposition': `inline; filename="survey-${survey.id}-qr.${format.data}"`,
			// The code changes when the link is turned off and on again.
			'cache-control': 'private, no-cache'
		}
	});
};
