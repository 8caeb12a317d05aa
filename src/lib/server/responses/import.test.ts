import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addQuestion } from '../../surveys/definition';
import { recentAudit } from '../audit';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { answers, clients, csiCells, responses } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { first } from '../db/queries';
import { changeStatus, getSurvey, saveDefinition } from '../surveys/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { importedResponseCount, importResponseCsv, importResponseItems } from './import';
import { recordResponse } from './record';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let surveyId: number;
const actor = { userId: null };
const options = { actor, source: 'CSV file history.csv' };

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	await saveClients(
		db,
		[
			clientInput({ email: 'anna@example.de', language: 'de' }),
			clientInput({ email: 'bo@example.com' })
		],
		{ onExisting: 'skip', actor, source: 'test' }
	);
});
afterEach(() => remove());

const responseCount = async () => (await first(db.select({ n: count() }).from(responses)))!.n;
const clientId = async (email: string) =>
	(await first(db.select({ id: clients.id }).from(clients).where(eq(clients.email, email))))!.id;

const goodFile = [
	'submittedAt,email,language,punctuality,customs,safety,snacks,overall,improve',
	'2025-01-10,Anna@Example.de,,5,n/a,4,,4,"Late, but friendly"',
	'2025-02-03T09:15:00Z,,,2,3,4,1,2,',
	'2025-02-04,bo@example.com,,,,,,5,'
].join('\n');

describe('importing past responses from a CSV file', () => {
	it('stores every row as an imported response of the current version, with its client and answers', async () => {
		const outcome = await importResponseCsv(db, surveyId, goodFile, options);
		expect(outcome).toEqual({
			ok: true,
			imported: 3,
			anonymous: 1,
			version: 1,
			from: new Date('2025-01-10T00:00:00Z'),
			to: new Date('2025-02-04T00:00:00Z')
		});
		const stored = await db.select().from(responses).orderBy(responses.submittedAt);
		const survey = (await getSurvey(db, surveyId))!;
		expect(stored.map((r) => [r.surveyVersionId, r.clientId, r.language, r.source])).toEqual([
			[survey.versionId, await clientId('anna@example.de'), 'en', 'import'],
			[survey.versionId, null, 'en', 'import'],
			[survey.versionId, await clientId('bo@example.com'), 'en', 'import']
		]);
		const first = await db
			.select()
			.from(answers)
			.where(eq(answers.responseId, stored[0]!.id))
			.orderBy(answers.questionId);
		expect(first.map((a) => [a.questionId, a.score, a.notApplicable, a.text])).toEqual([
			['customs', null, true, null],
			['improve', null, false, 'Late, but friendly'],
			['overall', 4, false, null],
			['punctuality', 5, false, null],
			['safety', 4, false, null]
		]);
		expect(await importedResponseCount(db, surveyId)).toBe(3);
	});

	it('adds the imported answers to the dashboard’s sums of their day', async () => {
		await importResponseCsv(db, surveyId, goodFile, options);
		const days = (
			await db
				.select({ day: csiCells.day })
				.from(csiCells)
				.where(
					and(
						eq(csiCells.dimension, ''),
						eq(csiCells.surveyVersionId, (await getSurvey(db, surveyId))!.versionId)
					)
				)
		).map((row) => row.day);
		expect(days).toEqual(expect.arrayContaining(['2025-01-10', '2025-02-03', '2025-02-04']));
	});

	it('stores nothing when one row is bad, and names its line and column', async () => {
		const bad = `${goodFile}\n2025-03-01,carl@example.com,,5,,,,7,`;
		const before = await responseCount();
		const outcome = await importResponseCsv(db, surveyId, bad, options);
		expect(outcome).toMatchObject({
			ok: false,
			status: 400,
			message: 'Nothing was imported: 2 problems to fix.',
			issueCount: 2
		});
		expect(!outcome.ok && outcome.issues).toEqual([
			{
				line: 5,
				column: 'email',
				message: expect.stringContaining('No client has the email "carl@example.com"')
			},
			{
				line: 5,
				column: 'overall',
				message: '"7" is not an answer to this question: use a whole number from 1 to 5'
			}
		]);
		expect(await responseCount()).toBe(before);
		expect((await first(db.select({ n: count() }).from(csiCells)))!.n).toBe(0);
		expect((await recentAudit(db)).filter((entry) => entry.action === 'responses.import')).toEqual(
			[]
		);
	});

	it('counts lines as a text editor does, also after a cell spanning two lines', async () => {
		const file = 'date,improve,overall\n2025-01-10,"two\nlines",4\n2025-01-11,,9\n';
		const outcome = await importResponseCsv(db, surveyId, file, options);
		expect(!outcome.ok && outcome.issues).toEqual([
			{ line: 4, column: 'overall', message: expect.stringContaining('"9"') }
		]);
	});

	it('refuses a second import of the same file', async () => {
		expect((await importResponseCsv(db, surveyId, goodFile, options)).ok).toBe(true);
		const again = await importResponseCsv(db, surveyId, goodFile, options);
		expect(!again.ok && again.issues).toEqual([
			{
				line: 2,
				column: 'submittedAt',
				message:
					'This survey already has this client’s answer of 2025-01-10: was it imported before?'
			},
			{
				line: 4,
				column: 'submittedAt',
				message: expect.stringContaining('already has this client’s answer')
			}
		]);
		expect(await responseCount()).toBe(3);
	});

	it('records who imported how many, naming the survey and not the clients', async () => {
		await importResponseCsv(db, surveyId, goodFile, { actor, source: 'CSV file history.csv' });
		const [entry] = await recentAudit(db);
		expect(entry).toMatchObject({
			action: 'responses.import',
			subject: `survey:${surveyId}`,
			details: { version: 1, imported: 3, anonymous: 1, source: 'CSV file history.csv' }
		});
	});

	it('explains files it cannot read: empty, header only, too many rows, not UTF-8', async () => {
		expect(await importResponseCsv(db, surveyId, '', options)).toMatchObject({
			ok: false,
			message: expect.stringContaining('one row per respondent')
		});
		expect(await importResponseCsv(db, surveyId, 'date,overall\n', options)).toMatchObject({
			ok: false,
			message: 'The file has a header row but no responses below it.'
		});
		const huge = ['date,overall', ...Array.from({ length: 10_001 }, () => '2025-01-01,4')].join(
			'\n'
		);
		expect(await importResponseCsv(db, surveyId, huge, options)).toMatchObject({
			ok: false,
			message: expect.stringContaining('at most 10,000')
		});
		expect(
			await importResponseCsv(
				db,
				surveyId,
				new Uint8Array([0x64, 0x61, 0x74, 0x65, 0xe9, 0x0a]),
				options
			)
		).toMatchObject({ ok: false, message: expect.stringContaining('not UTF-8') });
	});

	it('imports into an earlier version when asked, and refuses unknown surveys, versions and archived surveys', async () => {
		const survey = (await getSurvey(db, surveyId))!;
		await inTransaction(db, async (tx) =>
			recordResponse(tx, {
				surveyVersionId: survey.versionId,
				definition: survey.definition,
				clientId: null,
				language: 'en',
				submittedAt: new Date(),
				answers: []
			})
		);
		const changed = addQuestion(survey.definition, 0, 'nps');
		expect(await saveDefinition(db, surveyId, changed)).toMatchObject({
			ok: true,
			newVersion: true,
			version: 2
		});

		expect(
			await importResponseCsv(db, surveyId, 'date,overall\n2025-01-10,4\n', {
				...options,
				version: 1
			})
		).toMatchObject({ ok: true, version: 1 });
		expect(
			await importResponseCsv(db, surveyId, 'date,overall\n2025-01-11,4\n', options)
		).toMatchObject({
			ok: true,
			version: 2
		});
		expect(
			await importResponseCsv(db, surveyId, 'date,overall\n2025-01-12,4\n', {
				...options,
				version: 7
			})
		).toMatchObject({ ok: false, status: 404 });
		expect(await importResponseCsv(db, 9999, goodFile, options)).toMatchObject({
			ok: false,
			status: 404,
			message: 'No such survey.'
		});
		await changeStatus(db, surveyId, 'close');
		await changeStatus(db, surveyId, 'archive');
		expect(await importResponseCsv(db, surveyId, goodFile, options)).toMatchObject({
			ok: false,
			status: 409
		});
	});
});

