import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf } from '../auth/scope';
import { saveClients } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { clients, csiModels, reviews } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { respond } from '../followups/test-followups';
import { currentScorer, sentimentColumnsFor } from '../sentiment/columns';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { suggestedKeywords } from './keyword-suggestions';
import { getModel } from './service';

let db: Db;
let remove: () => Promise<void>;
let survey: number;
let vera: number;
let vip: number;

/** Airline model (template airline-csi): snacks' English keywords include coffee and sandwich. */
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	survey = await openSurveyFromTemplate(db, 'airline-csi');
	vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null })).id;
	const saved = await saveClients(
		db,
		[clientInput({ email: 'vera@example.com', name: 'Vera Vip', tags: ['vip'], consent: true })],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
	vera = (await first(
		db.select({ id: clients.id }).from(clients).where(eq(clients.email, 'vera@example.com'))
	))!.id;
});
afterEach(() => remove());

/** Open answers ("What could we improve?"), scored as the respondent's page scores them. */
async function answered(texts: string[], clientId: number | null = null) {
	for (const improve of texts) await respond(db, survey, { clientId, answers: { improve } });
}

async function reviewed(texts: string[], language: string) {
	const scorer = await currentScorer(db);
	await inTransaction(db, async (tx) => {
		await tx.insert(reviews).values(
			texts.map((text, i) => ({
				source: 'test',
				externalId: `${language}-${i}`,
				text,
				language,
				reviewedAt: new Date('2026-02-01T12:00:00Z'),
				importedAt: new Date('2026-02-02T12:00:00Z'),
				...sentimentColumnsFor(text, language, scorer)
			}))
		);
	});
}

async function airlineFactors() {
	const model = (await first(db.select().from(csiModels).orderBy(csiModels.id)))!;
	return (await getModel(db, model.id))!.factors;
}

const quietTrips = ['The seats were roomy.', 'Boarding went smoothly.', 'We landed in Oslo.'];

describe('keyword suggestions for a model’s factors', () => {
	it('come from open answers and reviews, per factor and language', async () => {
		await answered([
			'The sandwich came without a napkin.',
			'No napkin with my coffee.',
			'Coffee spilled, and not even a napkin.',
			...quietTrips
		]);
		await reviewed(
			[
				'Kaffee mit Keks.',
				'Zum Kaffee gab es einen Keks.',
				'Keks und Kaffee.',
				'Der Sitz war bequem.',
				'Wir sind in Oslo gelandet.'
			],
			'de'
		);
		const suggestions = await suggestedKeywords(db, await airlineFactors(), null);
		expect(Object.keys(suggestions).sort()).toEqual(['customs', 'punctuality', 'safety', 'snacks']);
		expect(suggestions.snacks?.en).toEqual({
			basis: 'mentions',
			words: [{ word: 'napkin', texts: 3 }]
		});
		expect(suggestions.snacks?.de).toEqual({
			basis: 'mentions',
			words: [{ word: 'keks', texts: 3 }]
		});
	});

	it('read only the texts of the segment a scoped user may see', async () => {
		await answered(
			[
				'The sandwich came without a napkin.',
				'No napkin with my coffee.',
				'Coffee spilled, and not even a napkin.',
				...quietTrips
			],
			vera
		);
		await answered([
			'Coffee in a paper cup.',
			'A sandwich in a paper bag.',
			'Paper plates for the food.',
			...quietTrips
		]);
		const factors = await airlineFactors();
		const words = async (scope: Awaited<ReturnType<typeof scopeOf>>) =>
			(await suggestedKeywords(db, factors, scope)).snacks?.en?.words.map(({ word }) => word);
		expect(await words(null)).toEqual(expect.arrayContaining(['napkin', 'paper']));
		expect(await words(await scopeOf(db, { role: 'manager', scopeSegmentId: vip }))).toEqual([
			'napkin'
		]);
	});
});
