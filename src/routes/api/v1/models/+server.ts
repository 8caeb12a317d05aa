import { apiRoute } from '$lib/server/api/endpoint';
import { createModel, listModels } from '$lib/server/api/endpoints/models';
import { appDb } from '$lib/server/db/app-db';
import { modelJson } from '$lib/server/models/json';
import { createModel as create, getModel, listModels as models } from '$lib/server/models/service';
import { asApiError } from '$lib/server/refusals';

export const GET = apiRoute(listModels, async () => {
	const db = appDb();
	const items = [];
	for (const model of await models(db)) items.push(modelJson((await getModel(db, model.id))!));
	return { items };
});

export const POST = apiRoute(createModel, async ({ body }) => {
	const db = appDb();
	const created = await create(db, body, null);
	if (!created.ok) throw asApiError(created);
	return modelJson((await getModel(db, created.id))!);
});
