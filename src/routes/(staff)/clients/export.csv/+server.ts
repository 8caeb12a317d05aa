import * as m from '$lib/paraglide/messages';
import { filterFromSearchParams } from '$lib/schemas/client-filter';
import { recordAudit } from '$lib/server/audit';
import { inTransaction } from '$lib/server/db/transaction';
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
	if (!filter.success) error(400, m.clients_filter_invalid());
	const db = appDb();
	const ids = await clientIdsMatching(db, withinScope(filter.data, await scopeOf(db, user)));
	const cards = [];
	for (const id of ids) cards.push((await getClient(db, id))!);
	const csv = clientsCsv(
		cards,
		(await listAttributeDefinitions(db)).map((d) => d.key)
	);
	await inTransaction(db, async (tx) =>
		recordAudit(tx, { userId: user.id }, 'clients.export', `clients:${ids.length}`)
	);
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="clients.csv"'
		}
	});
};
