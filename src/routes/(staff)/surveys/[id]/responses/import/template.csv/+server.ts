import { neutraliseFormula } from '$lib/csv/write';
import { appDb } from '$lib/server/db/app-db';
import * as m from '$lib/paraglide/messages';
import { pageId } from '$lib/server/route-params';
import { responseCsvHeaders } from '$lib/surveys/response-import';
import { importTarget } from '../import-target';
import type { RequestHandler } from './$types';

/** The header row a file of past responses for this survey (version) starts with. */
export const GET: RequestHandler = async (event) => {
	const { survey, version, definition } = await importTarget(
		appDb(),
		pageId(event.params.id, m.surveys_not_found()),
		event.url
	);
	const header = responseCsvHeaders(definition).map(neutraliseFormula).join(',');
	return new Response(`\uFEFF${header}\r\n`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="survey-${survey.id}-v${version}-responses.csv"`
		}
	});
};
