import { and, asc, desc, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import {
	dimensionsOf,
	dimensionValue,
	EVERYONE,
	type DimensionKind
} from '../../analytics/dimensions';
import { periodOf, periodStart } from '../../analytics/periods';
import { buildReport, type Report } from '../../analytics/report';
import { filterDimensions, type AnalyticsQuery } from '../../schemas/analytics';
import { surveyDefinitionSchema } from '../../schemas/survey';
import type { Queryable } from '../db';
import {
	answers,
	factors,
	responses,
	segments,
	surveys,
	surveyVersions,
	users
} from '../db/schema';
import { getModel, type ModelVersionView } from '../models/service';
import { cellsBy, selectionCells, type Selection } from './selection';
import { refuse, type Refusal } from '../../result';

export type DashboardScope = {
	model: { id: number; name: string };
	/** Every weight version of the model, newest first. */
	versions: ModelVersionView[];
	version: ModelVersionView;
	/** Surveys that measure a CSI model, for the survey filter. */
	surveys: { id: number; name: string; modelId: number }[];
	surveyIds: number[];
	surveyVersionIds: number[];
};

/**
 * Resolves which surveys and which weights a dashboard view uses. Without a choice it shows every
 * survey of the first model that has any; surveys of different models cannot be mixed, since
 * their factors differ.
 */
export function dashboardScope(
	db: Queryable,
	query: AnalyticsQuery
): ({ ok: true } & DashboardScope) | Refusal | { ok: true; empty: true } {
	const measured = db
		.select({ id: surveys.id, name: surveys.name, modelId: surveys.modelId })
		.from(surveys)
		.where(isNotNull(surveys.modelId))
		.orderBy(asc(surveys.name))
		.all() as DashboardScope['surveys'];
	const unknown = query.surveyId.filter((id) => !measured.some((survey) => survey.id === id));
	if (unknown.length)
		return refuse(404, `No survey with a CSI model has the id ${unknown.join(', ')}.`);
	const chosen = query.surveyId.length
		? measured.filter(({ id }) => query.surveyId.includes(id))
		: [];
	const modelIds = [...new Set(chosen.map(({ modelId }) => modelId))];
	if (modelIds.length > 1)
		return refuse(400, 'These surveys measure different CSI models; choose surveys of one model.');
	const modelId = modelIds[0] ?? measured[0]?.modelId;
	if (modelId === undefined) return { ok: true, empty: true };
	const model = getModel(db, modelId)!;
	const version =
		query.modelVersion === undefined
			? model.current
			: model.versions.find(({ version }) => version === query.modelVersion);
	if (!version)
		return refuse(404, `The model “${model.name}” has no version ${query.modelVersion}.`);
	const surveyIds = chosen.length
		? chosen.map(({ id }) => id)
		: measured.filter((survey) => survey.modelId === modelId).map(({ id }) => id);
	const surveyVersionIds = db
		.select({ id: surveyVersions.id })
		.from(surveyVersions)
		.where(inArray(surveyVersions.surveyId, surveyIds))
		.all()
		.map(({ id }) => id);
	return {
		ok: true,
		model: { id: model.id, name: model.name },
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

/** The headline and factor table, with one group per period (week, month or quarter). */
export function csiTrend(
	db: Queryable,
	scope: DashboardScope,
	query: AnalyticsQuery
): Report & { periods: { key: string; start: string }[] } {
	const rows = selectionCells(
		db,
		selectionOf(scope, query),
		{ dimension: EVERYONE },
		query.granularity === 'week' ? 'day' : 'month'
	);
	const total = cellsBy(rows, () => 'total').get('total');
	const byPeriod = [...cellsBy(rows, ({ day }) => periodOf(day, query.granularity))].sort(
		([a], [b]) => (a < b ? -1 : 1)
	);
	const report = buildReport({
		weights: weightsOf(scope),
		total: total ?? { patterns: {}, distribution: {}, nps: new Array(11).fill(0) },
		groups: byPeriod.map(([key, cell]) => ({ key, cell })),
		groupKind: 'time',
		correction: query.correction
	});
	return { ...report, periods: byPeriod.map(([key]) => ({ key, start: periodStart(key) })) };
}

/** One group per segment, tag, account manager or language, each tested against everyone else in the selection. */
export function csiComparison(
	db: Queryable,
	scope: DashboardScope,
	query: AnalyticsQuery,
	kind: DimensionKind
): Report & { labels: Record<string, string> } {
	const selection = selectionOf(scope, query);
	const rows = selectionCells(db, selection, { dimension: EVERYONE });
	const total = cellsBy(rows, () => 'total').get('total') ?? {
		patterns: {},
		distribution: {},
		nps: new Array(11).fill(0)
	};
	const byGroup = [
		...cellsBy(selectionCells(db, selection, { prefix: `${kind}:` }), ({ dimension }) =>
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
		labels: groupLabels(
			db,
			kind,
			byGroup.map(([key]) => key)
		)
	};
}

/** Names for group keys: segment and manager names; tags and languages name themselves. */
function groupLabels(db: Queryable, kind: DimensionKind, keys: string[]): Record<string, string> {
	const labels = Object.fromEntries(keys.map((key) => [key, key]));
	if (kind === 'segment') {
		const ids = keys.map(Number).filter(Number.isInteger);
		for (const { id, name } of ids.length
			? db
					.select({ id: segments.id, name: segments.name })
					.from(segments)
					.where(inArray(segments.id, ids))
					.all()
			: []) {
			labels[String(id)] = name;
		}
		for (const key of keys) if (labels[key] === key) labels[key] = `Deleted segment ${key}`;
	}
	if (kind === 'manager') {
		const ids = keys.filter((key) => key !== 'none');
		for (const { id, name } of ids.length
			? db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, ids))
					.all()
			: [])
			labels[id] = name;
		if ('none' in labels) labels.none = 'No account manager';
	}
	return labels;
}

export type FactorComment = {
	text: string;
	language: string;
	submittedAt: Date;
	responseId: number;
};

const mentions = (text: string, keywords: string[]) => {
	const lower = text.toLocaleLowerCase();
	return keywords.some((keyword) => lower.includes(keyword.toLocaleLowerCase()));
};

/**
 * The newest open answers about a factor — from text questions that name it, or any open answer
 * using one of its keywords — within the view's surveys, dates and filters. Reads a bounded
 * window of the newest answers, so the cost stays flat as responses grow.
 */
export function factorComments(
	db: Queryable,
	scope: DashboardScope,
	query: AnalyticsQuery,
	factorKey: string,
	limit = 50
): FactorComment[] {
	const keywords =
		db
			.select({ keywords: factors.keywords })
			.from(factors)
			.where(and(eq(factors.modelId, scope.model.id), eq(factors.key, factorKey)))
			.get()?.keywords ?? [];
	const textQuestions = db
		.select()
		.from(surveyVersions)
		.where(inArray(surveyVersions.id, scope.surveyVersionIds))
		.all()
		.flatMap(({ definition }) =>
			surveyDefinitionSchema.parse(definition).pages.flatMap((page) => page.questions)
		)
		.filter((question) => question.type === 'text');
	const namingFactor = new Set(
		textQuestions.filter((question) => question.factor === factorKey).map(({ id }) => id)
	);
	if (!textQuestions.length) return [];
	const required = filterDimensions(query);
	const candidates = db
		.select({
			text: answers.text,
			questionId: answers.questionId,
			responseId: responses.id,
			language: responses.language,
			submittedAt: responses.submittedAt,
			context: responses.context
		})
		.from(answers)
		.innerJoin(responses, eq(responses.id, answers.responseId))
		.where(
			and(
				inArray(responses.surveyVersionId, scope.surveyVersionIds),
				inArray(answers.questionId, [...new Set(textQuestions.map(({ id }) => id))]),
				isNotNull(answers.text),
				query.from ? gte(responses.submittedAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
				query.to ? lte(responses.submittedAt, new Date(`${query.to}T23:59:59.999Z`)) : undefined
			)
		)
		.orderBy(desc(responses.submittedAt))
		.limit(limit * 20)
		.all();
	return candidates
		.filter(({ text, questionId }) => namingFactor.has(questionId) || mentions(text!, keywords))
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
