import { and, count, eq, gt, inArray, isNull, max, ne, or, sql, type SQL } from 'drizzle-orm';
import type { FactorWeight } from '../../analytics/csi';
import type { JobReason } from '../../jobs/job-text';
import { responseScore } from '../../responses/response-score';
import type { AnswerRow } from '../../surveys/answers';
import type { Db, Queryable } from '../db';
import { preparedQuery, preparedWrite } from '../db/prepared';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import {
	answers,
	factors,
	factorWeights,
	modelVersions,
	responses,
	surveys,
	surveyVersions
} from '../db/schema';
import type { DomainEvents } from '../events/domain-events';
import { storedDefinition } from '../surveys/stored-definition';
import {
	createJob,
	failInterruptedJobs,
	latestJob,
	reportProgress,
	runJob,
	yieldToRequests,
	type Job
} from '../worker/jobs';

/**
 * What a survey version's responses are scored with now: the current weights of its survey's
 * model, or none. `id` is what `responses.score_basis` records: the model version's id, or
 * NO_MODEL.
 */
type Basis = { id: number; weights: FactorWeight[] | null };

const NO_MODEL = 0;

// The current version of a model is its highest; every submission reads its weights.
const currentVersionOf = (modelId: SQL | typeof surveys.modelId) =>
	sql`(select max(version) from model_versions where model_id = ${modelId})`;

const currentWeights = preparedQuery('current_weights', (db) =>
	db
		.select({ basis: modelVersions.id, key: factors.key, weight: factorWeights.weight })
		.from(surveyVersions)
		.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
		.innerJoin(
			modelVersions,
			and(
				eq(modelVersions.modelId, surveys.modelId),
				eq(modelVersions.version, currentVersionOf(surveys.modelId))
			)
		)
		.innerJoin(factorWeights, eq(factorWeights.versionId, modelVersions.id))
		.innerJoin(factors, eq(factors.id, factorWeights.factorId))
		.where(eq(surveyVersions.id, sql.placeholder('surveyVersionId')))
);

async function basisOf(db: Queryable, surveyVersionId: number): Promise<Basis> {
	const rows = await currentWeights.all(db, { surveyVersionId });
	if (!rows.length) return { id: NO_MODEL, weights: null };
	return { id: rows[0]!.basis, weights: rows.map(({ key, weight }) => ({ key, weight })) };
}

const storeScore = preparedWrite('store_response_score', (db) =>
	db
		.update(responses)
		.set({
			score: sql`${sql.placeholder('score')}`,
			scoreBasis: sql`${sql.placeholder('basis')}`
		})
		.where(eq(responses.id, sql.placeholder('id')))
);

/** Subscriber to `response.recorded`: each response's score, stored with it for the inbox's filter. */
export async function scoreRecordedResponses(
	db: Queryable,
	{ responses: recorded }: DomainEvents['response.recorded']
): Promise<void> {
	const bases = new Map<number, Basis>();
	for (const response of recorded) {
		let basis = bases.get(response.surveyVersionId);
		if (!basis)
			bases.set(response.surveyVersionId, (basis = await basisOf(db, response.surveyVersionId)));
		await storeScore(db, {
			id: response.id,
			score: responseScore(response.definition, response.answers, basis.weights),
			basis: basis.id
		});
	}
}

/**
 * Responses whose score was made with other weights than their model's current ones (a new
 * weight version since), or not made yet (recorded before scores were stored).
 */
async function staleScores(db: Queryable): Promise<SQL> {
	const versions = await db
		.select({
			id: surveyVersions.id,
			basis: sql<
				number | null
			>`(select ${modelVersions.id} from ${modelVersions} where ${modelVersions.modelId} = ${surveys.modelId} and ${modelVersions.version} = ${currentVersionOf(surveys.modelId)})`
		})
		.from(surveyVersions)
		.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId));
	const byBasis = new Map<number, number[]>();
	for (const { id, basis } of versions)
		byBasis.set(basis ?? NO_MODEL, [...(byBasis.get(basis ?? NO_MODEL) ?? []), id]);
	return or(
		isNull(responses.scoreBasis),
		...[...byBasis].map(([basis, versionIds]) =>
			and(inArray(responses.surveyVersionId, versionIds), ne(responses.scoreBasis, basis))
		)
	)!;
}

export async function staleScoreCount(db: Queryable): Promise<number> {
	const stale = await staleScores(db);
	return (await first(db.select({ n: count() }).from(responses).where(stale)))?.n ?? 0;
}

// Small enough that a batch is read, scored and written in a few milliseconds between requests.
const BATCH = 500;

