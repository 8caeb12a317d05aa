import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addQuestion, findQuestion } from '../../surveys/definition';
import type { Db } from '../db';
import { responses, surveyVersions } from '../db/schema';
import { createTestDatabase } from '../db/test-database';
import { getModel } from '../models/service';
import { blankDefinition } from './blank';
import {
	changeStatus,
	createSurvey,
	createSurveyFromTemplate,
	duplicateSurvey,
	getSurvey,
	listSurveys,
	saveDefinition
} from './service';

let db: Db;
let remove: () => void;
beforeEach(() => ({ db, remove } = createTestDatabase()));
afterEach(() => remove());

function fromTemplate(id = 'airline-csi') {
	const created = createSurveyFromTemplate(db, id, null);
	if (!created.ok) throw new Error(created.message);
	return created.id;
}

function answer(surveyId: number) {
	const survey = getSurvey(db, surveyId)!;
	return db
		.insert(responses)
		.values({ surveyVersionId: survey.versionId, language: 'en', submittedAt: new Date() })
		.returning()
		.get();
}

describe('templates', () => {
	it('create a draft survey and its weighted model, reusing the model the second time', () => {
		const first = getSurvey(db, fromTemplate())!;
		expect(first).toMatchObject({
			name: 'Airline CSI',
			status: 'draft',
			version: 1,
			model: { name: 'Airline service' }
		});
		expect(getModel(db, first.model!.id)!.current.factors.map((f) => [f.key, f.weight])).toEqual([
			['punctuality', 3],
			['customs', 2],
			['safety', 3],
			['snacks', 1]
		]);
		expect(first.problems).toEqual([]);
		const second = getSurvey(db, fromTemplate())!;
		expect(second.model!.id).toBe(first.model!.id);
		expect(createSurveyFromTemplate(db, 'no-such-template', null)).toMatchObject({
			ok: false,
			status: 404
		});
	});
});

describe('versioning', () => {
	it('edits the current version in place while nobody has answered', () => {
		const id = fromTemplate();
		const changed = addQuestion(getSurvey(db, id)!.definition, 0, 'nps');
		expect(saveDefinition(db, id, changed)).toEqual({ ok: true, version: 1, newVersion: false });
		expect(db.select().from(surveyVersions).all()).toHaveLength(1);
	});

	it('makes a new version for a change of meaning once there are responses; old responses keep theirs', () => {
		const id = fromTemplate();
		const firstResponse = answer(id);
		const before = getSurvey(db, id)!;

		const reworded = structuredClone(before.definition);
		findQuestion(reworded, 'overall')!.question.text.en = 'All in all, how satisfied are you?';
		expect(saveDefinition(db, id, reworded)).toEqual({ ok: true, version: 1, newVersion: false });

		const withNps = addQuestion(reworded, 0, 'nps');
		expect(saveDefinition(db, id, withNps)).toEqual({ ok: true, version: 2, newVersion: true });
		const after = getSurvey(db, id)!;
		expect(after.version).toBe(2);
		expect(after.versions.map((v) => [v.version, v.responses])).toEqual([
			[2, 0],
			[1, 1]
		]);
		const old = db
			.select()
			.from(surveyVersions)
			.all()
			.find((v) => v.id === firstResponse.surveyVersionId)!;
		expect(JSON.stringify(old.definition)).toContain('All in all, how satisfied are you?');
		expect(JSON.stringify(old.definition)).not.toContain('"nps"');
	});
});

describe('lifecycle', () => {
	it('opens only a survey without errors, and moves draft → open → closed → archived', () => {
		const model = getSurvey(db, fromTemplate())!.model!.id;
		const id = createSurvey(
			db,
			{
				name: 'Spring check',
				modelId: model,
				definition: addQuestion(blankDefinition('Spring check', 'en'), 0, 'rating')
			},
			null
		);
		const refused = changeStatus(db, id, 'open');
		expect(refused).toMatchObject({
			ok: false,
			status: 400,
			problems: [
				{
					message:
						'Page 1, question 2 (“How satisfied are you with …?”): the rating question has no factor'
				}
			]
		});

		const fixed = structuredClone(getSurvey(db, id)!.definition);
		const rating = findQuestion(fixed, 'q2')!.question;
		if (rating.type === 'rating') rating.factor = 'safety';
		saveDefinition(db, id, fixed);
		expect(changeStatus(db, id, 'open')).toEqual({ ok: true, status: 'open' });
		expect(changeStatus(db, id, 'archive')).toMatchObject({ ok: false, status: 409 });
		expect(changeStatus(db, id, 'close')).toEqual({ ok: true, status: 'closed' });
		expect(changeStatus(db, id, 'archive')).toEqual({ ok: true, status: 'archived' });
		expect(saveDefinition(db, id, fixed)).toMatchObject({ ok: false, status: 409 });
		expect(changeStatus(db, id, 'restore')).toEqual({ ok: true, status: 'closed' });
	});

	it('duplicates a survey as a new draft with the same questions', () => {
		const id = fromTemplate('nps-reasons');
		changeStatus(db, id, 'open');
		const copy = duplicateSurvey(db, id, null);
		if (!copy.ok) throw new Error(copy.message);
		const duplicate = getSurvey(db, copy.id)!;
		expect(duplicate).toMatchObject({ name: 'Copy of NPS + reasons', status: 'draft', version: 1 });
		expect(duplicate.definition).toEqual(getSurvey(db, id)!.definition);
		expect(listSurveys(db)).toHaveLength(2);
	});
});
