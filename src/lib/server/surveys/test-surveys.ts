import type { Db } from '../db';
import { changeStatus, createSurveyFromTemplate } from './service';

/** A survey from a template, open for answers, for tests; returns its id. */
export async function openSurveyFromTemplate(db: Db, templateId: string): Promise<number> {
	const created = await createSurveyFromTemplate(db, templateId, null);
	if (!created.ok) throw new Error(created.message);
	await changeStatus(db, created.id, 'open');
	return created.id;
}
