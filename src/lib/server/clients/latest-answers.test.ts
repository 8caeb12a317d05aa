import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientFilter } from '../../schemas/client-filter';
import { DAY_MS } from '../../dates';
import { audienceSize } from '../campaigns/service';
import type { Db } from '../db';
import { engine } from '../db/engine';
import { clients, csiModels, factors } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { eraseClients } from '../privacy/erasure';
import { recordResponses } from '../responses/record';
import { getSurvey, saveDefinition } from '../surveys/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { filterConditions } from './filter';
import { factorChoices } from './latest-answers';
import { clientIdsMatching, countClients } from './queries';
import { saveClients } from './save';
import { getSegment, saveSegment } from './segments';
import { clientInput } from './test-clients';

let db: Db;
let remove: () => Promise<void>;
// Now, not a fixed day: a campaign counts its audience as of now.
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

type Survey = NonNullable<Awaited<ReturnType<typeof getSurvey>>>;
let acsi: Survey;
let airline: Survey;
const ids = new Map<string, number>();

/**
 * One response of `client` to `survey`: every rating question of the survey gets `rating` (so its
 * score is (rating − 1) × 25 whatever the weights), the NPS question `nps` when given.
 */
async function answer(
	client: string,
	survey: Survey,
	at: Date,
	{ rating, nps, source = 'survey' }: { rating: number; nps?: number; source?: 'survey' | 'import' }
) {
	const questions = survey.definition.pages.flatMap((page) => page.questions);
	await inTransaction(db, (tx) =>
		recordResponses(tx, [
			{
				surveyVersionId: survey.versionId,
				definition: survey.definition,
				clientId: ids.get(client)!,
				language: 'en',
				submittedAt: at,
				source,
				answers: questions
					.filter((q) => q.type === 'rating' || (q.type === 'nps' && nps !== undefined))
					.map((q) => ({
						questionId: q.id,
						score: q.type === 'nps' ? nps! : rating,
						notApplicable: false,
						text: null,
						choices: null
					}))
			}
		])
	);
}

/** The id of a factor of a model, by the model's and the factor's names. */
async function factorId(model: string, key: string) {
	const row = await first(
		db
			.select({ id: factors.id })
			.from(factors)
			.innerJoin(csiModels, eq(csiModels.id, factors.modelId))
			.where(and(eq(csiModels.name, model), eq(factors.key, key)))
	);
	return row!.id;
}

const matching = async (filter: ClientFilter) => {
	const found = new Set(await clientIdsMatching(db, filter, now));
	return [...ids].filter(([, id]) => found.has(id)).map(([name]) => name);
};

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const names = [
		'promo',
		'passive',
		'detractor',
		'old',
		'changed',
		'imported',
		'airline',
		'silent'
	];
	await saveClients(
		db,
		names.map((name) => clientInput({ email: `${name}@answers.test`, consent: true })),
		{ onExisting: 'reject', actor: {}, source: 'test', now }
	);
	const rows = await db.select({ id: clients.id, email: clients.email }).from(clients);
	for (const name of names)
		ids.set(name, rows.find((row) => row.email === `${name}@answers.test`)!.id);
	acsi = (await getSurvey(db, await openSurveyFromTemplate(db, 'acsi')))!;
	airline = (await getSurvey(db, await openSurveyFromTemplate(db, 'airline-csi')))!;

	await answer('promo', acsi, daysAgo(10), { rating: 5, nps: 10 });
	await answer('passive', acsi, daysAgo(20), { rating: 3, nps: 7 });
	await answer('detractor', acsi, daysAgo(30), { rating: 1, nps: 2 });
	await answer('old', acsi, daysAgo(200), { rating: 2, nps: 3 });
	// Only the latest NPS answer counts: a detractor once, a promoter now.
	await answer('changed', acsi, daysAgo(300), { rating: 1, nps: 1 });
	await answer('changed', acsi, daysAgo(5), { rating: 4, nps: 9 });
	// Imported from the company's earlier surveys: the client's answers all the same.
	await answer('imported', acsi, daysAgo(15), { rating: 1, nps: 5, source: 'import' });
	// The latest response asks no NPS question: the NPS answer before it is the latest one.
	await answer('airline', acsi, daysAgo(40), { rating: 2, nps: 6 });
	await answer('airline', airline, daysAgo(2), { rating: 5 });
});
afterEach(async () => {
	ids.clear();
	await remove();
});

