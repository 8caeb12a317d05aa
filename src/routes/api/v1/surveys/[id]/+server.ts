import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { getSurvey as getEndpoint, replaceSurvey } from '$lib/server/api/endpoints/surveys';
import { appDb } from '$lib/server/db/app-db';
import { apiId } from '$lib/server/route-params';
import { surveyJson } from '$lib/server/surveys/api';
import { getSurvey, renameSurvey, saveDefinition } from '$lib/server/surveys/service';
import { asApiError } from '$lib/server/refusals';

export const GET = apiRoute(getEndpoint, async ({ event }) => {
	const survey = await getSurvey(appDb(), apiId(event.params.id, 'No such survey.'));
	if (!survey) throw new ApiError(404, 'No such survey.');
	return surveyJson(survey);
});

export const PUT = apiRoute(replaceSurvey, async ({ event, body }) => {
	const db = appDb();
	const id = apiId(event.params.id, 'No such survey.');
	const saved = await saveDefinition(db, id, body.definition);
	if (!saved.ok) throw asApiError(saved);
	await renameSurvey(db, id, body.name);
	return { ...surveyJson((await getSurvey(db, id))!), newVersion: saved.newVersion };
});
