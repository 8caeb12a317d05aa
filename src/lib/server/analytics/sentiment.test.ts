import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentimentQuerySchema } from '../../schemas/analytics';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { reviews } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { currentScorer, sentimentColumnsFor } from '../sentiment/columns';
import { respond } from '../followups/test-followups';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { factorTone, sentimentReport } from './sentiment';

let db: Db;
let remove: () => Promise<void>;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	await saveClients(db, [clientInput({ email: 'ada@example.com', name: 'Ada', tags: ['vip'] })], {
		onExisting: 'reject',
		actor: { userId: null },
		source: 'test'
	});
	const answer = (clientId: number | null, day: string, improve: string) =>
		respond(db, surveyId, {
			clientId,
			submittedAt: new Date(`${day}T10:00:00Z`),
			answers: { improve }
		});
	await answer(1, '2026-01-10', 'The flight was terribly late and nobody apologised.');
	await answer(null, '2026-02-10', 'Wonderful crew, excellent service, thank you!');
	const scorer = await currentScorer(db);
	const review = (
		externalId: string,
		day: string,
		text: string,
		stars: number,
		language: string | null
	) =>
		inTransaction(db, async (tx) => {
			await tx.insert(reviews).values({
				source: 'trustpilot',
				externalId,
				stars,
				text,
				reviewedAt: new Date(`${day}T08:00:00Z`),
				language,
				importedAt: new Date(),
				...sentimentColumnsFor(text, language, scorer)
			});
		});
	await review('r1', '2026-02-11', 'Awful delay, lost luggage, terrible experience.', 1, 'en');
	await review('r2', '2026-02-12', 'こんにちは、とても良いフライトでした', 5, null);
});

afterEach(() => remove());

const report = (raw: Record<string, unknown> = {}) =>
	sentimentReport(db, sentimentQuerySchema.parse(raw));

describe('the sentiment report', () => {
	it('counts answers and reviews by label and month, keeping unscored texts apart', async () => {
		const { total, periods } = await report();
		expect(total.answers).toMatchObject({ positive: 1, negative: 1, notScored: 0 });
		expect(total.reviews).toMatchObject({ negative: 1, notScored: 1, scored: 1 });
		expect(periods.map(({ key, both }) => [key, both.scored])).toEqual([
			['2026-01', 1],
			['2026-02', 2]
		]);
	});

	it('lists the latest negative texts, newest first, linked to their client', async () => {
		const { latestNegative } = await report();
		expect(latestNegative.map(({ kind, clientName }) => [kind, clientName])).toEqual([
			['review', null],
			['answer', 'Ada']
		]);
		expect(latestNegative[1]!.words.some(({ score }) => score < 0)).toBe(true);
	});

	it('obeys the text kind, date and tag filters', async () => {
		expect((await report({ texts: 'answers' })).total.reviews.scored).toBe(0);
		expect((await report({ from: '2026-02-01' })).total.answers).toMatchObject({
			positive: 1,
			negative: 0
		});
		// Reviews are not linked to a client here, so a tag filter leaves only Ada's answer.
		expect((await report({ tag: 'vip' })).total.both).toMatchObject({ negative: 1, scored: 1 });
	});

	it('gives sentiment per factor from the sentences that mention it', async () => {
		const punctuality = (await report()).factors.find(({ factor }) => factor === 'punctuality');
		expect(punctuality?.counts.negative).toBeGreaterThanOrEqual(2);
	});

	it('counts each factor’s tone in SQL exactly as the full report does, under every filter', async () => {
		const byFactor = (factors: { factor: string; counts: object; meanComparative: number }[]) =>
			Object.fromEntries(
				factors.map(({ factor, counts, meanComparative }) => [
					factor,
					{ counts, mean: Number(meanComparative.toFixed(10)) }
				])
			);
		for (const raw of [
			{},
			{ texts: 'answers' },
			{ texts: 'reviews' },
			{ from: '2026-02-01' },
			{ tag: 'vip' },
			{ language: 'en' },
			{ reviewSource: 'other' }
		]) {
			const query = sentimentQuerySchema.parse(raw);
			expect(byFactor(await factorTone(db, query))).toEqual(
				byFactor((await sentimentReport(db, query)).factors)
			);
		}
		expect(
			(await factorTone(db, sentimentQuerySchema.parse({}))).find(
				({ factor }) => factor === 'punctuality'
			)?.counts.negative
		).toBeGreaterThanOrEqual(2);
	});
});
