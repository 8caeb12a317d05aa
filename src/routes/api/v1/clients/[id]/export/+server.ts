import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { exportClient as exportEndpoint } from '$lib/server/api/endpoints/clients';
import { apiId } from '$lib/server/route-params';
import { exportClient } from '$lib/server/privacy/client-export';
import { appDb } from '$lib/server/db/app-db';
import * as m from '$lib/paraglide/messages';

export const GET = apiRoute(exportEndpoint, async ({ event, apiKey }) => {
	const exported = await exportClient(appDb(), apiId(event.params.id, m.clients_not_found()), {
		apiKeyId: apiKey.id
	});
	if (!exported) throw new ApiError(404, m.clients_not_found());
	return exported;
});
