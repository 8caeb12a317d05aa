import { error } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import { getSurvey, getSurveyVersion } from '$lib/server/surveys/service';
import * as m from '$lib/paraglide/messages';

/** The survey and the version named by `?version=` (the current one by default), or a 404 page. */
export async function importTarget(db: Db, surveyId: number, url: URL) {
	const survey = await getSurvey(db, surveyId);
	if (!survey) error(404, m.surveys_not_found());
	const asked = Number(url.searchParams.get('version') || survey.version);
	if (asked === survey.version)
		return { survey, version: survey.version, definition: survey.definition };
	const found = Number.isInteger(asked) ? await getSurveyVersion(db, surveyId, asked) : null;
	if (!found)
		error(404, m.surveys_version_not_found({ version: url.searchParams.get('version') ?? '' }));
	return { survey, version: found.version, definition: found.definition };
}
