import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentimentQuerySchema } from '../../schemas/analytics';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { answerRows } from '../../surveys/answers';
import { saveClients } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { clients, factors, responses, reviews, surveyVersions } from '../db/schema';
import { plainSql } from '../db/plain-sql';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { eraseClients } from '../privacy/erasure';
import { saveErasureKeepsAnswers } from '../privacy/settings';
import { recordResponse } from '../responses/record';
import { currentScorer, sentimentColumnsFor } from '../sentiment/columns';
import { startRescore } from '../sentiment/rescore';
import { createTopic, updateTopic } from '../sentiment/topics';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { factorTone, sentimentReport } from './sentiment';
import { sentimentFromTexts } from './test-sentiment';
import { readingNames } from './names';
import { repackStaleScoreDays } from './score-chunks';
import { repackStaleToneDays, toneRowsOfDay } from './tone-chunks';
import { unpackScores } from '../../analytics/score-chunk';
import { unpackTones } from '../../analytics/tone-chunk';

let db: Db;
let remove: () => Promise<void>;
let surveyIds: number[] = [];
let staffTopic: number;

const DAYS = ['2026-01-31', '2026-02-01', '2026-02-14', '2026-03-01', '2026-03-30'];
const TEXTS = [
	'The flight was terribly late and nobody apologised.',
	'Wonderful crew, excellent service, thank you!',
	'Boarding was slow but the crew were friendly.',
	'Die Verspätung war ärgerlich, aber das Personal war freundlich.',
	'De vlucht was op tijd en het personeel vriendelijk.',
	'こんにちは、とても良いフライトでした',
	'ok'
];

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyIds = [
		await openSurveyFromTemplate(db, 'airline-csi'),
		await openSurveyFromTemplate(db, 'airline-csi')
	];
	await saveTheClients();
	await saveSegment(db, { name: 'North', filter: { tags: ['north'] }, userId: null });
	await saveErasureKeepsAnswers(db, false, { userId: null });
	// Topics pack with the factors: a text may carry both, and a topic's words change.
	staffTopic = (
		(await createTopic(db, { name: 'Staff', keywords: ['crew', 'Personal'] })) as { id: number }
	).id;
});

afterEach(() => remove());

async function saveTheClients() {
	await saveClients(
		db,
		[
			clientInput({ email: 'ada@example.com', name: 'Ada', language: 'de', tags: ['VIP'] }),
			clientInput({ email: 'bo@example.com', name: 'Bo', language: 'fi', tags: ['north'] }),
			clientInput({ email: 'cy@example.com', name: 'Cy', tags: ['vip', 'north'] })
		],
		{ onExisting: 'update', actor: { userId: null }, source: 'test' }
	);
}

const clientAt = async (n: number | null) =>
	n === null
		? null
		: (await db.select({ id: clients.id }).from(clients).orderBy(clients.email))[n]!.id;

async function answer(
	survey: number,
	client: number | null,
	day: string,
	hour: number,
	text: string
) {
	const version = (await first(
		db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, surveyIds[survey]!))
	))!;
	const definition = surveyDefinitionSchema.parse(version.definition);
	const clientId = await clientAt(client);
	await inTransaction(db, (tx) =>
		recordResponse(tx, {
			surveyVersionId: version.id,
			definition,
			clientId,
			language: 'en',
			submittedAt: new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`),
			answers: answerRows(definition, {
				punctuality: '3',
				customs: '3',
				safety: '3',
				snacks: '3',
				overall: '3',
				improve: text
			})
		})
	);
}

let reviewCount = 0;
async function review(
	source: string,
	client: number | null,
	day: string,
	hour: number,
	text: string
) {
	const scorer = await currentScorer(db);
	await inTransaction(db, async (tx) => {
		await tx.insert(reviews).values({
			source,
			externalId: `r${++reviewCount}`,
			stars: 3,
			text,
			reviewedAt: new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`),
			language: null,
			clientId: await clientAt(client),
			importedAt: new Date(),
			...sentimentColumnsFor(text, null, scorer)
		});
	});
}

