import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OVERALL } from '../../analytics/csi-cell';
import { EVERYONE } from '../../analytics/dimensions';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { answerRows } from '../../surveys/answers';
import { saveClients } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { clients, csiCells, responses, surveyVersions } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { recordResponse } from '../responses/record';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { cellsBy, cellsFromResponses, selectionCells, type CellRow } from './selection';

let db: Db;
let remove: () => Promise<void>;
let versionId = 0;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	versionId = (await first(
		db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId))
	))!.id;
	await saveClients(
		db,
		[
			clientInput({ email: 'ada@example.com', language: 'de', tags: ['VIP'], annualValue: 50000 }),
			clientInput({ email: 'bo@example.com', language: 'fi', tags: [] }),
			clientInput({
				email: 'cy@example.com',
				language: 'en',
				tags: ['vip', 'north'],
				annualValue: 1200
			})
		],
		{ onExisting: 'reject', actor: { userId: null }, source: 'test' }
	);
	await saveSegment(db, { name: 'VIPs', filter: { tags: ['vip'] }, userId: null });
});

afterEach(() => remove());

const definition = async () =>
	surveyDefinitionSchema.parse(
		(await first(db.select().from(surveyVersions).where(eq(surveyVersions.id, versionId))))!
			.definition
	);

async function answer(clientId: number | null, day: string, ratings: Record<string, string>) {
	const parsed = await definition();
	await inTransaction(db, (tx) =>
		recordResponse(tx, {
			surveyVersionId: versionId,
			definition: parsed,
			clientId,
			language: 'en',
			submittedAt: new Date(`${day}T10:00:00Z`),
			answers: answerRows(parsed, ratings)
		})
	);
}

const byKey = (rows: CellRow[]) =>
	new Map(rows.map((row) => [`${row.surveyVersionId}|${row.dimension}|${row.day}`, row.cell]));

