import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentimentQuerySchema } from '../../schemas/analytics';
import { sentimentReport } from '../analytics/sentiment';
import type { Db } from '../db';
import { answers, reviews } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { inboxPage } from '../responses/inbox';
import { listReviews } from '../reviews/queries';
import { respond } from '../followups/test-followups';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { latestJob } from '../worker/jobs';
import { currentScorer, sentimentColumnsFor } from './columns';
import { rescoreWhenKeywordsChange, resumeRescore, staleTexts } from './rescore';
import { createTopic, deleteTopic, listTopics, updateTopic } from './topics';

let db: Db;
let remove: () => Promise<void>;
const responseIds: number[] = [];

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	responseIds.length = 0;
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	const answer = async (day: string, language: string, improve: string) =>
		responseIds.push(
			await respond(db, surveyId, {
				clientId: null,
				language,
				submittedAt: new Date(`${day}T10:00:00Z`),
				answers: { improve }
			})
		);
	await answer('2026-01-10', 'en', 'The staff at the gate were rude and unhelpful.');
	await answer('2026-02-10', 'de', 'Das Personal war sehr freundlich, aber das Essen war kalt.');
	await answer('2026-02-11', 'en', 'Great flight, lovely snacks.');
	const scorer = await currentScorer(db);
	await inTransaction(db, async (tx) => {
		const text = 'Friendly cabin staff, but the app was awful at check-in.';
		await tx.insert(reviews).values({
			source: 'trustpilot',
			externalId: 'r1',
			stars: 3,
			text,
			reviewedAt: new Date('2026-02-12T08:00:00Z'),
			language: 'en',
			importedAt: new Date(),
			...sentimentColumnsFor(text, 'en', scorer)
		});
	});
});

afterEach(() => remove());

const staff = { name: 'Staff', keywords: ['staff', 'Personal', 'crew'] };

/** Re-tags the stored texts as the worker's tick does after a topic changes, to the end. */
async function retag() {
	await rescoreWhenKeywordsChange(db);
	await expect
		.poll(async () => (await latestJob(db, 'sentiment'))?.status, { interval: 10 })
		.toBe('done');
}

describe('topics a manager defines', () => {
	it('are created, renamed and deleted; a name is taken whatever its case', async () => {
		const created = await createTopic(db, staff);
		expect(created).toMatchObject({ ok: true });
		const id = (created as { id: number }).id;
		expect(await createTopic(db, { name: 'STAFF', keywords: ['team'] })).toEqual({
			ok: false,
			status: 409,
			message: 'A topic named “STAFF” exists already.',
			field: 'name'
		});
		await createTopic(db, { name: 'App', keywords: ['app', 'App', 'website'] });
		expect(await updateTopic(db, id, { name: 'Crew and staff', keywords: ['crew'] })).toEqual({
			ok: true
		});
		expect(await listTopics(db)).toEqual([
			{ id: expect.any(Number), name: 'App', keywords: ['app', 'website'] },
			{ id, name: 'Crew and staff', keywords: ['crew'] }
		]);
		expect(await deleteTopic(db, id)).toEqual({ ok: true });
		expect(await deleteTopic(db, id)).toMatchObject({ ok: false, status: 404 });
		expect(await updateTopic(db, id, staff)).toMatchObject({ ok: false, status: 404 });
	});

	it('tag the texts stored before them in the background, each with its clause’s tone', async () => {
		await resumeRescore(db);
		const { id } = (await createTopic(db, staff)) as { id: number };
		expect(await staleTexts(db)).toBe(4);
		await retag();
		expect(await staleTexts(db)).toBe(0);
		const tags = (await db.select().from(answers).where(eq(answers.questionId, 'improve')))
			.sort((a, b) => a.responseId - b.responseId)
			.map(({ sentimentDetail }) =>
				sentimentDetail?.topics?.map(({ topic, label }) => [topic, label])
			);
		expect(tags).toEqual([[[String(id), 'negative']], [[String(id), 'positive']], undefined]);
	});

	it('show their volume and tone per period on the sentiment report', async () => {
		await resumeRescore(db);
		const { id } = (await createTopic(db, staff)) as { id: number };
		const app = (await createTopic(db, { name: 'App', keywords: ['app'] })) as { id: number };
		await retag();
		const { topics } = await sentimentReport(
			db,
			sentimentQuerySchema.parse({ granularity: 'month' })
		);
		const staffTone = topics.find(({ topic }) => topic === String(id))!;
		expect(staffTone.counts).toMatchObject({ positive: 2, neutral: 0, negative: 1, scored: 3 });
		expect(
			staffTone.periods.map(({ key, counts }) => [key, counts.positive, counts.negative])
		).toEqual([
			['2026-01', 0, 1],
			['2026-02', 2, 0]
		]);
		expect(topics.find(({ topic }) => topic === String(app.id))!.counts).toMatchObject({
			negative: 1,
			scored: 1
		});
		// Answers only: the review's mention of the app is not in the view.
		const answersOnly = await sentimentReport(
			db,
			sentimentQuerySchema.parse({ granularity: 'month', texts: 'answers' })
		);
		expect(answersOnly.topics.map(({ topic }) => topic)).toEqual([String(id)]);
	});

	it('filter the inbox and the review list to the texts that mention them', async () => {
		await resumeRescore(db);
		const { id } = (await createTopic(db, staff)) as { id: number };
		const app = (await createTopic(db, { name: 'App', keywords: ['app'] })) as { id: number };
		await retag();
		const inbox = async (topic: number) =>
			(await inboxPage(db, { topic }, { withClients: false })).rows.map(({ id }) => id).sort();
		expect(await inbox(id)).toEqual([responseIds[0], responseIds[1]].sort());
		expect(await inbox(app.id)).toEqual([]);
		const listed = async (topic: number) =>
			(await listReviews(db, { topic }, { limit: 10, offset: 0 })).items.map(
				({ externalId }) => externalId
			);
		expect(await listed(app.id)).toEqual(['r1']);
		expect(await listed(id)).toEqual(['r1']);
	});
});
