import { apiRoute } from '$lib/server/api/endpoint';
import { listSegments as segmentsEndpoint } from '$lib/server/api/endpoints/clients';
import { listSegments } from '$lib/server/clients/segments';
import { appDb } from '$lib/server/db/app-db';

export const GET = apiRoute(segmentsEndpoint, async () => ({
	items: (await listSegments(appDb())).map(({ id, name, clients, filter }) => ({
		id,
		name,
		clients,
		filter
	}))
}));
