import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { csiModels, responses } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { first } from '../db/queries';
import { respond } from '../followups/test-followups';
import { createModelVersion, getModel } from '../models/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import {
	latestScoreRefresh,
	refreshScoresWhenWeightsChange,
	resumeScoreRefresh,
	staleScoreCount
} from './scores';

let db: Db;
let remove: () => Promise<void>;
let airline: number;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	airline = await openSurveyFromTemplate(db, 'airline-csi');
});
afterEach(() => remove());

const stored = async (id: number) =>
	(await first(
		db
			.select({ score: responses.score, basis: responses.scoreBasis })
			.from(responses)
			.where(eq(responses.id, id))
	))!;

const currentVersionId = async () =>
	(await getModel(db, (await first(db.select().from(csiModels)))!.id))!.current.id;

// Airline weights: punctuality 3, customs 2, safety 3, snacks 1.
const ratings = { punctuality: '5', customs: '4', safety: '3', overall: '2' };

async function newWeights(weights: Record<string, number>) {
	const model = (await first(db.select().from(csiModels)))!;
	const saved = await createModelVersion(
		db,
		model.id,
		{ factors: Object.entries(weights).map(([key, weight]) => ({ key, weight, keywords: [] })) },
		null
	);
	if (!saved.ok) throw new Error(saved.message);
}

async function refreshed() {
	await expect
		.poll(async () => (await latestScoreRefresh(db))?.status, { interval: 10 })
		.toBe('done');
}

describe('response scores', () => {
	it('are stored when the response is recorded, with the weights that made them: (3·100 + 2·75 + 3·50) / 8 = 75', async () => {
		const id = await respond(db, airline, { clientId: null, answers: ratings });
		expect(await stored(id)).toEqual({ score: 75, basis: await currentVersionId() });
		expect(await staleScoreCount(db)).toBe(0);
	});

	it('are recomputed in the background when the model gets new weights: (100 + 75 + 2·50) / 4 = 68.75', async () => {
		const id = await respond(db, airline, { clientId: null, answers: ratings });
		await resumeScoreRefresh(db);
		await newWeights({ punctuality: 1, customs: 1, safety: 2, snacks: 1 });
		expect(await staleScoreCount(db)).toBe(1);
		await refreshScoresWhenWeightsChange(db);
		await refreshed();
		expect(await stored(id)).toEqual({ score: 68.75, basis: await currentVersionId() });
		expect(await latestScoreRefresh(db)).toMatchObject({
			reasonCode: 'weightsChanged',
			total: 1,
			done: 1
		});
		// A response recorded afterwards is scored with the new weights at once.
		expect(
			(await stored(await respond(db, airline, { clientId: null, answers: ratings }))).score
		).toBe(68.75);
		expect(await staleScoreCount(db)).toBe(0);
	});

	it('start nothing when the weights did not change', async () => {
		await respond(db, airline, { clientId: null, answers: ratings });
		await resumeScoreRefresh(db);
		await refreshScoresWhenWeightsChange(db);
		expect(await latestScoreRefresh(db)).toBeNull();
	});

	it('are filled in at start for responses recorded before scores were stored', async () => {
		const id = await respond(db, airline, { clientId: null, answers: ratings });
		await inTransaction(db, async (tx) => {
			await tx.update(responses).set({ score: null, scoreBasis: null });
		});
		await resumeScoreRefresh(db);
		await refreshed();
		expect(await stored(id)).toEqual({ score: 75, basis: await currentVersionId() });
		expect((await latestScoreRefresh(db))?.reasonCode).toBe('scoresStale');
	});

	it('stay empty, and are not redone, when too little of the model was answered', async () => {
		// Punctuality alone carries 3 of 9: less than half.
		const id = await respond(db, airline, {
			clientId: null,
			answers: { punctuality: '5', overall: '5' }
		});
		expect(await stored(id)).toEqual({ score: null, basis: await currentVersionId() });
		await newWeights({ punctuality: 1, snacks: 1 });
		await resumeScoreRefresh(db);
		await refreshed();
		// Now punctuality carries half the weight.
		expect(await stored(id)).toEqual({ score: 100, basis: await currentVersionId() });
		expect(await staleScoreCount(db)).toBe(0);
	});

	it('of a survey without a model are its mean rating, and never go stale with weights', async () => {
		const nps = await openSurveyFromTemplate(db, 'nps-reasons');
		const id = await respond(db, nps, {
			clientId: null,
			answers: { recommend: '9', reason: 'Fine.' }
		});
		// No 1–5 satisfaction question in it: no score, but scored (basis 0, no model).
		expect(await stored(id)).toEqual({ score: null, basis: 0 });
		await newWeights({ punctuality: 1 });
		expect(await staleScoreCount(db)).toBe(0);
	});
});