const client = fc.constantFrom(0, 1, 2, null);
// Few days and hours: texts of several sources share days and moments, as ties must be ordered.
const moment = { day: fc.constantFrom(...DAYS.slice(1, 4)), hour: fc.integer({ min: 0, max: 3 }) };
const operation = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('answer' as const),
			survey: fc.constantFrom(0, 1),
			client,
			...moment,
			text: fc.constantFrom(...TEXTS)
		})
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('review' as const),
			source: fc.constantFrom('trustpilot', 'google'),
			client,
			...moment,
			text: fc.constantFrom(...TEXTS)
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('repack' as const),
			// A few stale days, or all of them.
			days: fc.constantFrom(1, 2, 4, -1)
		})
	},
	fc.record({ kind: fc.constant('erase' as const), client: fc.constantFrom(0, 1, 2) }),
	fc.record({ kind: fc.constant('keywords' as const), words: fc.constantFrom(['late'], ['crew']) }),
	fc.record({
		kind: fc.constant('topic' as const),
		words: fc.constantFrom(['crew', 'Personal', 'personeel'], ['flight', 'vlucht'])
	}),
	fc.record({ kind: fc.constant('retag' as const), tags: fc.constantFrom(['north'], ['vip']) })
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function apply(step: Operation) {
	if (step.kind === 'answer')
		await answer(step.survey, step.client, step.day, step.hour, step.text);
	else if (step.kind === 'review')
		await review(step.source, step.client, step.day, step.hour, step.text);
	else if (step.kind === 'repack') await repackStaleToneDays(db, step.days);
	else if (step.kind === 'erase') {
		await eraseClients(db, [(await clientAt(step.client))!], { userId: null });
		await saveTheClients();
	} else if (step.kind === 'topic') {
		await updateTopic(db, staffTopic, { name: 'Staff', keywords: [...step.words] });
		await (
			await startRescore(db, { code: 'keywordsChanged' })
		).done;
	} else if (step.kind === 'keywords') {
		await inTransaction(db, async (tx) => {
			await tx
				.update(factors)
				.set({ keywords: [...step.words] })
				.where(eq(factors.key, 'punctuality'));
		});
		await (
			await startRescore(db, { code: 'keywordsChanged' })
		).done;
	} else
		await saveClients(db, [clientInput({ email: 'cy@example.com', name: 'Cy', tags: step.tags })], {
			onExisting: 'update',
			actor: { userId: null },
			source: 'test'
		});
}

const query = fc.record(
	{
		texts: fc.constantFrom('answers', 'reviews', 'both'),
		surveyId: fc.constantFrom([0], [1]),
		tag: fc.constantFrom('vip', 'north'),
		segment: fc.constant(1),
		manager: fc.constant('none'),
		language: fc.constantFrom('en', 'de', 'nl'),
		reviewSource: fc.constant('google'),
		from: fc.constantFrom('2026-02-01', '2026-02-14'),
		to: fc.constantFrom('2026-02-28', '2026-03-30'),
		granularity: fc.constantFrom('week', 'month', 'quarter')
	},
	{ requiredKeys: [] }
);

/** Stored chunks of days not marked stale, and the same days packed from their texts now, names spelled out. */
async function trustedChunks() {
	const names = await readingNames(db);
	type Day = { source: string; day: string };
	const stale = new Set(
		(await plainSql(db).all<Day>('select source, day from stale_tone_chunks')).map(
			({ source, day }) => `${source}|${day}`
		)
	);
	const stored = (
		await plainSql(db).all<Day & { rows: Uint8Array }>('select source, day, rows from tone_chunks')
	)
		.map(({ source, day, rows }) => [source, day, rows] as const)
		.filter(([source, day]) => !stale.has(`${source}|${day}`));
	const spelled = (id: number) => (id ? names.nameOf(id) : null);
	const chunks = [];
	for (const [source, day, rows] of stored) {
		const chunk = unpackTones(rows);
		const packed = Array.from({ length: chunk.count }, (_, row) => ({
			id: chunk.ids[row],
			time: chunk.times[row],
			signature: source.startsWith('answers:')
				? spelled(chunk.signatures[row]!)
				: chunk.signatures[row],
			language: spelled(chunk.languages[row]!),
			question: spelled(chunk.questions[row]!),
			label: chunk.labels[row],
			aspects: [
				...chunk.aspectFactors.subarray(chunk.aspectStarts[row], chunk.aspectStarts[row + 1])
			].map(spelled)
		}));
		const now = (await toneRowsOfDay(db, source, day, names)).map((row) => ({
			...row,
			signature: source.startsWith('answers:') ? spelled(row.signature) : row.signature,
			language: spelled(row.language),
			question: spelled(row.question),
			label: [null, 'positive', 'neutral', 'negative'].indexOf(row.label),
			aspects: row.aspects.map(({ factor }) => spelled(factor))
		}));
		chunks.push([packed, now]);
	}
	return chunks;
}

/** Equal up to the last bits of the mean tone, which sums the same numbers in another order. */
const rounded = <T extends { meanComparative: number }>(tone: T) => ({
	...tone,
	meanComparative: Number(tone.meanComparative.toFixed(10))
});
const comparable = <
	T extends {
		factors: { meanComparative: number }[];
		topics?: { meanComparative: number; periods: { meanComparative: number }[] }[];
	}
>(
	report: T
) => ({
	...report,
	factors: report.factors.map(rounded),
	...(report.topics && {
		topics: report.topics.map((topic) => ({
			...rounded(topic),
			periods: topic.periods.map(rounded)
		}))
	})
});

