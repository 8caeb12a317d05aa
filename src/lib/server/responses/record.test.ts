import { and, desc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { answers, clients, factors, followupCases, responses, surveys } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { saveSegment } from '../clients/segments';
import { addClient, addStaff } from '../followups/test-followups';
import { getSurvey } from '../surveys/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { currentScorer } from '../sentiment/columns';
import { recordResponses } from './record';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

const submittedAt = new Date();

async function record(
	clientId: number | null,
	source: 'survey' | 'import',
	rows: { questionId: string; score?: number; text?: string; choices?: string[] }[]
) {
	const survey = (await getSurvey(db, await openSurveyFromTemplate(db, 'airline-csi')))!;
	const ids = await inTransaction(db, (tx) =>
		recordResponses(tx, [
			{
				surveyVersionId: survey.versionId,
				definition: survey.definition,
				clientId,
				language: 'en',
				submittedAt,
				source,
				answers: rows.map((row) => ({
					questionId: row.questionId,
					score: row.score ?? null,
					notApplicable: false,
					text: row.text ?? null,
					choices: row.choices ?? null
				}))
			}
		])
	);
	return ids[0]!;
}

const storedTypes = async (responseId: number) =>
	await db
		.select({
			questionId: answers.questionId,
			// SQL null, not JSON's null stored as text: 'null' for the one, 'text' for any stored text.
			choices: sql<string>`case when choices is null then 'null' else 'text' end`,
			detail: sql<string>`case when sentiment_detail is null then 'null' else 'text' end`,
			label: answers.sentimentLabel
		})
		.from(answers)
		.where(eq(answers.responseId, responseId))
		.orderBy(answers.questionId);

describe('recordResponses', () => {
	it('stores missing JSON as SQL null, lists as JSON, and scores open answers', async () => {
		const id = await record(null, 'survey', [
			{ questionId: 'punctuality', score: 4 },
			{ questionId: 'improve', text: 'The crew was wonderful and very helpful' },
			{ questionId: 'snacks', choices: ['tea', 'crisps'] }
		]);
		expect(await storedTypes(id)).toEqual([
			{ questionId: 'improve', choices: 'null', detail: 'text', label: 'positive' },
			{ questionId: 'punctuality', choices: 'null', detail: 'null', label: null },
			{ questionId: 'snacks', choices: 'text', detail: 'null', label: null }
		]);
		expect(
			await first(
				db
					.select({ choices: answers.choices })
					.from(answers)
					.where(eq(answers.questionId, 'snacks'))
			)
		).toEqual({ choices: ['tea', 'crisps'] });
		const response = (await first(db.select().from(responses).where(eq(responses.id, id))))!;
		expect(response).toMatchObject({
			clientId: null,
			language: 'en',
			source: 'survey',
			submittedAt,
			context: {}
		});
	});

	it('scores an open answer with the keywords stored now, even when another node changed them', async () => {
		const toneOf = async (responseId: number) =>
			(await first(
				db
					.select({ version: answers.sentimentVersion, detail: answers.sentimentDetail })
					.from(answers)
					.where(and(eq(answers.responseId, responseId), eq(answers.questionId, 'improve')))
			))!;
		const text = [{ questionId: 'improve', text: 'The crew was wonderful and very helpful' }];
		const before = await toneOf(await record(null, 'survey', text));
		const survey = (await first(db.select().from(surveys).orderBy(desc(surveys.id))))!;
		const factor = (await first(
			db.select().from(factors).where(eq(factors.modelId, survey.modelId!))
		))!;
		// Written past this process's scorer, as another node's change would be.
		await inTransaction(db, async (tx) => {
			await tx
				.update(factors)
				.set({ keywords: ['wonderful'] })
				.where(eq(factors.id, factor.id));
		});
		const after = await toneOf(await record(null, 'survey', text));
		expect(after.version).not.toBe(before.version);
		expect(after.version).toBe((await currentScorer(db)).version);
		expect(after.detail?.aspects).toContainEqual(expect.objectContaining({ factor: factor.key }));
	});

	it('snapshots the client, marks them answered and opens a case for a live low score at once', async () => {
		await addStaff(db, 'Mark');
		const clientId = await addClient(db, 'anna@example.com', 'Mark');
		const marks = (
			await saveSegment(db, {
				name: 'Mark’s',
				filter: { accountManager: 'user-mark' },
				userId: null
			})
		).id;
		await saveSegment(db, { name: 'German', filter: { languages: ['de'] }, userId: null });
		const everyone = (await saveSegment(db, { name: 'Everyone', filter: {}, userId: null })).id;
		const id = await record(clientId, 'survey', [{ questionId: 'overall', score: 1 }]);
		expect(
			(await first(
				db.select({ context: responses.context }).from(responses).where(eq(responses.id, id))
			))!.context
		).toEqual({
			manager: 'user-mark',
			tags: [],
			segments: [marks, everyone],
			annualValue: null
		});
		expect(
			(await first(
				db.select({ at: clients.lastAnsweredAt }).from(clients).where(eq(clients.id, clientId))
			))!.at
		).toEqual(submittedAt);
		expect(
			await db
				.select({ responseId: followupCases.responseId, assigneeId: followupCases.assigneeId })
				.from(followupCases)
		).toEqual([{ responseId: id, assigneeId: 'user-mark' }]);
	});

	it('opens a case for a live open answer that reads negative, judged on its stored tone', async () => {
		const clientId = await addClient(db, 'anna@example.com');
		const id = await record(clientId, 'survey', [
			{ questionId: 'overall', score: 5 },
			{ questionId: 'improve', text: 'Terrible, rude and awful crew. The worst flight ever.' }
		]);
		expect(
			await db
				.select({ responseId: followupCases.responseId, trigger: followupCases.trigger })
				.from(followupCases)
		).toEqual([
			{
				responseId: id,
				trigger: {
					triggers: ['negativeAnswer'],
					items: [expect.objectContaining({ sentiment: 'negative', words: expect.any(Array) })]
				}
			}
		]);
		const happy = await record(clientId, 'survey', [
			{ questionId: 'overall', score: 5 },
			{ questionId: 'improve', text: 'The crew was wonderful and very helpful' }
		]);
		expect(
			await db.select().from(followupCases).where(eq(followupCases.responseId, happy))
		).toEqual([]);
	});

	it('leaves imported history alone: no case, and the client’s last answer unchanged', async () => {
		const clientId = await addClient(db, 'anna@example.com');
		await record(clientId, 'import', [{ questionId: 'overall', score: 1 }]);
		expect(await db.select().from(followupCases)).toEqual([]);
		expect(
			(await first(
				db.select({ at: clients.lastAnsweredAt }).from(clients).where(eq(clients.id, clientId))
			))!.at
		).toBeNull();
	});
});
