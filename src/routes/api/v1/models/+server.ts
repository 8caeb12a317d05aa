import { apiRoute } from '$lib/server/api/endpoint';
import { createModel, listModels } from '$lib/server/api/endpoints/models';
import { appDb } from '$lib/server/db/app-db';
import { modelJson } from '$lib/server/models/json';
import { createModel as create, getModel, listModels as models } from '$lib/server/models/service';
import { asApiError } from '$lib/server/refusals';

export const GET = apiRoute(listModels, () => {
	const db = appDb();
	return { items: models(db).map((model) => modelJson(getModel(db, model.id)!)) };
});

export const POST = apiRoute(createModel, ({ body }) => {
	const db = appDb();
	const created = create(db, body, null);
	if (!created.ok) throw asApiError(created);
	return modelJson(getModel(db, created.id)!);
});
