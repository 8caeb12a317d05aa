import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import {
	dimensionsOf,
	dimensionValue,
	EVERYONE,
	type DimensionKind
} from '../../analytics/dimensions';
import { emptyCell } from '../../analytics/csi-cell';
import {
	periodCoverage,
	periodOf,
	periodsBetween,
	periodStart,
	type PartialPeriod
} from '../../analytics/periods';
import { buildReport, type Report } from '../../analytics/report';
import { filterDimensions, type AnalyticsQuery } from '../../schemas/analytics';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { mentionedFactors, type FactorKeywords } from '../../sentiment';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import {
	answers,
	csiModels,
	factors,
	responses,
	segments,
	surveys,
	surveyVersions,
	users
} from '../db/schema';
import { getModel, type ModelVersionView } from '../models/service';
import { cellsBy, selectionCells, type Selection } from './selection';
import * as m from '../../paraglide/messages';
import { refuse, type Refusal } from '../../result';
import { utcDay } from '../../dates';

/** A model some survey measures, with the day of its newest response, for the model chooser. */
export type MeasuredModel = { id: number; name: string; latestResponseAt: string | null };

/** Why the view shows its model: the API answer and the page both say it. */
export type ModelChoice = {
	by: 'surveys' | 'request' | 'latest-responses' | 'oldest-model';
	reason: string;
};

export type DashboardScope = {
	model: { id: number; name: string };
	chosen: ModelChoice;
	/** Every model a survey measures, newest responses first; the page offers a chooser when several have answers. */
	models: MeasuredModel[];
	/** Every weight version of the model, newest first. */
	versions: ModelVersionView[];
	version: ModelVersionView;
	/** Surveys that measure a CSI model, for the survey filter. */
	surveys: { id: number; name: string; modelId: number }[];
	surveyIds: number[];
	surveyVersionIds: number[];
};

/**
 * Every measured model with the day of its newest response. Each survey version's newest response
 * is one step down the (version, submitted) index, so this stays cheap at millions of responses.
 */
async function measuredModels(db: Queryable): Promise<MeasuredModel[]> {
	const latestOfVersion = sql<
		number | null
	>`(select max(${responses.submittedAt}) from ${responses} where ${responses.surveyVersionId} = ${surveyVersions.id})`;
	const rows = await db
		.select({ id: csiModels.id, name: csiModels.name, latest: latestOfVersion })
		.from(csiModels)
		.innerJoin(surveys, eq(surveys.modelId, csiModels.id))
		.leftJoin(surveyVersions, eq(surveyVersions.surveyId, surveys.id));
	const models = new Map<number, MeasuredModel & { latest: number | null }>();
	for (const { id, name, latest } of rows) {
		const known = models.get(id) ?? { id, name, latestResponseAt: null, latest: null };
		if (latest !== null && (known.latest === null || latest > known.latest)) known.latest = latest;
		models.set(id, known);
	}
	// Newest responses first; models without any after them, oldest first, so a new one never leads.
	return [...models.values()]
		.sort((a, b) => (b.latest ?? -Infinity) - (a.latest ?? -Infinity) || a.id - b.id)
		.map(({ id, name, latest }) => ({
			id,
			name,
			latestResponseAt: latest === null ? null : utcDay(latest)
		}));
}

/**
 * Which model a view shows: the chosen surveys' model, else the model asked for, else the model
 * whose surveys have the newest responses (else the oldest model). Creating a survey or a model
 * never changes it, so the owner's dashboard does not jump to an empty draft.
 */
function chooseModel(
	models: MeasuredModel[],
	fromSurveys: number | undefined,
	requested: number | undefined
): ({ ok: true; modelId: number; chosen: ModelChoice } | Refusal) | null {
	if (fromSurveys !== undefined)
		return {
			ok: true,
			modelId: fromSurveys,
			chosen: { by: 'surveys', reason: m.dashboard_chosen_surveys_reason() }
		};
	if (requested !== undefined) {
		if (!models.some(({ id }) => id === requested))
			return refuse(404, m.dashboard_model_id_unknown_refused({ id: requested }));
		return {
			ok: true,
			modelId: requested,
			chosen: { by: 'request', reason: m.dashboard_chosen_request_reason() }
		};
	}
	const [first] = models;
	if (!first) return null;
	return {
		ok: true,
		modelId: first.id,
		chosen: first.latestResponseAt
			? {
					by: 'latest-responses',
					reason: m.dashboard_chosen_latest_reason({ date: first.latestResponseAt })
				}
			: { by: 'oldest-model', reason: m.dashboard_chosen_oldest_reason() }
	};
}

