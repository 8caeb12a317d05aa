import { and, count, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { JobReason } from '../../jobs/job-text';
import type { Db } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
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
export async function staleTexts(db: Db): Promise<number> {
	const { version } = await currentScorer(db);
	const stale = (n: { n: number } | undefined) => n?.n ?? 0;
	return (
		stale(await first(db.select({ n: count() }).from(answers).where(staleAnswer(version)))) +
		stale(await first(db.select({ n: count() }).from(reviews).where(staleReview(version))))
	);
}

/**
 * Re-scores, in the background and a batch at a time, every open answer and review whose stored
 * sentiment came from another scorer. Texts saved meanwhile are scored by today's scorer already.
 */
export async function startRescore(
	db: Db,
	reason: JobReason
): Promise<{ id: number; done: Promise<void> }> {
	const total = await staleTexts(db);
	const job = await inTransaction(
		db,
		async (tx) => await createJob(tx, 'sentiment', reason, total)
	);
	const done = (queue = queue.then(() => runRescore(db, job.id)));
	return { id: job.id, done };
}

// Each batch takes the first stale texts left: scoring stamps them with today's version, so the next batch moves on.
function runRescore(db: Db, jobId: number): Promise<void> {
	return runJob(
		db,
		jobId,
		async () => {
			const scorer = await currentScorer(db);
			let done = 0;
			// Each batch is read in the transaction that scores it, with its progress.
			for (;;) {
				const scored = await inTransaction(db, async (tx) => {
					const batch = await tx
						.select({
							responseId: answers.responseId,
							questionId: answers.questionId,
							text: answers.text,
							language: responses.language
						})
						.from(answers)
						.innerJoin(responses, eq(responses.id, answers.responseId))
						.where(staleAnswer(scorer.version))
						.limit(BATCH);
					for (const answer of batch)
						await storeAnswerTone(tx, { ...answer, text: answer.text! }, scorer);
					if (batch.length) await reportProgress(tx, jobId, (done += batch.length));
					return batch.length;
				});
				if (!scored) break;
				await yieldToRequests();
			}
			for (;;) {
				const scored = await inTransaction(db, async (tx) => {
					const batch = await tx
						.select({ id: reviews.id, text: reviews.text, language: reviews.language })
						.from(reviews)
						.where(staleReview(scorer.version))
						.limit(BATCH);
					for (const { id, text, language } of batch)
						await tx
							.update(reviews)
							.set(sentimentColumnsFor(text, language, scorer))
							.where(eq(reviews.id, id));
					if (batch.length) await reportProgress(tx, jobId, (done += batch.length));
					return batch.length;
				});
				if (!scored) break;
				await yieldToRequests();
			}
		},
		{ background: 'Re-scoring sentiment' }
	);
}

let scorerInUse: string | undefined;

/** Redoes a re-scoring that a node which stopped or died cut short; true when there was one. */
export async function takeOverRescore(db: Db): Promise<boolean> {
	const interrupted = (await failInterruptedJobs(db, 'sentiment')).length > 0;
	if (interrupted) await startRescore(db, { code: 'resumed' });
	return interrupted;
}

/** At start: redo a re-scoring cut short by a restart, and re-score what an older scorer left behind. */
export async function resumeRescore(db: Db): Promise<void> {
	scorerInUse = (await currentScorer(db)).version;
	if (!(await takeOverRescore(db)) && (await staleTexts(db)) > 0)
		await startRescore(db, { code: 'scorerChanged' });
}

/** Called by the worker's tick: a factor keyword or topic edited anywhere (screen or API) re-scores the aspects and topics. */
export async function rescoreWhenKeywordsChange(db: Db): Promise<void> {
	const { version } = await currentScorer(db);
	if (scorerInUse === undefined || version === scorerInUse) {
		scorerInUse = version;
		return;
	}
	scorerInUse = version;
	await startRescore(db, { code: 'keywordsChanged' });
}
