import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { respondentCsi } from '../../analytics/csi';
import { analyticsQuerySchema } from '../../schemas/analytics';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { csiModels } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { createModelVersion } from '../models/service';
import { createSurveyFromTemplate } from '../surveys/service';
import { respond } from '../followups/test-followups';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import {
	csiComparison,
	csiTrend,
	dashboardScope,
	factorComments,
	newestAnswers,
	type DashboardScope
} from './dashboard';

let db: Db;
let remove: () => Promise<void>;
let surveyId = 0;

/** A response to the survey, submitted at 09:00 UTC on `day`. */
const answer = (clientId: number, language: string, day: string, raw: Record<string, string>) =>
	respond(db, surveyId, {
		clientId,
		language,
		submittedAt: new Date(`${day}T09:00:00Z`),
		answers: raw
	});

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	await saveClients(
		db,
		[
			clientInput({ email: 'ada@example.com', language: 'de' }),
			clientInput({ email: 'bo@example.com', language: 'fi' })
		],
		{
			onExisting: 'reject',
			actor: { userId: null },
			source: 'test'
		}
	);
	// Ada answers in German, as her language says; keywords hold per language.
	await answer(1, 'de', '2026-01-10', {
		punctuality: '5',
		customs: '4',
		safety: '5',
		snacks: '3',
		overall: '5',
		improve: 'Nichts, alles pünktlich'
	});
	await answer(2, 'fi', '2026-01-20', {
		punctuality: '2',
		customs: 'na',
		safety: '4',
		snacks: '5',
		overall: '3'
	});
	await answer(1, 'de', '2026-02-03', {
		punctuality: '1',
		customs: '2',
		safety: '3',
		snacks: '4',
		overall: '2',
		improve: 'Lange Verspätung, und niemand hat uns informiert'
	});
});

afterEach(() => remove());

const query = (raw: Record<string, unknown> = {}) => analyticsQuerySchema.parse(raw);
const scopeOf = async (raw: Record<string, unknown> = {}) => {
	const scope = await dashboardScope(db, query(raw));
	if (!scope.ok || 'empty' in scope) throw new Error('expected a scope');
	return scope as DashboardScope;
};
const airline = [
	{ key: 'punctuality', weight: 3 },
	{ key: 'customs', weight: 2 },
	{ key: 'safety', weight: 3 },
	{ key: 'snacks', weight: 1 }
];