describe('the packed tone of texts', () => {
	it('gives the sentiment panels every text gives, under any filters, whatever wrote the texts', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(operation, { minLength: 1, maxLength: 14 }),
				fc.array(query, { minLength: 1, maxLength: 3 }),
				async (steps, queries) => {
					await inTransaction(db, async (tx) => {
						await tx.delete(responses);
						await tx.delete(reviews);
					});
					await saveTheClients();
					for (const step of steps) {
						await apply(step);
						for (const [packed, now] of await trustedChunks()) expect(packed).toEqual(now);
						for (const raw of queries) {
							const parsed = sentimentQuerySchema.parse({
								...raw,
								surveyId: raw.surveyId?.map((i) => surveyIds[i])
							});
							const expected = comparable(await sentimentFromTexts(db, parsed));
							expect(comparable(await sentimentReport(db, parsed))).toEqual(expected);
							// Short lists, so the newest-first cut-offs are exercised.
							expect(comparable(await sentimentReport(db, parsed, 2, 3))).toEqual(
								comparable(await sentimentFromTexts(db, parsed, 2, 3))
							);
							expect(comparable({ factors: await factorTone(db, parsed) })).toEqual({
								factors: expected.factors
							});
						}
					}
				}
			),
			{ numRuns: 60 }
		);
		// Sixty histories, each step read four ways: some 9 s on SQLite and 30 s on PostgreSQL (a
		// round trip per query) on a busy machine.
	}, 180_000);

	it('counts the top terms in the newest texts of the latest period', async () => {
		for (const [i, text] of TEXTS.entries()) await answer(0, 0, '2026-03-01', i, text);
		const { terms, latestPeriod } = await sentimentReport(db, sentimentQuerySchema.parse({}));
		expect(latestPeriod).toBe('2026-03');
		expect(terms.negative.map(({ term }) => term)).toContain('late');
		await repackStaleToneDays(db);
		expect((await sentimentReport(db, sentimentQuerySchema.parse({}))).terms).toEqual(terms);
	});

	it('drop an erased client at once: their answers, and the link of their reviews', async () => {
		await answer(0, 0, '2026-02-01', 9, TEXTS[0]!);
		await answer(0, 1, '2026-02-01', 10, TEXTS[1]!);
		await review('google', 0, '2026-02-01', 11, TEXTS[0]!);
		await repackStaleToneDays(db);
		await repackStaleScoreDays(db);
		const ada = (await clientAt(0))!;
		const adasResponse = (await first(
			db.select().from(responses).where(eq(responses.clientId, ada))
		))!.id;
		await eraseClients(db, [ada], { userId: null });
		const stale = await plainSql(db).get<{ n: number }>(
			'select (select count(*) from stale_tone_chunks) + (select count(*) from stale_score_chunks) as n'
		);
		expect(stale!.n).toBe(0);
		const tones = (
			await plainSql(db).all<{ source: string; rows: Uint8Array }>(
				'select source, rows from tone_chunks'
			)
		).map(({ source, rows }) => [source, unpackTones(rows)] as const);
		expect(
			tones.flatMap(([source, chunk]) => (source.startsWith('answers:') ? [...chunk.ids] : []))
		).not.toContain(adasResponse);
		expect(
			tones.flatMap(([source, chunk]) =>
				source.startsWith('reviews:') ? [...chunk.signatures] : []
			)
		).toEqual([0]);
		const scores = (
			await plainSql(db).all<{ rows: Uint8Array }>('select rows from score_chunks')
		).map(({ rows }) => unpackScores(rows));
		expect(scores.map(({ count, firstId }) => [count, firstId === adasResponse])).toEqual([
			[1, false]
		]);
	});

	it('list the newest texts across sources, ties in order, where a day fills the list', async () => {
		const late = TEXTS[0]!;
		const awful = 'The flight was terribly late and our luggage was lost.';
		for (let i = 0; i < 3; i++) await answer(0, 0, '2026-03-01', 9, late);
		// Another survey's answer at the same moment, with a higher id: it ranks above the three.
		await answer(1, 1, '2026-03-01', 9, late);
		await review('google', null, '2026-03-01', 9, awful);
		await review('trustpilot', null, '2026-03-01', 10, awful);
		await review('trustpilot', null, '2026-03-01', 10, awful);
		await answer(1, 1, '2026-02-14', 12, late);
		const query = sentimentQuerySchema.parse({});
		const newest = async () =>
			(await sentimentReport(db, query, 3, 3)).latestNegative.map(({ kind, id }) => [kind, id]);
		const reviewIds = (await db.select({ id: reviews.id }).from(reviews).orderBy(reviews.id)).map(
			({ id }) => id
		);
		expect(await newest()).toEqual([
			['review', reviewIds[2]],
			['review', reviewIds[1]],
			['answer', 4]
		]);
		// The three newest texts are the two 10:00 reviews and the answer with id 4.
		expect(
			(await sentimentReport(db, query, 3, 3)).terms.negative.map(({ term }) => term)
		).toContain('luggage');
		for (const packed of [false, true]) {
			if (packed) await repackStaleToneDays(db);
			expect(comparable(await sentimentReport(db, query, 3, 3))).toEqual(
				comparable(await sentimentFromTexts(db, query, 3, 3))
			);
		}
	});
});