/**
 * Resolves which surveys and which weights a dashboard view uses. Surveys of different models
 * cannot be mixed, since their factors differ.
 */
export async function dashboardScope(
	db: Queryable,
	query: AnalyticsQuery
): Promise<({ ok: true } & DashboardScope) | Refusal | { ok: true; empty: true }> {
	const measured = (await db
		.select({ id: surveys.id, name: surveys.name, modelId: surveys.modelId })
		.from(surveys)
		.where(isNotNull(surveys.modelId))
		.orderBy(asc(surveys.name))) as DashboardScope['surveys'];
	const unknown = query.surveyId.filter((id) => !measured.some((survey) => survey.id === id));
	if (unknown.length)
		return refuse(404, m.dashboard_survey_ids_unknown_refused({ ids: unknown.join(', ') }));
	const chosenSurveys = query.surveyId.length
		? measured.filter(({ id }) => query.surveyId.includes(id))
		: [];
	const modelIds = [...new Set(chosenSurveys.map(({ modelId }) => modelId))];
	if (modelIds.length > 1) return refuse(400, m.dashboard_mixed_models_refused());
	const models = await measuredModels(db);
	const choice = chooseModel(models, modelIds[0], query.modelId);
	if (choice === null) return { ok: true, empty: true };
	if (!choice.ok) return choice;
	const model = (await getModel(db, choice.modelId))!;
	const version =
		query.modelVersion === undefined
			? model.current
			: model.versions.find(({ version }) => version === query.modelVersion);
	if (!version)
		return refuse(
			404,
			m.dashboard_model_version_unknown_refused({
				name: model.name,
				version: String(query.modelVersion)
			})
		);
	const surveyIds = chosenSurveys.length
		? chosenSurveys.map(({ id }) => id)
		: measured.filter((survey) => survey.modelId === model.id).map(({ id }) => id);
	const surveyVersionIds = (
		await db
			.select({ id: surveyVersions.id })
			.from(surveyVersions)
			.where(inArray(surveyVersions.surveyId, surveyIds))
	).map(({ id }) => id);
	return {
		ok: true,
		model: { id: model.id, name: model.name },
		chosen: choice.chosen,
		models,
		versions: model.versions,
		version,
		surveys: measured,
		surveyIds,
		surveyVersionIds
	};
}

const selectionOf = (scope: DashboardScope, query: AnalyticsQuery): Selection => ({
	versionIds: scope.surveyVersionIds,
	from: query.from,
	to: query.to,
	required: filterDimensions(query)
});

const weightsOf = (scope: DashboardScope) =>
	scope.version.factors.map(({ key, name, weight }) => ({ key, name, weight }));

/**
 * The headline and factor table, with one group per period (week, month or quarter) from the
 * first answered period to the last, empty ones included, so a gap stays a gap. Periods are
 * judged complete against `today`: the running one is shown "so far" and never tested.
 */
