import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { createSurvey, listSurveys } from '$lib/server/api/endpoints/surveys';
import { appDb } from '$lib/server/db/app-db';
import { getModel } from '$lib/server/models/service';
import { surveyJson } from '$lib/server/surveys/api';
import {
	createSurvey as create,
	getSurvey,
	listSurveys as surveys
} from '$lib/server/surveys/service';
import * as m from '$lib/paraglide/messages';

export const GET = apiRoute(listSurveys, async () => ({
	items: (await surveys(appDb())).map(({ id, name, status, modelId, version }) => ({
		id,
		name,
		status,
		modelId,
		version
	}))
}));

export const POST = apiRoute(createSurvey, async ({ body }) => {
	const db = appDb();
	if (body.modelId !== null && !(await getModel(db, body.modelId)))
		throw new ApiError(404, m.api_no_model_id({ id: body.modelId }));
	return surveyJson((await getSurvey(db, await create(db, body, null)))!);
});
