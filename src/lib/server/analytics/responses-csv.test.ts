import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { answerRows } from '../../surveys/answers';
import { saveClients } from '../clients/save';
import { eraseClients } from '../privacy/erasure';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { surveyVersions } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { recordResponse } from '../responses/record';
import { respond } from '../followups/test-followups';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { responsesCsv } from './responses-csv';
import type { Selection } from './selection';

let db: Db;
let remove: () => Promise<void>;
let versionId = 0;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
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
	const version = (await first(
		db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId))
	))!;
	versionId = version.id;
	const answer = (
		clientId: number | null,
		language: string,
		day: string,
		raw: Record<string, string>
	) =>
		respond(db, surveyId, {
			clientId,
			language,
			submittedAt: new Date(`${day}T09:00:00Z`),
			answers: raw
		});
	await answer(1, 'de', '2026-01-10', {
		punctuality: '5',
		customs: '4',
		safety: '5',
		snacks: '3',
		overall: '5',
		improve: '=HYPERLINK("http://evil")'
	});
	await answer(2, 'fi', '2026-01-20', {
		punctuality: '2',
		customs: 'na',
		safety: '4',
		snacks: '5',
		overall: '3'
	});
	await answer(null, 'de', '2026-02-03', {
		punctuality: '1',
		customs: '2',
		safety: '3',
		snacks: '4',
		overall: '2',
		improve: 'A long delay'
	});
});

afterEach(() => remove());

const selection = (more: Partial<Selection> = {}): Selection => ({
	versionIds: [versionId],
	required: [],
	...more
});
/** Every chunk the CSV stream yields, in order. */
async function chunksOf(stream: AsyncGenerator<string>): Promise<string[]> {
	const chunks: string[] = [];
	for await (const chunk of stream) chunks.push(chunk);
	return chunks;
}

const parsed = async (selected: Selection, batchSize?: number) =>
	Papa.parse<string[]>((await chunksOf(responsesCsv(db, selected, batchSize))).join(''), {
		skipEmptyLines: true
	}).data;

describe('the responses CSV', () => {
	it('has one row per response and one column per question, answers as the import reads them', async () => {
		const [header, ...rows] = await parsed(selection());
		expect(header).toEqual([
			'responseId',
			'submittedAt',
			'survey',
			'surveyVersion',
			'language',
			'source',
			'email',
			'punctuality',
			'customs',
			'safety',
			'snacks',
			'overall',
			'improve'
		]);
		expect(rows).toHaveLength(3);
		expect(rows[1]).toEqual([
			'2',
			'2026-01-20T09:00:00.000Z',
			'Airline CSI',
			'1',
			'fi',
			'survey',
			'bo@example.com',
			'2',
			'na',
			'4',
			'5',
			'3',
			''
		]);
		expect(rows[2]![6]).toBe('');
	});

	it('neutralises answers a spreadsheet would run as formulas', async () => {
		const [, first] = await parsed(selection());
		expect(first!.at(-1)).toBe(`'=HYPERLINK("http://evil")`);
	});

	it('keeps an erased client’s answers without their email', async () => {
		await eraseClients(db, [1], { userId: null });
		const [, first] = await parsed(selection());
		expect(first![6]).toBe('');
		expect(first![7]).toBe('5');
	});

	it('obeys the dashboard’s dates and filters', async () => {
		expect(
			(await parsed(selection({ from: '2026-01-15', to: '2026-01-31' })))
				.slice(1)
				.map((row) => row[0])
		).toEqual(['2']);
		expect(
			(await parsed(selection({ required: ['language:de'] }))).slice(1).map((row) => row[0])
		).toEqual(['1', '3']);
	});

	it('comes in batches that add up to the same file', async () => {
		const chunks = await chunksOf(responsesCsv(db, selection(), 1));
		expect(chunks).toHaveLength(1 + 3);
		expect(chunks.join('')).toBe((await chunksOf(responsesCsv(db, selection()))).join(''));
	});

	it('loses no response submitted at the same moment as the end of a batch', async () => {
		const version = (await first(
			db.select().from(surveyVersions).where(eq(surveyVersions.id, versionId))
		))!;
		const definition = surveyDefinitionSchema.parse(version.definition);
		for (let i = 0; i < 3; i++) {
			await inTransaction(db, (tx) =>
				recordResponse(tx, {
					surveyVersionId: versionId,
					definition,
					clientId: null,
					language: 'en',
					submittedAt: new Date('2026-01-10T09:00:00Z'),
					answers: answerRows(definition, { punctuality: '3' })
				})
			);
		}
		const ids = Papa.parse<string[]>((await chunksOf(responsesCsv(db, selection(), 1))).join(''), {
			skipEmptyLines: true
		})
			.data.slice(1)
			.map((row) => row[0]);
		expect(ids).toEqual(['1', '4', '5', '6', '2', '3']);
	});

	it('is only a header for a selection without surveys', async () => {
		expect(await chunksOf(responsesCsv(db, { versionIds: [], required: [] }))).toHaveLength(1);
	});
});

describe('the responses CSV of a matrix and a date', () => {
	it('has a column per matrix row, as for ratings, and the date as YYYY-MM-DD', async () => {
		// The first page's four ratings asked as one matrix, then a date question: the rows keep the
		// ratings' ids, so the answers already stored read as the matrix's.
		const version = (await first(
			db.select().from(surveyVersions).where(eq(surveyVersions.id, versionId))
		))!;
		const definition = surveyDefinitionSchema.parse(version.definition);
		const ratings = definition.pages[0]!.questions.flatMap((question) =>
			question.type === 'rating' ? [question] : []
		);
		const asMatrix = surveyDefinitionSchema.parse({
			...definition,
			pages: [
				{
					...definition.pages[0]!,
					questions: [
						{
							id: 'flight',
							type: 'matrix',
							text: { en: 'How satisfied are you with…' },
							allowNotApplicable: true,
							rows: ratings.map(({ id, factor, text }) => ({ id, factor, text }))
						},
						{ id: 'flown', type: 'date', text: { en: 'Flown on?' }, required: false }
					]
				},
				...definition.pages.slice(1)
			]
		});
		await inTransaction(db, (tx) =>
			tx
				.update(surveyVersions)
				.set({ definition: asMatrix })
				.where(eq(surveyVersions.id, versionId))
		);
		await inTransaction(db, (tx) =>
			recordResponse(tx, {
				surveyVersionId: versionId,
				definition: asMatrix,
				clientId: null,
				language: 'en',
				submittedAt: new Date('2026-02-10T09:00:00Z'),
				source: 'survey',
				answers: answerRows(asMatrix, {
					punctuality: '4',
					customs: 'na',
					safety: '5',
					snacks: '2',
					overall: '4',
					flown: '2026-02-01'
				})
			})
		);
		const [header, ...rows] = await parsed(selection());
		expect(header!.slice(7)).toEqual([
			'punctuality',
			'customs',
			'safety',
			'snacks',
			'flown',
			'overall',
			'improve'
		]);
		expect(rows.at(-1)!.slice(7)).toEqual(['4', 'na', '5', '2', '2026-02-01', '4', '']);
		expect(rows[0]!.slice(7)).toEqual(['5', '4', '5', '3', '', '5', '\'=HYPERLINK("http://evil")']);
	});
});
