import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { createModelVersion } from '$lib/server/api/endpoints/models';
import { appDb } from '$lib/server/db/app-db';
import { apiId } from '$lib/server/route-params';
import { modelJson } from '$lib/server/models/json';
import { createModelVersion as createVersion, getModel } from '$lib/server/models/service';

export const POST = apiRoute(createModelVersion, ({ body, event }) => {
	const id = apiId(event.params.id, 'No such model.');
	const db = appDb();
	const created = createVersion(db, id, body, null);
	if (!created.ok) throw new ApiError(created.status, created.message);
	return modelJson(getModel(db, id)!);
});
