import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { saveOneClickPartials } from '../analytics/settings';
import type { Db } from '../db';
import { first } from '../db/queries';
import { answers, invitations, responses } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { getSurvey } from '../surveys/service';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { answerPage } from './answer-page';
import { countExpiredOneClickAnswers } from './expired-partials';
import { recordClick } from './one-click';
import { inviteAnna } from './test-invitations';

let db: Db;
let remove: () => Promise<void>;
let token: string;
let invitationId: number;
let modelId: number;

// After the invitation is made (now): before it, its link would not open yet.
const clicked = new Date(Date.now() + 60_000);
const hours = (n: number) => new Date(clicked.getTime() + n * 3_600_000);
const expiry = hours(24 * 30);
const changeInvitation = (values: Partial<typeof invitations.$inferInsert>) =>
	inTransaction(db, (tx) =>
		tx.update(invitations).set(values).where(eq(invitations.id, invitationId))
	);

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	modelId = (await getSurvey(db, surveyId))!.model!.id;
	token = await inviteAnna(db, surveyId);
	invitationId = (await first(db.select({ id: invitations.id }).from(invitations)))!.id;
	await changeInvitation({ expiresAt: expiry });
});
afterEach(() => remove());

const countOn = async () => {
	const saved = await saveOneClickPartials(db, modelId, true, {});
	if (!saved.ok) throw new Error(saved.message);
};
const stored = async () => ({
	responses: await db
		.select({
			id: responses.id,
			source: responses.source,
			submittedAt: responses.submittedAt,
			score: responses.score
		})
		.from(responses),
	answers: await db.select({ questionId: answers.questionId, score: answers.score }).from(answers)
});
const invitation = async () =>
	(await first(
		db
			.select({ responseId: invitations.responseId, completedAt: invitations.completedAt })
			.from(invitations)
	))!;

describe('one-click answers of links that expired unfinished', () => {
	it('count once the link expires, when the owner chose so: a response of just that answer, out of the CSI', async () => {
		expect(await recordClick(db, invitationId, { punctuality: '1' }, clicked)).toBe(true);
		expect(await countExpiredOneClickAnswers(db, hours(24 * 31))).toBe(0);

		await countOn();
		expect(await countExpiredOneClickAnswers(db, hours(24 * 29))).toBe(0);
		expect(await countExpiredOneClickAnswers(db, hours(24 * 31))).toBe(1);
		const { responses: counted, answers: rows } = await stored();
		// One factor of four is under half the model's weight: no CSI of its own.
		expect(counted).toEqual([
			{ id: expect.any(Number), source: 'one-click', submittedAt: clicked, score: null }
		]);
		expect(rows).toEqual([{ questionId: 'punctuality', score: 1 }]);
		expect(await invitation()).toEqual({ responseId: counted[0]!.id, completedAt: null });

		expect(await countExpiredOneClickAnswers(db, hours(24 * 32))).toBe(0);
		expect((await stored()).responses).toHaveLength(1);
	});

	it('count what the answer stands at: a page saved after the click replaced it', async () => {
		await countOn();
		await recordClick(db, invitationId, { punctuality: '1' }, clicked);
		const page = {
			page: '0',
			language: 'en',
			'q-punctuality': '4',
			'q-customs': '3',
			'q-safety': '5',
			'q-snacks': '4'
		};
		expect(
			await answerPage(
				db,
				token,
				(field) => (field in page ? [page[field as 'page']] : []),
				hours(1)
			)
		).toEqual({ kind: 'saved' });
		expect(await countExpiredOneClickAnswers(db, hours(24 * 31))).toBe(1);
		// Only the clicked question: the page's other answers were never sent as an answer.
		expect((await stored()).answers).toEqual([{ questionId: 'punctuality', score: 4 }]);
	});

	it('count nothing for a scanner’s burst, a finished survey, or a model whose owner did not choose it', async () => {
		await countOn();
		// A mail scanner opens every one-click link within a second: none of it counts.
		await recordClick(db, invitationId, { punctuality: '1' }, clicked);
		await recordClick(db, invitationId, { punctuality: '2' }, new Date(clicked.getTime() + 800));
		expect(await countExpiredOneClickAnswers(db, hours(24 * 31))).toBe(0);

		await recordClick(db, invitationId, { punctuality: '5' }, hours(2));
		await saveOneClickPartials(db, modelId, false, {});
		expect(await countExpiredOneClickAnswers(db, hours(24 * 31))).toBe(0);
		await countOn();
		await changeInvitation({ completedAt: hours(3) });
		expect(await countExpiredOneClickAnswers(db, hours(24 * 31))).toBe(0);
		expect((await stored()).responses).toEqual([]);
	});
});