describe('importing past responses sent as JSON', () => {
	it('stores them all, finding clients by id or email', async () => {
		const outcome = await importResponseItems(
			db,
			surveyId,
			[
				{
					submittedAt: '2025-01-10T10:00:00Z',
					clientId: await clientId('bo@example.com'),
					answers: { punctuality: 4, customs: 'na', improve: 'Fine' }
				},
				{
					submittedAt: '2025-01-11',
					email: 'ANNA@example.de',
					language: 'en',
					answers: { overall: 5 }
				}
			],
			{ actor, source: 'API key test' }
		);
		expect(outcome).toMatchObject({ ok: true, imported: 2, anonymous: 0 });
		expect(await responseCount()).toBe(2);
	});

	it('stores nothing when one is bad, naming its index and field', async () => {
		const outcome = await importResponseItems(
			db,
			surveyId,
			[
				{ submittedAt: '2025-01-10', answers: { overall: 4 } },
				{ submittedAt: '2025-01-11', answers: { punctuality: 6 } }
			],
			{ actor, source: 'API key test' }
		);
		expect(outcome).toMatchObject({
			ok: false,
			status: 400,
			issues: [
				{
					path: ['responses', 1, 'answers', 'punctuality'],
					message: expect.stringMatching(/^responses\[1\]\.answers\.punctuality: "6"/)
				}
			]
		});
		expect(await responseCount()).toBe(0);
	});
});
