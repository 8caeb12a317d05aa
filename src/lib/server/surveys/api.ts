import { z } from 'zod';
import { ApiError } from '../api/errors';
import type { Db } from '../db';
import { changeStatus, getSurvey, type SurveyAction, type SurveyView } from './service';

export function surveyIdParam(param: string | undefined): number {
	const id = z.coerce.number().int().positive().safeParse(param);
	if (!id.success) throw new ApiError(404, 'No such survey.');
	return id.data;
}

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
export function changeStatusJson(db: Db, param: string | undefined, action: SurveyAction) {
	const id = surveyIdParam(param);
	const changed = changeStatus(db, id, action);
	if (!changed.ok) {
		throw new ApiError(changed.status, changed.message, changed.problems?.map((problem) => ({ path: problem.path, message: problem.message, code: 'survey_problem' })));
	}
	return surveyJson(getSurvey(db, id)!);
}
