import { and, asc, eq, gt, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { respondentCsi, type FactorWeight } from '../../analytics/csi';
import {
	caseMetrics,
	recoveryRate,
	type FollowupMetrics,
	type RecoveryPair
} from '../../followups/metrics';
import { respondentScores } from '../../surveys/scores';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { scopedCases, type Scope } from '../auth/scope';
import { answers, followupCases, responses, surveys, surveyVersions } from '../db/schema';
import { getModel } from '../models/service';
import { storedDefinition } from '../surveys/stored-definition';

/** Cases opened in [from, to), or all, within a user's scope; durations and counts as of `now`. */
export type MetricsRange = { from?: Date; to?: Date; limit?: Scope | null };

/** Responses looked at per client after a resolution before giving up on finding a CSI. */
const NEXT_RESPONSES_TRIED = 5;

/**
 * The follow-up figures for the dashboard: times to first action and to resolution, the share
 * resolved within the SLA, open and overdue counts, and the recovery rate (see `responseCsi`).
 */
export async function followupMetrics(
	db: Queryable,
	range: MetricsRange = {},
	now = new Date()
): Promise<FollowupMetrics> {
	const inRange = and(
		range.from ? gte(followupCases.createdAt, range.from) : undefined,
		range.to ? lt(followupCases.createdAt, range.to) : undefined,
		scopedCases(range.limit ?? null, now)
	);
	const cases = await db.select().from(followupCases).where(inRange);
	return {
		cases: caseMetrics(cases, now),
		recovery: recoveryRate(await recoveryPairs(db, cases))
	};
}

/** Per model, its current version's weights: one weight set for both responses of a pair. */
async function weightsOfModel(
	db: Queryable,
	cache: Map<number, FactorWeight[]>,
	modelId: number
): Promise<FactorWeight[]> {
	let weights = cache.get(modelId);
	if (!weights) {
		weights =
			(await getModel(db, modelId))?.current.factors.map(({ key, weight }) => ({ key, weight })) ??
			[];
		cache.set(modelId, weights);
	}
	return weights;
}

const responseColumns = {
	id: responses.id,
	clientId: responses.clientId,
	submittedAt: responses.submittedAt,
	versionId: responses.surveyVersionId,
	modelId: surveys.modelId,
	json: sql<string>`${surveyVersions.definition}`
};

async function responseCsi(
	db: Queryable,
	response: { id: number; versionId: number; json: string },
	weights: FactorWeight[]
): Promise<number | null> {
	const rows = await db
		.select({ questionId: answers.questionId, score: answers.score })
		.from(answers)
		.where(eq(answers.responseId, response.id));
	return respondentCsi(
		weights,
		respondentScores(storedDefinition(response.versionId, response.json), rows).ratings
	);
}

/**
 * For each resolved case opened by a response with a CSI: the CSI of the client's first later
 * answer (after the resolution) to a survey on the same CSI model, both computed with the
 * model's current weights so the two are comparable. Cases without such an answer yet, from
 * reviews, or from anonymous answers have no pair.
 */
async function recoveryPairs(
	db: Queryable,
	cases: (typeof followupCases.$inferSelect)[]
): Promise<RecoveryPair[]> {
	const weightsCache = new Map<number, FactorWeight[]>();
	const pairs: RecoveryPair[] = [];
	for (const kase of cases) {
		if (
			kase.status !== 'resolved' ||
			!kase.resolvedAt ||
			kase.responseId === null ||
			kase.clientId === null
		)
			continue;
		const trigger = await first(
			db
				.select(responseColumns)
				.from(responses)
				.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
				.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
				.where(eq(responses.id, kase.responseId))
		);
		if (!trigger?.modelId) continue;
		const weights = await weightsOfModel(db, weightsCache, trigger.modelId);
		const before = await responseCsi(db, trigger, weights);
		if (before === null) continue;
		const later = await db
			.select(responseColumns)
			.from(responses)
			.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
			.innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
			.where(
				and(
					eq(responses.clientId, kase.clientId),
					gt(responses.submittedAt, kase.resolvedAt),
					isNotNull(surveys.modelId),
					eq(surveys.modelId, trigger.modelId)
				)
			)
			.orderBy(asc(responses.submittedAt), asc(responses.id))
			.limit(NEXT_RESPONSES_TRIED);
		let after: number | null = null;
		for (const response of later) {
			after = await responseCsi(db, response, weights);
			if (after !== null) break;
		}
		if (after !== null) pairs.push({ before, after });
	}
	return pairs;
}
