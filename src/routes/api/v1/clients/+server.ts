import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { createClient, listClients } from '$lib/server/api/endpoints/clients';
import { saveRefusal } from '$lib/server/clients/api';
import { getClient, listClients as clientPage } from '$lib/server/clients/queries';
import { saveClients } from '$lib/server/clients/save';
import { getSegment } from '$lib/server/clients/segments';
import { clientJson } from '$lib/server/clients/service';
import { appDb } from '$lib/server/db/app-db';

export const GET = apiRoute(listClients, ({ query }) => {
	const db = appDb();
	const segment = query.segment === undefined ? null : getSegment(db, query.segment);
	if (query.segment !== undefined && !segment)
		throw new ApiError(404, `No segment has the id ${query.segment}.`);
	const filter = { ...segment?.filter, ...(query.search ? { search: query.search } : {}) };
	const { items, total } = clientPage(db, filter, {
		sort: { key: 'createdAt', direction: 'desc' },
		limit: query.limit,
		offset: query.offset
	});
	return { items: items.map((item) => clientJson(getClient(db, item.id)!)), total };
});

export const POST = apiRoute(createClient, ({ body, apiKey }) => {
	const db = appDb();
	const saved = saveClients(db, [body], {
		onExisting: 'reject',
		actor: { apiKeyId: apiKey.id },
		source: `API key ${apiKey.name}`
	});
	if (!saved.ok) throw saveRefusal(saved.issues);
	return clientJson(getClient(db, saved.ids[0]!)!);
});
