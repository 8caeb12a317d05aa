import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { answers } from '../db/schema';
import type { DomainEvents } from '../events/domain-events';
import { currentScorer, sentimentColumnsFor, type Scorer } from './columns';

type OpenAnswer = { responseId: number; questionId: string; text: string; language: string };

/** Scores one open answer and stores its tone beside it. */
export function storeAnswerTone(db: Queryable, answer: OpenAnswer, scorer: Scorer): void {
	db.update(answers)
		.set(sentimentColumnsFor(answer.text, answer.language, scorer))
		.where(
			and(eq(answers.responseId, answer.responseId), eq(answers.questionId, answer.questionId))
		)
		.run();
}

/** Subscriber to `response.recorded`: the tone of every open answer, stored before anyone reads it. */
export function scoreRecordedAnswers(
	db: Queryable,
	{ responses }: DomainEvents['response.recorded']
): void {
	let scorer: Scorer | undefined;
	for (const response of responses) {
		for (const { questionId, text } of response.answers) {
			if (!text) continue;
			scorer ??= currentScorer(db);
			storeAnswerTone(
				db,
				{ responseId: response.id, questionId, text, language: response.language },
				scorer
			);
		}
	}
}