describe('the CSI dashboard', () => {
	it('shows the mean respondent CSI of all answers, and one group per month', async () => {
		const report = await csiTrend(db, await scopeOf(), query());
		const expected = [
			respondentCsi(airline, { punctuality: 5, customs: 4, safety: 5, snacks: 3 })!,
			respondentCsi(airline, { punctuality: 2, safety: 4, snacks: 5 })!,
			respondentCsi(airline, { punctuality: 1, customs: 2, safety: 3, snacks: 4 })!
		];
		expect(report.csi.n).toBe(3);
		expect(report.csi.value).toBeCloseTo(expected.reduce((a, b) => a + b) / 3, 10);
		expect(report.periods).toEqual([
			{ key: '2026-01', start: '2026-01-01' },
			{ key: '2026-02', start: '2026-02-01' }
		]);
		expect(report.groups[1]!.csi.value).toBeCloseTo(expected[2]!, 10);
	});

	it('computes every period with the chosen weight version', async () => {
		const model = (await db.select().from(csiModels).orderBy(csiModels.id).limit(1))[0]!;
		await createModelVersion(
			db,
			model.id,
			{
				factors: [
					{ key: 'punctuality', weight: 1, keywords: [] },
					{ key: 'safety', weight: 1, keywords: [] }
				]
			},
			null
		);
		const current = await csiTrend(db, await scopeOf(), query());
		expect(current.factors.map(({ key }) => key)).toEqual(['punctuality', 'safety']);
		expect(current.groups[1]!.csi.value).toBeCloseTo((0 + 50) / 2, 10);
		const first = await csiTrend(
			db,
			await scopeOf({ modelVersion: 1 }),
			query({ modelVersion: 1 })
		);
		expect(first.factors).toHaveLength(4);
	});

	it('obeys a language filter and compares languages against the rest', async () => {
		const finnish = await csiTrend(db, await scopeOf(), query({ language: 'fi' }));
		expect(finnish.csi.n).toBe(1);
		const byLanguage = await csiComparison(db, await scopeOf(), query(), 'language');
		expect(byLanguage.groups.map(({ key, csi }) => [key, csi.n])).toEqual([
			['de', 2],
			['fi', 1]
		]);
	});

	it('refuses unknown surveys and model versions with a reason', async () => {
		expect(await dashboardScope(db, query({ surveyId: '999' }))).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await dashboardScope(db, query({ modelVersion: 7 }))).toMatchObject({
			ok: false,
			status: 404,
			message: expect.stringContaining('no version 7')
		});
	});

	it('lists open answers that mention a factor’s keywords, newest first', async () => {
		const comments = await factorComments(db, await scopeOf(), query(), 'punctuality');
		expect(comments.map(({ text }) => text)).toEqual([
			'Lange Verspätung, und niemand hat uns informiert',
			'Nichts, alles pünktlich'
		]);
		expect(
			await factorComments(db, await scopeOf(), query({ from: '2026-02-01' }), 'punctuality')
		).toHaveLength(1);
		expect(await factorComments(db, await scopeOf(), query(), 'snacks')).toEqual([]);
	});

	it('brings German, Dutch, Finnish and Romanian delay complaints to the punctuality drill-down, each by its own language’s keywords (#18)', async () => {
		const complaints = {
			de: 'Abflug mit zwei Stunden Verspätung, niemand hat uns informiert.',
			nl: 'We vertrokken anderhalf uur te laat.',
			fi: 'Lento lähti tunnin myöhässä.',
			ro: 'Plecarea a avut o întârziere de trei ore.'
		};
		for (const [language, improve] of Object.entries(complaints))
			await answer(2, language, '2026-02-10', { overall: '2', improve });
		// A Dutch "laat" in an English text is no English keyword.
		await answer(2, 'en', '2026-02-11', { overall: '4', improve: 'Please laat the kids choose.' });
		const comments = await factorComments(db, await scopeOf(), query(), 'punctuality');
		expect(comments.map(({ text }) => text)).toEqual(
			expect.arrayContaining(Object.values(complaints))
		);
		expect(comments.map(({ text }) => text)).not.toContain('Please laat the kids choose.');
	});

	it('reads the newest open answers a page of responses at a time, losing none where pages meet on the same moment', async () => {
		// Three more on the moment of the newest, two of them with an open answer.
		for (const improve of ['More legroom', '', 'Warmer meals'])
			await answer(2, 'fi', '2026-02-03', { overall: '4', ...(improve ? { improve } : {}) });
		const [versionId] = (await scopeOf()).surveyVersionIds;
		const texts = async (pageSize: number, window = 10) =>
			(await newestAnswers(db, versionId!, ['improve'], query(), window, pageSize)).map(
				({ text }) => text
			);
		const newestFirst = [
			'Warmer meals',
			'More legroom',
			'Lange Verspätung, und niemand hat uns informiert',
			'Nichts, alles pünktlich'
		];
		expect(await texts(2000)).toEqual(newestFirst);
		expect(await texts(2)).toEqual(newestFirst);
		expect(await texts(1)).toEqual(newestFirst);
		expect(await texts(2, 3)).toEqual(newestFirst.slice(0, 3));
	});

	it('keeps showing the model with the newest responses when someone creates a draft of another', async () => {
		const draft = await createSurveyFromTemplate(db, 'acsi', null);
		expect(draft.ok).toBe(true);
		const scope = await scopeOf();
		expect(scope.model.name).toBe('Airline service');
		expect(scope.chosen).toEqual({
			by: 'latest-responses',
			reason: 'The model whose surveys have the newest responses (2026-02-03).'
		});
		expect(scope.models.map(({ name, latestResponseAt }) => [name, latestResponseAt])).toEqual([
			['Airline service', '2026-02-03'],
			['ACSI-style', null]
		]);
	});

	it('shows the model asked for, and refuses one that no survey measures', async () => {
		const draft = await createSurveyFromTemplate(db, 'acsi', null);
		if (!draft.ok) throw new Error(draft.message);
		const acsi = (await first(
			db.select().from(csiModels).where(eq(csiModels.name, 'ACSI-style'))
		))!;
		expect(await scopeOf({ modelId: acsi.id })).toMatchObject({
			model: { name: 'ACSI-style' },
			chosen: { by: 'request' },
			surveyIds: [draft.id]
		});
		expect(await dashboardScope(db, query({ modelId: 999 }))).toMatchObject({
			ok: false,
			status: 404,
			message: expect.stringContaining('999')
		});
	});

	it('draws every month between the first and last answer, and shows the running month as partial', async () => {
		await answer(2, 'fi', '2025-11-20', { punctuality: '4', safety: '4', overall: '4' });
		const report = await csiTrend(db, await scopeOf(), query(), '2026-02-10');
		expect(report.groups.map(({ key, csi }) => [key, csi.n])).toEqual([
			['2025-11', 1],
			['2025-12', 0],
			['2026-01', 2],
			['2026-02', 1]
		]);
		expect(report.groups.map(({ complete }) => complete)).toEqual([true, true, true, false]);
		expect(report.partial).toEqual({ key: '2026-02', running: true, days: 28, daysCovered: 10 });
		expect(report.headline).toMatchObject({ key: '2026-01', previousKey: '2025-12', change: null });
		expect(report.groups[3]!.change).toBeNull();
	});
});