describe('filtering clients by their latest answers', () => {
	it('finds the NPS groups of the latest NPS answer', async () => {
		expect(await matching({ npsGroups: ['detractor'] })).toEqual([
			'detractor',
			'old',
			'imported',
			'airline'
		]);
		expect(await matching({ npsGroups: ['promoter'] })).toEqual(['promo', 'changed']);
		expect(await matching({ npsGroups: ['promoter', 'passive'] })).toEqual([
			'promo',
			'passive',
			'changed'
		]);
	});

	it('counts only answers of the last N days, resolved when the filter runs', async () => {
		expect(await matching({ npsGroups: ['detractor'], answeredInDays: 90 })).toEqual([
			'detractor',
			'imported',
			'airline'
		]);
		expect(await matching({ npsGroups: ['detractor'], answeredInDays: 35 })).toEqual([
			'detractor',
			'imported'
		]);
		// Alone: answered at all in the last N days.
		expect(await matching({ answeredInDays: 7 })).toEqual(['changed', 'airline']);
		expect(await matching({ answeredInDays: 0 })).toEqual([]);
		// The same saved filter a month later: the recent detractors of then are old news.
		const later = new Date(now.getTime() + 30 * DAY_MS);
		expect(await countClients(db, { npsGroups: ['detractor'], answeredInDays: 35 }, later)).toBe(0);
	});

	it('reads the score of the latest scored response, both ends included', async () => {
		// Scores: promo 100, passive 50, detractor 0, old 25, changed 75, imported 0, airline 100.
		expect(await matching({ answerScore: { min: 0, max: 25 } })).toEqual([
			'detractor',
			'old',
			'imported'
		]);
		expect(await matching({ answerScore: { min: 75, max: 100 } })).toEqual([
			'promo',
			'changed',
			'airline'
		]);
		expect(await matching({ answerScore: { min: 0, max: 25 }, answeredInDays: 90 })).toEqual([
			'detractor',
			'imported'
		]);
	});

	it('reads the latest rating of the chosen factor, from whichever survey asked it', async () => {
		const quality = await factorId('ACSI-style', 'quality');
		expect(await matching({ factorRating: { factor: quality, min: 4, max: 5 } })).toEqual([
			'promo',
			'changed'
		]);
		// The airline survey asks no ACSI factor: the ACSI answer 40 days ago is the latest rating.
		expect(await matching({ factorRating: { factor: quality, min: 2, max: 2 } })).toEqual([
			'old',
			'airline'
		]);
		const punctuality = await factorId('Airline service', 'punctuality');
		expect(await matching({ factorRating: { factor: punctuality, min: 1, max: 5 } })).toEqual([
			'airline'
		]);
		expect(await matching({ factorRating: { factor: 999_999, min: 1, max: 5 } })).toEqual([]);
	});

	it('reads a factor’s rating given as a row of a matrix', async () => {
		const [flight, ...rest] = airline.definition.pages;
		const ratings = flight!.questions;
		const saved = await saveDefinition(db, airline.id, {
			...airline.definition,
			pages: [
				{
					...flight!,
					questions: [
						{
							id: 'flight_matrix',
							type: 'matrix',
							text: { en: 'How satisfied are you with …' },
							required: true,
							allowNotApplicable: true,
							rows: ratings.map((question) => ({
								id: question.id,
								factor: 'factor' in question ? (question.factor ?? '') : '',
								text: question.text
							}))
						}
					]
				},
				...rest
			]
		});
		if (!saved.ok) throw new Error(saved.message);
		const withMatrix = (await getSurvey(db, airline.id))!;
		await inTransaction(db, (tx) =>
			recordResponses(tx, [
				{
					surveyVersionId: withMatrix.versionId,
					definition: withMatrix.definition,
					clientId: ids.get('silent')!,
					language: 'en',
					submittedAt: daysAgo(1),
					answers: ratings.map((question) => ({
						questionId: question.id,
						score: question.id === 'punctuality' ? 1 : 4,
						notApplicable: false,
						text: null,
						choices: null
					}))
				}
			])
		);
		const punctuality = await factorId('Airline service', 'punctuality');
		expect(await matching({ factorRating: { factor: punctuality, min: 1, max: 1 } })).toEqual([
			'silent'
		]);
	});

	it('combines the conditions with AND, as the other filter keys', async () => {
		const quality = await factorId('ACSI-style', 'quality');
		expect(
			await matching({
				npsGroups: ['detractor'],
				factorRating: { factor: quality, min: 1, max: 1 },
				answeredInDays: 90
			})
		).toEqual(['detractor', 'imported']);
		expect(
			await matching({ npsGroups: ['detractor'], answerScore: { min: 50, max: 100 } })
		).toEqual(['airline']);
	});

	it('loses an erased client’s answers with the client', async () => {
		await eraseClients(db, [ids.get('promo')!], {});
		ids.delete('promo');
		expect(await matching({ npsGroups: ['promoter'] })).toEqual(['changed']);
	});

	it('gives a saved segment and a campaign to it the same clients', async () => {
		const saved = await saveSegment(db, {
			name: 'Recent detractors',
			filter: { npsGroups: ['detractor'], answeredInDays: 90 },
			userId: null
		});
		expect((await getSegment(db, saved.id))!.filter).toEqual({
			npsGroups: ['detractor'],
			answeredInDays: 90
		});
		expect(await audienceSize(db, saved.id)).toBe(3);
		// A new answer moves a client in: the segment is evaluated when the campaign counts.
		await answer('passive', acsi, daysAgo(1), { rating: 2, nps: 4 });
		expect(await audienceSize(db, saved.id)).toBe(4);
	});

	// SQLite's plan (EXPLAIN QUERY PLAN); PostgreSQL's depends on its statistics.
	it.skipIf(engine === 'postgres')(
		'reads each client’s own responses through an index, and each answer by its key',
		async () => {
			const quality = await factorId('ACSI-style', 'quality');
			const planOf = (filter: ClientFilter) => {
				const query = db
					.select({ n: count() })
					.from(clients)
					.where(filterConditions(filter, now))
					.toSQL();
				return db.$client
					.prepare(`explain query plan ${query.sql}`)
					.all(...query.params)
					.map((row) => (row as { detail: string }).detail);
			};
			expect(planOf({ answeredInDays: 30 })).toContainEqual(
				expect.stringMatching(/^SEARCH r .*USING INDEX responses_client_idx \(client_id=\?\)$/)
			);
			const plan = planOf({
				npsGroups: ['detractor'],
				answerScore: { min: 0, max: 50 },
				factorRating: { factor: quality, min: 1, max: 2 },
				answeredInDays: 90
			});
			expect(plan.filter((step) => /USING INDEX responses_client_idx/.test(step))).toHaveLength(3);
			expect(plan.filter((step) => /responses_(version|submitted)_idx/.test(step))).toEqual([]);
			expect(
				plan.filter((step) =>
					/USING INDEX sqlite_autoindex_answers_1 \(response_id=\? AND question_id=\?\)/.test(step)
				)
			).toHaveLength(2);
			expect(plan.filter((step) => /^SCAN (r|responses|answers|a)\b/.test(step))).toEqual([]);
		}
	);

	it('lists the factors a filter may choose, by model', async () => {
		const choices = await factorChoices(db);
		expect(choices.map((choice) => `${choice.model}: ${choice.name}`)).toContain(
			'ACSI-style: Perceived quality'
		);
		expect(choices.find((choice) => choice.name === 'Punctual departure')).toMatchObject({
			id: await factorId('Airline service', 'punctuality'),
			model: 'Airline service'
		});
	});
});
