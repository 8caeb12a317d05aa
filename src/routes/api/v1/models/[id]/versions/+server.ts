import { apiRoute } from '$lib/server/api/endpoint';
import { createModelVersion } from '$lib/server/api/endpoints/models';
import { appDb } from '$lib/server/db/app-db';
import { apiId } from '$lib/server/route-params';
import { modelJson } from '$lib/server/models/json';
import { createModelVersion as createVersion, getModel } from '$lib/server/models/service';
import { asApiError } from '$lib/server/refusals';
import * as m from '$lib/paraglide/messages';

export const POST = apiRoute(createModelVersion, async ({ body, event }) => {
	const id = apiId(event.params.id, m.factors_model_not_found());
	const db = appDb();
	const created = await createVersion(db, id, body, null);
	if (!created.ok) throw asApiError(created);
	return modelJson((await getModel(db, id))!);
});
