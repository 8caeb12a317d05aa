import { apiRoute } from '$lib/server/api/endpoint';
import { openSurvey } from '$lib/server/api/endpoints/surveys';
import { appDb } from '$lib/server/db/app-db';
import { changeStatusJson } from '$lib/server/surveys/api';

export const POST = apiRoute(openSurvey, ({ event }) =>
	changeStatusJson(appDb(), event.params.id, 'open')
);