describe('CSI cells', () => {
	it('equal a from-scratch recomputation after random responses', async () => {
		const rating = fc.constantFrom('1', '2', '3', '4', '5');
		const response = fc.record({
			client: fc.constantFrom(1, 2, 3, null),
			day: fc.constantFrom('2026-01-31', '2026-02-01', '2026-02-14', '2026-03-01'),
			punctuality: rating,
			customs: fc.constantFrom('1', '3', '5', 'na'),
			safety: rating,
			snacks: rating,
			overall: rating
		});
		await fc.assert(
			fc.asyncProperty(fc.array(response, { minLength: 1, maxLength: 25 }), async (list) => {
				await inTransaction(db, async (tx) => {
					await tx.delete(responses);
					await tx.delete(csiCells);
				});
				for (const { client, day, ...ratings } of list) await answer(client, day, ratings);
				const stored = byKey(await db.select().from(csiCells));
				const recomputed = byKey(
					await cellsFromResponses(db, { versionIds: [versionId], required: [] }, { prefix: '' })
				);
				expect(stored).toEqual(recomputed);
			}),
			{ numRuns: 15 }
		);
	});

	it('keep the segment a client had when answering, also after the client moves', async () => {
		const full = { punctuality: '5', customs: '5', safety: '5', snacks: '5', overall: '5' };
		await answer(1, '2026-02-01', full);
		await inTransaction(db, async (tx) => {
			await tx.update(clients).set({ accountManagerId: null });
		});
		await saveClients(db, [clientInput({ email: 'ada@example.com', language: 'de', tags: [] })], {
			onExisting: 'update',
			actor: { userId: null },
			source: 'test'
		});
		await answer(1, '2026-03-01', { ...full, punctuality: '1' });
		const vip = await selectionCells(
			db,
			{ versionIds: [versionId], required: ['segment:1'] },
			{ dimension: EVERYONE }
		);
		expect(vip.map(({ day, cell }) => [day, cell.distribution.punctuality])).toEqual([
			['2026-02', [0, 0, 0, 0, 1]]
		]);
		expect(
			(await selectionCells(db, { versionIds: [versionId], required: [] }, { prefix: 'tag:' })).map(
				({ dimension }) => dimension
			)
		).toEqual(['tag:vip']);
	});

	it('answer a combined filter from the responses, with the same numbers as one stored filter', async () => {
		const full = { punctuality: '4', customs: 'na', safety: '5', snacks: '2', overall: '4' };
		await answer(1, '2026-02-01', full);
		await answer(3, '2026-02-01', { ...full, punctuality: '2' });
		await answer(2, '2026-02-02', full);
		const selection = { versionIds: [versionId], required: ['tag:vip', 'segment:1'] };
		const combined = cellsBy(
			await selectionCells(db, selection, { dimension: EVERYONE }),
			() => 'all'
		).get('all')!;
		const stored = cellsBy(
			await selectionCells(db, { ...selection, required: ['tag:vip'] }, { dimension: EVERYONE }),
			() => 'all'
		).get('all')!;
		expect(combined).toEqual(stored);
		expect(combined.distribution.punctuality).toEqual([0, 1, 0, 1, 0]);
		expect(combined.distribution[OVERALL]).toEqual([0, 0, 0, 2, 0]);
	});

	it('limit a selection to an inclusive range, reading whole months and the days at its ends', async () => {
		const full = { punctuality: '4', customs: '4', safety: '4', snacks: '4', overall: '4' };
		for (const day of [
			'2026-01-31',
			'2026-02-01',
			'2026-02-28',
			'2026-03-01',
			'2026-03-02',
			'2026-03-31',
			'2026-04-01'
		])
			await answer(null, day, full);
		const days = (rows: CellRow[]) => rows.map(({ day }) => day).sort();
		const select = async (from: string, to: string, resolution: 'day' | 'month' = 'month') =>
			days(
				await selectionCells(
					db,
					{ versionIds: [versionId], required: [], from, to },
					{ dimension: EVERYONE },
					resolution
				)
			);
		expect(await select('2026-02-01', '2026-02-28')).toEqual(['2026-02']);
		expect(await select('2026-01-31', '2026-03-01')).toEqual([
			'2026-01-31',
			'2026-02',
			'2026-03-01'
		]);
		expect(await select('2026-03-02', '2026-03-31')).toEqual(['2026-03-02', '2026-03-31']);
		expect(await select('2026-01-01', '2026-04-30')).toEqual([
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04'
		]);
		expect(await select('2026-02-01', '2026-02-28', 'day')).toEqual(['2026-02-01', '2026-02-28']);
		expect(
			days(
				await cellsFromResponses(
					db,
					{ versionIds: [versionId], required: [], from: '2026-02-01', to: '2026-02-28' },
					{ dimension: EVERYONE }
				)
			)
		).toEqual(['2026-02', '2026-02-01', '2026-02-28']);
	});

	it('answer a filter with a comparison, and two filters, from pair cells with the same numbers as the responses give', async () => {
		await saveSegment(db, { name: 'Germans', filter: { languages: ['de'] }, userId: null });
		const scores = [
			[1, '2026-01-30', '5'],
			[3, '2026-02-01', '2'],
			[1, '2026-02-15', '4'],
			[2, '2026-02-20', '1'],
			[3, '2026-03-02', '3'],
			[1, '2026-03-31', '2']
		] as const;
		for (const [client, day, rating] of scores)
			await answer(client, day, {
				punctuality: rating,
				customs: 'na',
				safety: rating,
				snacks: '3',
				overall: rating
			});
		const total = (rows: CellRow[], keyOf: (row: CellRow) => string) =>
			Object.fromEntries(
				[...cellsBy(rows, keyOf)].map(([key, cell]) => [key, cell.distribution.punctuality])
			);
		for (const range of [
			{},
			{ from: '2026-01-31', to: '2026-03-30' },
			{ from: '2026-02-01', to: '2026-03-31' },
			{ from: '2026-02-10', to: '2026-02-20' }
		]) {
			const within = { versionIds: [versionId], required: ['tag:vip'], ...range };
			const byLanguage = await selectionCells(db, within, { prefix: 'language:' });
			expect(total(byLanguage, ({ dimension }) => dimension)).toEqual(
				total(
					(await cellsFromResponses(db, within, { prefix: 'language:' })).filter(
						({ day }) => day.length === 10
					),
					({ dimension }) => dimension
				)
			);
			const byTag = await selectionCells(db, within, { prefix: 'tag:' });
			expect(total(byTag, ({ dimension }) => dimension)).toEqual(
				total(
					(await cellsFromResponses(db, within, { prefix: 'tag:' })).filter(
						({ day }) => day.length === 10
					),
					({ dimension }) => dimension
				)
			);
			const both = { versionIds: [versionId], required: ['tag:vip', 'segment:2'], ...range };
			expect(total(await selectionCells(db, both, { dimension: EVERYONE }), () => 'all')).toEqual(
				total(
					(await cellsFromResponses(db, both, { dimension: EVERYONE })).filter(
						({ day }) => day.length === 10
					),
					() => 'all'
				)
			);
		}
		// VIPs are Ada (5, 4, 2) and Cy (2, 3), all answering in English; the German segment is Ada alone.
		expect(
			total(
				await selectionCells(
					db,
					{ versionIds: [versionId], required: ['tag:vip'] },
					{ prefix: 'language:' }
				),
				({ dimension }) => dimension
			)
		).toEqual({
			'language:en': [0, 2, 1, 1, 1]
		});
		expect(
			total(
				await selectionCells(
					db,
					{ versionIds: [versionId], required: ['tag:vip', 'segment:2'] },
					{ dimension: EVERYONE }
				),
				() => 'all'
			)
		).toEqual({ all: [0, 1, 0, 1, 1] });
	});
});
