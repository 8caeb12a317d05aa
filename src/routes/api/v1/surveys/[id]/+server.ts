import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { getSurvey as getEndpoint, replaceSurvey } from '$lib/server/api/endpoints/surveys';
import { appDb } from '$lib/server/db/app-db';
import { apiId } from '$lib/server/route-params';
import { surveyJson } from '$lib/server/surveys/api';
import { getSurvey, renameSurvey, saveDefinition } from '$lib/server/surveys/service';
import { asApiError } from '$lib/server/refusals';
import * as m from '$lib/paraglide/messages';

export const GET = apiRoute(getEndpoint, async ({ event }) => {
	const survey = await getSurvey(appDb(), apiId(event.params.id, m.surveys_not_found()));
	if (!survey) throw new ApiError(404, m.surveys_not_found());
	return surveyJson(survey);
});

export const PUT = apiRoute(replaceSurvey, async ({ event, body }) => {
	const db = appDb();
	const id = apiId(event.params.id, m.surveys_not_found());
	const saved = await saveDefinition(db, id, body.definition);
	if (!saved.ok) throw asApiError(saved);
	await renameSurvey(db, id, body.name);
	return { ...surveyJson((await getSurvey(db, id))!), newVersion: saved.newVersion };
});