/**
 * Scores the next stale responses after `afterId` with today's weights, in one transaction so a
 * weight change cannot fall between reading the weights and writing the scores. Returns the last
 * id looked at, or null when none is left.
 */
async function refreshBatch(
	db: Db,
	afterId: number
): Promise<{ lastId: number; scored: number } | null> {
	return inTransaction(db, async (tx) => {
		const stale = await staleScores(tx);
		const batch = await tx
			.select({ id: responses.id, surveyVersionId: responses.surveyVersionId })
			.from(responses)
			.where(and(gt(responses.id, afterId), stale))
			.orderBy(responses.id)
			.limit(BATCH);
		if (!batch.length) return null;
		const rowsOf = new Map<number, Pick<AnswerRow, 'questionId' | 'score'>[]>();
		for (const row of await tx
			.select({
				responseId: answers.responseId,
				questionId: answers.questionId,
				score: answers.score
			})
			.from(answers)
			.where(
				inArray(
					answers.responseId,
					batch.map(({ id }) => id)
				)
			))
			rowsOf.set(row.responseId, [...(rowsOf.get(row.responseId) ?? []), row]);
		const versions = new Map<number, Awaited<ReturnType<typeof versionScoring>>>();
		for (const { id, surveyVersionId } of batch) {
			let version = versions.get(surveyVersionId);
			if (!version)
				versions.set(surveyVersionId, (version = await versionScoring(tx, surveyVersionId)));
			await storeScore(tx, {
				id,
				score: responseScore(version.definition, rowsOf.get(id) ?? [], version.basis.weights),
				basis: version.basis.id
			});
		}
		return { lastId: batch.at(-1)!.id, scored: batch.length };
	});
}

async function versionScoring(db: Queryable, surveyVersionId: number) {
	const { json } = (await first(
		db
			.select({ json: sql<string>`${surveyVersions.definition}` })
			.from(surveyVersions)
			.where(eq(surveyVersions.id, surveyVersionId))
	))!;
	return {
		definition: storedDefinition(surveyVersionId, json),
		basis: await basisOf(db, surveyVersionId)
	};
}

let queue: Promise<void> = Promise.resolve();

/**
 * Recomputes, in the background and a batch at a time, every score made with other weights than
 * today's. Responses recorded meanwhile are scored with today's weights already.
 */
export async function startScoreRefresh(
	db: Db,
	reason: JobReason
): Promise<{ id: number; done: Promise<void> }> {
	const job = await createJob(db, 'scores', reason, await staleScoreCount(db));
	const done = (queue = queue.then(() =>
		runJob(
			db,
			job.id,
			async () => {
				let done = 0;
				for (
					let next = await refreshBatch(db, 0);
					next;
					next = await refreshBatch(db, next.lastId)
				) {
					await reportProgress(db, job.id, (done += next.scored));
					await yieldToRequests();
				}
			},
			{ background: 'Recomputing response scores' }
		)
	));
	return { id: job.id, done };
}

/** The newest refresh, for the inbox to say its scores are being brought up to date. */
export async function latestScoreRefresh(db: Db): Promise<Job | null> {
	return latestJob(db, 'scores');
}

// Weight versions are only ever added: a higher newest id means new weights somewhere.
const newestWeights = async (db: Queryable) =>
	(await first(db.select({ id: max(modelVersions.id) }).from(modelVersions)))?.id ?? 0;
const weightsInUse = new WeakMap<Db, number>();

/** At start: scores what an interrupted refresh or older data left stale. */
export async function resumeScoreRefresh(db: Db): Promise<void> {
	weightsInUse.set(db, await newestWeights(db));
	if (!(await takeOverScoreRefresh(db)) && (await staleScoreCount(db)) > 0)
		await startScoreRefresh(db, { code: 'scoresStale' });
}

/** Redoes a score refresh that a node which stopped or died cut short; true when there was one. */
export async function takeOverScoreRefresh(db: Db): Promise<boolean> {
	const interrupted = (await failInterruptedJobs(db, 'scores')).length > 0;
	if (interrupted) await startScoreRefresh(db, { code: 'resumed' });
	return interrupted;
}

/** Called by a periodic task: new weights saved anywhere (screen or API) refresh the scores. */
export async function refreshScoresWhenWeightsChange(db: Db): Promise<void> {
	const newest = await newestWeights(db);
	const inUse = weightsInUse.get(db);
	weightsInUse.set(db, newest);
	if (inUse !== undefined && inUse !== newest)
		await startScoreRefresh(db, { code: 'weightsChanged' });
}
