import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addQuestion, findQuestion } from '../../surveys/definition';
import type { Db } from '../db';
import { responses, surveyVersions } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
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
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

async function fromTemplate(id = 'airline-csi') {
	const created = await createSurveyFromTemplate(db, id, null);
	if (!created.ok) throw new Error(created.message);
	return created.id;
}

async function answer(surveyId: number) {
	const survey = (await getSurvey(db, surveyId))!;
	const response = await inTransaction(db, (tx) =>
		first(
			tx
				.insert(responses)
				.values({ surveyVersionId: survey.versionId, language: 'en', submittedAt: new Date() })
				.returning()
		)
	);
	return response!;
}

describe('templates', () => {
	it('create a draft survey and its weighted model, reusing the model the second time', async () => {
		const first = (await getSurvey(db, await fromTemplate()))!;
		expect(first).toMatchObject({
			name: 'Airline CSI',
			status: 'draft',
			version: 1,
			model: { name: 'Airline service' }
		});
		expect(
			(await getModel(db, first.model!.id))!.current.factors.map((f) => [f.key, f.weight])
		).toEqual([
			['punctuality', 3],
			['customs', 2],
			['safety', 3],
			['snacks', 1]
		]);
		expect(first.problems).toEqual([]);
		const second = (await getSurvey(db, await fromTemplate()))!;
		expect(second.model!.id).toBe(first.model!.id);
		expect(await createSurveyFromTemplate(db, 'no-such-template', null)).toMatchObject({
			ok: false,
			status: 404
		});
	});
});

describe('versioning', () => {
	it('edits the current version in place while nobody has answered', async () => {
		const id = await fromTemplate();
		const changed = addQuestion((await getSurvey(db, id))!.definition, 0, 'nps');
		expect(await saveDefinition(db, id, changed)).toEqual({
			ok: true,
			version: 1,
			newVersion: false
		});
		expect(await db.select().from(surveyVersions)).toHaveLength(1);
	});

	it('makes a new version for a change of meaning once there are responses; old responses keep theirs', async () => {
		const id = await fromTemplate();
		const firstResponse = await answer(id);
		const before = (await getSurvey(db, id))!;

		const reworded = structuredClone(before.definition);
		findQuestion(reworded, 'overall')!.question.text.en = 'All in all, how satisfied are you?';
		expect(await saveDefinition(db, id, reworded)).toEqual({
			ok: true,
			version: 1,
			newVersion: false
		});

		const withNps = addQuestion(reworded, 0, 'nps');
		expect(await saveDefinition(db, id, withNps)).toEqual({
			ok: true,
			version: 2,
			newVersion: true
		});
		const after = (await getSurvey(db, id))!;
		expect(after.version).toBe(2);
		expect(after.versions.map((v) => [v.version, v.responses])).toEqual([
			[2, 0],
			[1, 1]
		]);
		const old = (await db.select().from(surveyVersions)).find(
			(v) => v.id === firstResponse.surveyVersionId
		)!;
		expect(JSON.stringify(old.definition)).toContain('All in all, how satisfied are you?');
		expect(JSON.stringify(old.definition)).not.toContain('"nps"');
	});
});

describe('lifecycle', () => {
	it('opens only a survey without errors, and moves draft → open → closed → archived', async () => {
		const model = (await getSurvey(db, await fromTemplate()))!.model!.id;
		const id = await createSurvey(
			db,
			{
				name: 'Spring check',
				modelId: model,
				definition: addQuestion(blankDefinition('Spring check', 'en'), 0, 'rating')
			},
			null
		);
		const refused = await changeStatus(db, id, 'open');
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

		const fixed = structuredClone((await getSurvey(db, id))!.definition);
		const rating = findQuestion(fixed, 'q2')!.question;
		if (rating.type === 'rating') rating.factor = 'safety';
		await saveDefinition(db, id, fixed);
		expect(await changeStatus(db, id, 'open')).toEqual({ ok: true, status: 'open' });
		expect(await changeStatus(db, id, 'archive')).toMatchObject({ ok: false, status: 409 });
		expect(await changeStatus(db, id, 'close')).toEqual({ ok: true, status: 'closed' });
		expect(await changeStatus(db, id, 'archive')).toEqual({ ok: true, status: 'archived' });
		expect(await saveDefinition(db, id, fixed)).toMatchObject({ ok: false, status: 409 });
		expect(await changeStatus(db, id, 'restore')).toEqual({ ok: true, status: 'closed' });
	});

	it('duplicates a survey as a new draft with the same questions', async () => {
		const id = await fromTemplate('nps-reasons');
		await changeStatus(db, id, 'open');
		const copy = await duplicateSurvey(db, id, null);
		if (!copy.ok) throw new Error(copy.message);
		const duplicate = (await getSurvey(db, copy.id))!;
		expect(duplicate).toMatchObject({ name: 'Copy of NPS + reasons', status: 'draft', version: 1 });
		expect(duplicate.definition).toEqual((await getSurvey(db, id))!.definition);
		expect(await listSurveys(db)).toHaveLength(2);
	});
});
