import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { exportClient as exportEndpoint } from '$lib/server/api/endpoints/clients';
import { clientIdParam } from '$lib/server/clients/api';
import { exportClient } from '$lib/server/clients/service';
import { appDb } from '$lib/server/db/app-db';

export const GET = apiRoute(exportEndpoint, ({ event, apiKey }) => {
	const exported = exportClient(appDb(), clientIdParam(event.params.id), { apiKeyId: apiKey.id });
	if (!exported) throw new ApiError(404, 'No such client.');
	return exported;
});
