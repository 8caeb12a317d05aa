import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { errorReportCsv } from '$lib/csv/row-issue';
import { getImport } from '$lib/server/clients/imports';
import { appDb } from '$lib/server/db/app-db';
import type { RequestHandler } from './$types';

/** Every problem found in the file, to open beside it in a spreadsheet. */
export const GET: RequestHandler = async (event) => {
	const staged = await getImport(appDb(), Number(event.params.id));
	if (!staged?.issues) error(404, m.clients_import_no_problems());
	return new Response(`\uFEFF${errorReportCsv(staged.issues)}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="import-${staged.id}-problems.csv"`
		}
	});
};
