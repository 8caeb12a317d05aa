import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { preparedQuery } from '../db/prepared';
import { answers } from '../db/schema';
import type { DomainEvents } from '../events/domain-events';
import {
	currentKnownScorer,
	lastKnownScorer,
	sentimentColumnsFor,
	stillCurrent,
	storedWordsOf,
	type Scorer
} from './columns';

type OpenAnswer = { responseId: number; questionId: string; text: string; language: string };

/** Scores one open answer and stores its tone beside it, in the caller's transaction (its `tx`). */
export async function storeAnswerTone(
	tx: Queryable,
	answer: OpenAnswer,
	scorer: Scorer
): Promise<void> {
	await tx
		.update(answers)
		.set(sentimentColumnsFor(answer.text, answer.language, scorer))
		.where(
			and(eq(answers.responseId, answer.responseId), eq(answers.questionId, answer.questionId))
		);
}

// Every submission with an open answer runs it: prepared once per connection. Nullable JSON
// columns take text already serialised (a placeholder's null would be stored as the text 'null').
// It stores the tone only while the scorer's keywords are as they were (`stillCurrent`), and
// says so by the row it returns.
const updateTone = preparedQuery('update_answer_tone', (db) =>
	db
		.update(answers)
		.set({
			sentimentLanguage: sql`${sql.placeholder('sentimentLanguage')}`,
			sentimentLabel: sql`${sql.placeholder('sentimentLabel')}`,
			sentimentScore: sql`${sql.placeholder('sentimentScore')}`,
			sentimentComparative: sql`${sql.placeholder('sentimentComparative')}`,
			sentimentDetail: sql`${sql.placeholder('sentimentDetail')}`,
			sentimentVersion: sql`${sql.placeholder('sentimentVersion')}`
		})
		.where(
			and(
				eq(answers.responseId, sql.placeholder('responseId')),
				eq(answers.questionId, sql.placeholder('questionId')),
				stillCurrent
			)
		)
		.returning({ questionId: answers.questionId })
);

/**
 * Subscriber to `response.recorded`: the tone of every open answer, stored before anyone reads it,
 * through the dispatcher's `tx`. The scorer this process made last serves until a tone's
 * statement finds the keywords changed (here or on another node): then they are read again.
 */
export async function scoreRecordedAnswers(
	db: Queryable,
	{ responses }: DomainEvents['response.recorded']
): Promise<void> {
	let known = lastKnownScorer();
	for (const response of responses) {
		for (const { questionId, text } of response.answers) {
			if (!text) continue;
			known ??= await currentKnownScorer(db);
			const tone = sentimentColumnsFor(text, response.language, known.scorer);
			const stored = await updateTone.all(db, {
				...tone,
				sentimentDetail:
					tone.sentimentDetail === null ? null : JSON.stringify(tone.sentimentDetail),
				responseId: response.id,
				questionId,
				...storedWordsOf(known)
			});
			if (stored.length) continue;
			known = await currentKnownScorer(db);
			const answer = { responseId: response.id, questionId, text, language: response.language };
			await storeAnswerTone(db, answer, known.scorer);
		}
	}
}