export async function csiTrend(
	db: Queryable,
	scope: DashboardScope,
	query: AnalyticsQuery,
	today: string = utcDay(Date.now())
): Promise<Report & { periods: { key: string; start: string }[]; partial: PartialPeriod | null }> {
	const rows = await selectionCells(
		db,
		selectionOf(scope, query),
		{ dimension: EVERYONE },
		query.granularity === 'week' ? 'day' : 'month'
	);
	const total = cellsBy(rows, () => 'total').get('total');
	const byPeriod = cellsBy(rows, ({ day }) => periodOf(day, query.granularity));
	const answered = [...byPeriod.keys()].sort();
	const keys = answered.length
		? periodsBetween(answered[0]!, answered.at(-1)!, query.granularity)
		: [];
	const coverage = { today, from: query.from, to: query.to };
	const report = buildReport({
		weights: weightsOf(scope),
		total: total ?? emptyCell(),
		groups: keys.map((key) => ({
			key,
			cell: byPeriod.get(key) ?? emptyCell(),
			complete: periodCoverage(key, coverage).complete
		})),
		groupKind: 'time',
		correction: query.correction
	});
	const last = keys.at(-1);
	const lastCoverage = last ? periodCoverage(last, coverage) : null;
	return {
		...report,
		periods: keys.map((key) => ({ key, start: periodStart(key) })),
		partial:
			last && lastCoverage && !lastCoverage.complete
				? {
						key: last,
						running: lastCoverage.running,
						days: lastCoverage.days,
						daysCovered: lastCoverage.daysCovered
					}
				: null
	};
}

/** One group per segment, tag, account manager or language, each tested against everyone else in the selection. */
export async function csiComparison(
	db: Queryable,
	scope: DashboardScope,
	query: AnalyticsQuery,
	kind: DimensionKind
): Promise<Report & { labels: Record<string, string> }> {
	const selection = selectionOf(scope, query);
	const rows = await selectionCells(db, selection, { dimension: EVERYONE });
	const total = cellsBy(rows, () => 'total').get('total') ?? emptyCell();
	const byGroup = [
		...cellsBy(await selectionCells(db, selection, { prefix: `${kind}:` }), ({ dimension }) =>
			dimensionValue(kind, dimension)!
		)
	].sort(([a], [b]) => (a < b ? -1 : 1));
	const report = buildReport({
		weights: weightsOf(scope),
		total,
		groups: byGroup.map(([key, cell]) => ({ key, cell })),
		groupKind: 'segment',
		correction: query.correction
	});
	return {
		...report,
		labels: await groupLabels(
			db,
			kind,
			byGroup.map(([key]) => key)
		)
	};
}

/** Names for group keys: segment and manager names; tags and languages name themselves. */
async function groupLabels(
	db: Queryable,
	kind: DimensionKind,
	keys: string[]
): Promise<Record<string, string>> {
	const labels = Object.fromEntries(keys.map((key) => [key, key]));
	if (kind === 'segment') {
		const ids = keys.map(Number).filter(Number.isInteger);
		for (const { id, name } of ids.length
			? await db
					.select({ id: segments.id, name: segments.name })
					.from(segments)
					.where(inArray(segments.id, ids))
			: []) {
			labels[String(id)] = name;
		}
		for (const key of keys)
			if (labels[key] === key) labels[key] = m.dashboard_deleted_segment_label({ id: key });
	}
	if (kind === 'manager') {
		const ids = keys.filter((key) => key !== 'none');
		for (const { id, name } of ids.length
			? await db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, ids))
			: [])
			labels[id] = name;
		if ('none' in labels) labels.none = m.dashboard_filters_no_manager();
	}
	return labels;
}

export type FactorComment = {
	text: string;
	language: string;
	submittedAt: Date;
	responseId: number;
};

type AnsweringResponse = Pick<
	typeof responses.$inferSelect,
	'language' | 'submittedAt' | 'context'
> & { responseId: number };
type Candidate = AnsweringResponse & { questionId: string; text: string | null };

/** Responses read per step of `newestAnswers`, and in all at most, per answer wanted. */
const RESPONSES_PER_PAGE = 2000;
const RESPONSES_PER_ANSWER = 20;

/**
 * Up to `window` of a survey version's newest answers to the given questions, within the query's
 * dates, newest first. Steps through the responses newest first, a page at a time along the
 * (version, submitted) index, and reads the answers of each page by response id: the plan is the
 * same on both engines, where one join left PostgreSQL to guess how many responses hold an open
 * answer, and its guess (most answers of a text question are empty) made it sort the whole range.
 * Reads at most RESPONSES_PER_ANSWER responses per answer wanted, so the cost stays flat.
 */
