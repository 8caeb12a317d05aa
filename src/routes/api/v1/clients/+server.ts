import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { createClient, listClients } from '$lib/server/api/endpoints/clients';
import { saveRefusal } from '$lib/server/clients/api';
import { getClient, listClients as clientPage } from '$lib/server/clients/queries';
import { saveClients } from '$lib/server/clients/save';
import { getSegment } from '$lib/server/clients/segments';
import { clientJson } from '$lib/server/clients/service';
import { appDb } from '$lib/server/db/app-db';
import * as m from '$lib/paraglide/messages';

export const GET = apiRoute(listClients, async ({ query }) => {
	const db = appDb();
	const segment = query.segment === undefined ? null : await getSegment(db, query.segment);
	if (query.segment !== undefined && !segment)
		throw new ApiError(404, m.api_no_segment_id({ id: query.segment }));
	const filter = { ...segment?.filter, ...(query.search ? { search: query.search } : {}) };
	const { items, total } = await clientPage(db, filter, {
		sort: { key: 'createdAt', direction: 'desc' },
		limit: query.limit,
		offset: query.offset
	});
	const cards = [];
	for (const item of items) cards.push(clientJson((await getClient(db, item.id))!));
	return { items: cards, total };
});

export const POST = apiRoute(createClient, async ({ body, apiKey }) => {
	const db = appDb();
	const saved = await saveClients(db, [body], {
		onExisting: 'reject',
		actor: { apiKeyId: apiKey.id },
		source: `API key ${apiKey.name}`
	});
	if (!saved.ok) throw saveRefusal(saved.issues);
	return clientJson((await getClient(db, saved.ids[0]!))!);
});
