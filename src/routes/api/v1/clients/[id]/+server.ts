import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import {
	eraseClient,
	getClient as getEndpoint,
	updateClient as updateEndpoint
} from '$lib/server/api/endpoints/clients';
import { recordAudit } from '$lib/server/audit';
import { inTransaction } from '$lib/server/db/transaction';
import { patchedInput, saveRefusal } from '$lib/server/clients/api';
import { apiId } from '$lib/server/route-params';
import { getClient } from '$lib/server/clients/queries';
import { updateClient } from '$lib/server/clients/save';
import { clientJson } from '$lib/server/clients/service';
import { eraseClients } from '$lib/server/privacy/erasure';
import { appDb } from '$lib/server/db/app-db';
import * as m from '$lib/paraglide/messages';

export const GET = apiRoute(getEndpoint, async ({ event, apiKey }) => {
	const db = appDb();
	const client = await getClient(db, apiId(event.params.id, m.clients_not_found()));
	if (!client) throw new ApiError(404, m.clients_not_found());
	await inTransaction(db, async (tx) =>
		recordAudit(tx, { apiKeyId: apiKey.id }, 'client.view', `client:${client.id}`)
	);
	return clientJson(client);
});

export const PATCH = apiRoute(updateEndpoint, async ({ event, rawBody, apiKey }) => {
	const db = appDb();
	const id = apiId(event.params.id, m.clients_not_found());
	const client = await getClient(db, id);
	if (!client) throw new ApiError(404, m.clients_not_found());
	const { input, fields } = patchedInput(client, rawBody);
	const saved = await updateClient(db, id, input, {
		fields,
		actor: { apiKeyId: apiKey.id },
		source: `API key ${apiKey.name}`
	});
	if (!saved.ok) throw saveRefusal(saved.issues);
	return clientJson((await getClient(db, id))!);
});

export const DELETE = apiRoute(eraseClient, async ({ event, apiKey }) => {
	const erased = await eraseClients(appDb(), [apiId(event.params.id, m.clients_not_found())], {
		apiKeyId: apiKey.id
	});
	if (!erased) throw new ApiError(404, m.clients_not_found());
	return { erased: true as const };
});
