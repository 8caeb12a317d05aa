import { apiRoute } from '$lib/server/api/endpoint';
import { closeSurvey } from '$lib/server/api/endpoints/surveys';
import { appDb } from '$lib/server/db/app-db';
import { changeStatusJson } from '$lib/server/surveys/api';

export const POST = apiRoute(closeSurvey, ({ event }) =>
	changeStatusJson(appDb(), event.params.id, 'close')
);
