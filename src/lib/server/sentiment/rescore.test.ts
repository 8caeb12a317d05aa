import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { answerRows } from '../../surveys/answers';
import type { Db } from '../db';
import { answers, backgroundJobs, csiModels, surveyVersions } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { latestJob } from '../worker/jobs';
import { updateFactorWording } from '../models/service';
import { recordResponse } from '../responses/record';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { currentScorer } from './columns';
import { rescoreWhenKeywordsChange, resumeRescore, staleTexts, startRescore } from './rescore';

let db: Db;
let remove: () => Promise<void>;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	const version = (await first(
		db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId))
	))!;
	const definition = surveyDefinitionSchema.parse(version.definition);
	const answer = async (improve: string, language: string) =>
		await inTransaction(db, (tx) =>
			recordResponse(tx, {
				surveyVersionId: version.id,
				definition,
				clientId: null,
				language,
				submittedAt: new Date('2026-03-02T10:00:00Z'),
				answers: answerRows(definition, {
					punctuality: '2',
					customs: '3',
					safety: '4',
					snacks: '5',
					overall: '3',
					improve
				})
			})
		);
	await answer('The flight was terribly late and the crew was rude.', 'en');
	await answer('Der Flug war pünktlich und das Personal sehr freundlich.', 'de');
});

afterEach(() => remove());

const improveAnswers = () =>
	db.select().from(answers).where(eq(answers.questionId, 'improve')).orderBy(answers.responseId);

describe('sentiment of open answers', () => {
	it('is scored when the response is saved, in the text’s own language', async () => {
		const [english, german] = await improveAnswers();
		expect(english).toMatchObject({
			sentimentLanguage: 'en',
			sentimentLabel: 'negative',
			sentimentVersion: (await currentScorer(db)).version
		});
		expect(german).toMatchObject({ sentimentLanguage: 'de', sentimentLabel: 'positive' });
		expect(english!.sentimentDetail!.aspects.map(({ factor }) => factor)).toContain('punctuality');
		expect(await staleTexts(db)).toBe(0);
	});

	it('is re-scored in the background when a factor’s keywords change, with progress to the end', async () => {
		const model = (await first(db.select().from(csiModels).orderBy(csiModels.id)))!;
		await resumeRescore(db);
		await updateFactorWording(db, model.id, 'safety', { name: 'Safety', keywords: ['crew'] });
		expect(await staleTexts(db)).toBe(2);
		await rescoreWhenKeywordsChange(db);
		await expect
			.poll(async () => (await latestJob(db, 'sentiment'))?.status, { interval: 10 })
			.toBe('done');
		expect(await latestJob(db, 'sentiment')).toMatchObject({
			reasonCode: 'keywordsChanged',
			total: 2,
			done: 2
		});
		expect(
			(await improveAnswers())[0]!.sentimentDetail!.aspects.map(({ factor }) => factor)
		).toEqual(expect.arrayContaining(['punctuality', 'safety']));
		expect(await staleTexts(db)).toBe(0);
	});

	it('redoes a re-scoring cut short by a restart', async () => {
		await inTransaction(db, async (tx) => {
			await tx.update(answers).set({ sentimentVersion: 'an older scorer' });
			await tx.insert(backgroundJobs).values({
				kind: 'sentiment',
				reason: 'test',
				status: 'running',
				total: 2,
				done: 1,
				startedAt: new Date()
			});
		});
		await resumeRescore(db);
		await expect
			.poll(async () => (await latestJob(db, 'sentiment'))?.status, { interval: 10 })
			.toBe('done');
		expect(
			(await db.select().from(backgroundJobs).orderBy(backgroundJobs.id)).map(
				({ status }) => status
			)
		).toEqual(['failed', 'done']);
		expect(await staleTexts(db)).toBe(0);
		await (
			await startRescore(db, { code: 'scorerChanged' })
		).done;
		expect(await latestJob(db, 'sentiment')).toMatchObject({ total: 0, status: 'done' });
	});
});
