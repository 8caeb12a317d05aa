import type { Db } from '../db';
import { apiId } from '../route-params';
import { asApiError } from '../refusals';
import * as m from '../../paraglide/messages';
import { changeStatus, getSurvey, type SurveyAction, type SurveyView } from './service';

export function surveyJson(survey: SurveyView) {
	return {
		id: survey.id,
		name: survey.name,
		status: survey.status,
		model: survey.model,
		version: survey.version,
		definition: survey.definition,
		problems: survey.problems
	};
}

/** Open or close through the API: refusals become errors, what to fix becomes `issues`. */
export async function changeStatusJson(db: Db, param: string | undefined, action: SurveyAction) {
	const id = apiId(param, m.surveys_not_found());
	const changed = await changeStatus(db, id, action);
	if (!changed.ok) {
		throw asApiError(
			changed,
			changed.problems?.map((problem) => ({
				path: problem.path,
				message: problem.message,
				code: 'survey_problem'
			}))
		);
	}
	return surveyJson((await getSurvey(db, id))!);
}
