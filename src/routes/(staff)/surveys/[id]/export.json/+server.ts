import { error, json } from '@sveltejs/kit';
import { appDb } from '$lib/server/db/app-db';
import * as m from '$lib/paraglide/messages';
import { getSurvey } from '$lib/server/surveys/service';
import type { RequestHandler } from './$types';

/** The survey's definition as a file, to import into another Satisfy installation. */
export const GET: RequestHandler = async (event) => {
	const survey = await getSurvey(appDb(), Number(event.params.id));
	if (!survey) error(404, m.surveys_not_found());
	return json(
		{ name: survey.name, model: survey.model?.name ?? null, definition: survey.definition },
		{ headers: { 'content-disposition': `attachment; filename="survey-${survey.id}.json"` } }
	);
};
