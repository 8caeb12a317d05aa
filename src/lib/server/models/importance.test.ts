import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addQuestion } from '../../surveys/definition';
import type { Db } from '../db';
import { answers, responses } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { blankDefinition } from '../surveys/blank';
import { createSurvey, getSurvey } from '../surveys/service';
import { deriveWeightsFromClients, importanceByFactor } from './importance';
import { createModel, getModel } from './service';

let db: Db;
let remove: () => Promise<void>;
let modelId = 0;
let surveyId = 0;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const model = await createModel(
		db,
		{
			name: 'Airline',
			factors: [
				{ key: 'safety', name: 'Safety', weight: 1, keywords: [] },
				{ key: 'snacks', name: 'Snacks', weight: 1, keywords: [] }
			]
		},
		null
	);
	if (!model.ok) throw new Error(model.message);
	modelId = model.id;
	const definition = addQuestion(
		addQuestion(blankDefinition('Importance', 'en'), 0, 'importance', 'imp_safety'),
		0,
		'importance',
		'imp_snacks'
	);
	for (const question of definition.pages[0]!.questions) {
		if (question.type === 'importance')
			question.factor = question.id === 'imp_safety' ? 'safety' : 'snacks';
	}
	surveyId = await createSurvey(db, { name: 'Importance', modelId, definition }, null);
});
afterEach(() => remove());

async function respond(scores: Record<string, number | null>) {
	const versionId = (await getSurvey(db, surveyId))!.versionId;
	await inTransaction(db, async (tx) => {
		const response = (await first(
			tx
				.insert(responses)
				.values({ surveyVersionId: versionId, language: 'en', submittedAt: new Date() })
				.returning()
		))!;
		for (const [questionId, score] of Object.entries(scores)) {
			await tx
				.insert(answers)
				.values({ responseId: response.id, questionId, score, notApplicable: score === null });
		}
	});
}

describe('weights derived from clients', () => {
	it('use the mean importance per factor: 4.5 and 1.5 become 75% and 25%', async () => {
		await respond({ imp_safety: 5, imp_snacks: 1 });
		await respond({ imp_safety: 4, imp_snacks: 2 });
		await respond({ imp_safety: null, imp_snacks: null });
		expect(await importanceByFactor(db, modelId)).toEqual([
			{ key: 'safety', mean: 4.5, answers: 2 },
			{ key: 'snacks', mean: 1.5, answers: 2 }
		]);
		expect(await deriveWeightsFromClients(db, modelId, null)).toEqual({ ok: true, version: 2 });
		const current = (await getModel(db, modelId))!.current;
		expect(current.weightSource).toBe('derived');
		expect(current.factors.map((f) => [f.key, f.share])).toEqual([
			['safety', 0.75],
			['snacks', 0.25]
		]);
	});

	it('are refused while a factor has no importance answers', async () => {
		await respond({ imp_safety: 5 });
		expect(await deriveWeightsFromClients(db, modelId, null)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('snacks')
		});
		expect((await getModel(db, modelId))!.versions).toHaveLength(1);
	});
});