export async function newestAnswers(
	db: Queryable,
	versionId: number,
	questionIds: string[],
	query: AnalyticsQuery,
	window: number,
	pageSize = RESPONSES_PER_PAGE
): Promise<Candidate[]> {
	const found: Candidate[] = [];
	let after: { submittedAt: Date; id: number } | null = null;
	for (let read = 0; found.length < window && read < window * RESPONSES_PER_ANSWER;) {
		const page: AnsweringResponse[] = await db
			.select({
				responseId: responses.id,
				language: responses.language,
				submittedAt: responses.submittedAt,
				context: responses.context
			})
			.from(responses)
			.where(
				and(
					eq(responses.surveyVersionId, versionId),
					query.from ? gte(responses.submittedAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
					query.to ? lte(responses.submittedAt, new Date(`${query.to}T23:59:59.999Z`)) : undefined,
					after
						? or(
								lt(responses.submittedAt, after.submittedAt),
								and(eq(responses.submittedAt, after.submittedAt), lt(responses.id, after.id))
							)
						: undefined
				)
			)
			.orderBy(desc(responses.submittedAt), desc(responses.id))
			.limit(pageSize);
		if (!page.length) break;
		read += page.length;
		const texts = await db
			.select({
				responseId: answers.responseId,
				questionId: answers.questionId,
				text: answers.text
			})
			.from(answers)
			.where(
				and(
					inArray(
						answers.responseId,
						page.map(({ responseId }) => responseId)
					),
					inArray(answers.questionId, questionIds),
					isNotNull(answers.text)
				)
			);
		// Map.groupBy needs Node 21.
		const byResponse = new Map<number, typeof texts>();
		for (const text of texts) {
			const ofResponse = byResponse.get(text.responseId);
			if (ofResponse) ofResponse.push(text);
			else byResponse.set(text.responseId, [text]);
		}
		for (const response of page)
			for (const { questionId, text } of byResponse.get(response.responseId) ?? [])
				found.push({ ...response, questionId, text });
		if (page.length < pageSize) break;
		const last = page.at(-1)!;
		after = { submittedAt: last.submittedAt, id: last.responseId };
	}
	return found.slice(0, window);
}

/**
 * The newest open answers about a factor — from text questions that name it, or any open answer
 * using one of its keywords — within the view's surveys, dates and filters. Reads a bounded
 * window of the newest answers, so the cost stays flat as responses grow.
 */
export async function factorComments(
	db: Queryable,
	scope: DashboardScope,
	query: AnalyticsQuery,
	factorKey: string,
	limit = 50
): Promise<FactorComment[]> {
	const factor: FactorKeywords = [
		(await first(
			db
				.select({
					key: factors.key,
					keywords: factors.keywords,
					byLanguage: factors.keywordsByLanguage
				})
				.from(factors)
				.where(and(eq(factors.modelId, scope.model.id), eq(factors.key, factorKey)))
		)) ?? { key: factorKey, keywords: [] }
	];
	const textQuestions = (
		await db.select().from(surveyVersions).where(inArray(surveyVersions.id, scope.surveyVersionIds))
	)
		.flatMap(({ definition }) =>
			surveyDefinitionSchema.parse(definition).pages.flatMap((page) => page.questions)
		)
		.filter((question) => question.type === 'text');
	const namingFactor = new Set(
		textQuestions.filter((question) => question.factor === factorKey).map(({ id }) => id)
	);
	if (!textQuestions.length) return [];
	const required = filterDimensions(query);
	const window = limit * 20;
	const questionIds = [...new Set(textQuestions.map(({ id }) => id))];
	const perVersion: Candidate[][] = [];
	for (const versionId of scope.surveyVersionIds)
		perVersion.push(await newestAnswers(db, versionId, questionIds, query, window));
	const candidates = perVersion
		.flat()
		.sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
		.slice(0, window);
	return candidates
		.filter(
			({ text, questionId, language }) =>
				namingFactor.has(questionId) || mentionedFactors(text!, language, factor).length > 0
		)
		.filter(({ context, language }) =>
			required.every((dimension) => dimensionsOf(context, language).includes(dimension))
		)
		.slice(0, limit)
		.map(({ text, responseId, language, submittedAt }) => ({
			text: text!,
			responseId,
			language,
			submittedAt
		}));
}
