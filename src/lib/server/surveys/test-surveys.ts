import type { Db } from '../db';
import { changeStatus, createSurveyFromTemplate } from './service';

/** A survey from a template, open for answers, for tests; returns its id. */
export function openSurveyFromTemplate(db: Db, templateId: string): number {
	const created = createSurveyFromTemplate(db, templateId, null);
	if (!created.ok) throw new Error(created.message);
	changeStatus(db, created.id, 'open');
	return created.id;
}
