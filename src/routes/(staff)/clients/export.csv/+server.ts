import { filterFromSearchParams } from '$lib/schemas/client-filter';
import { recordAudit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf, withinScope } from '$lib/server/auth/scope';
import { listAttributeDefinitions } from '$lib/server/clients/attributes';
import { clientsCsv } from '$lib/server/clients/export-csv';
import { clientIdsMatching, getClient } from '$lib/server/clients/queries';
import { appDb } from '$lib/server/db/app-db';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The clients matching the list's filters, as CSV (a manager's download: it is personal data). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const filter = filterFromSearchParams(event.url.searchParams);
	if (!filter.success) error(400, 'The filter is not valid.');
	const db = appDb();
	const ids = clientIdsMatching(db, withinScope(filter.data, scopeOf(db, user)));
	const csv = clientsCsv(
		ids.map((id) => getClient(db, id)!),
		listAttributeDefinitions(db).map((d) => d.key)
	);
	await recordAudit(db, { userId: user.id }, 'clients.export', `clients:${ids.length}`);
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="clients.csv"'
		}
	});
};
