import { and, count, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../db';
import { answers, responses, reviews } from '../db/schema';
import {
	createJob,
	failInterruptedJobs,
	reportProgress,
	runJob,
	yieldToRequests
} from '../worker/jobs';
import { storeAnswerTone } from './answer-tone';
import { currentScorer, sentimentColumnsFor } from './columns';

const BATCH = 1000;

let queue: Promise<void> = Promise.resolve();

const staleAnswer = (version: string) =>
	and(
		isNotNull(answers.text),
		or(isNull(answers.sentimentVersion), ne(answers.sentimentVersion, version))
	);
const staleReview = (version: string) =>
	or(isNull(reviews.sentimentVersion), ne(reviews.sentimentVersion, version));

/** How many texts were scored by another scorer (word lists, thresholds, factor keywords) than today's. */
export function staleTexts(db: Db): number {
	const { version } = currentScorer(db);
	const stale = (n: { n: number } | undefined) => n?.n ?? 0;
	return (
		stale(db.select({ n: count() }).from(answers).where(staleAnswer(version)).get()) +
		stale(db.select({ n: count() }).from(reviews).where(staleReview(version)).get())
	);
}

/**
 * Re-scores, in the background and a batch at a time, every open answer and review whose stored
 * sentiment came from another scorer. Texts saved meanwhile are scored by today's scorer already.
 */
export function startRescore(db: Db, reason: string): { id: number; done: Promise<void> } {
	const job = createJob(db, 'sentiment', reason, staleTexts(db));
	const done = (queue = queue.then(() => runRescore(db, job.id)));
	return { id: job.id, done };
}

// Each batch takes the first stale texts left: scoring stamps them with today's version, so the next batch moves on.
function runRescore(db: Db, jobId: number): Promise<void> {
	return runJob(
		db,
		jobId,
		async () => {
			const scorer = currentScorer(db);
			let done = 0;
			for (;;) {
				const batch = db
					.select({
						responseId: answers.responseId,
						questionId: answers.questionId,
						text: answers.text,
						language: responses.language
					})
					.from(answers)
					.innerJoin(responses, eq(responses.id, answers.responseId))
					.where(staleAnswer(scorer.version))
					.limit(BATCH)
					.all();
				if (!batch.length) break;
				db.transaction((tx) => {
					for (const answer of batch)
						storeAnswerTone(tx, { ...answer, text: answer.text! }, scorer);
				});
				reportProgress(db, jobId, (done += batch.length));
				await yieldToRequests();
			}
			for (;;) {
				const batch = db
					.select({ id: reviews.id, text: reviews.text, language: reviews.language })
					.from(reviews)
					.where(staleReview(scorer.version))
					.limit(BATCH)
					.all();
				if (!batch.length) break;
				db.transaction((tx) => {
					for (const { id, text, language } of batch)
						tx.update(reviews)
							.set(sentimentColumnsFor(text, language, scorer))
							.where(eq(reviews.id, id))
							.run();
				});
				reportProgress(db, jobId, (done += batch.length));
				await yieldToRequests();
			}
		},
		{ background: 'Re-scoring sentiment' }
	);
}

let scorerInUse: string | undefined;

/** At start: re-score what an older scorer left behind, and redo a re-scoring cut short by a restart. */
export function resumeRescore(db: Db): void {
	scorerInUse = currentScorer(db).version;
	const interrupted = failInterruptedJobs(db, 'sentiment');
	if (interrupted || staleTexts(db) > 0)
		startRescore(db, interrupted ? 'Resumed after a restart' : 'The sentiment scorer changed');
}

/** Called by the worker's tick: a factor keyword edited anywhere (screen or API) re-scores the aspects. */
export function rescoreWhenKeywordsChange(db: Db): void {
	const { version } = currentScorer(db);
	if (scorerInUse === undefined || version === scorerInUse) {
		scorerInUse = version;
		return;
	}
	scorerInUse = version;
	startRescore(db, 'Factor keywords changed');
}
