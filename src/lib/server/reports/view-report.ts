import { and, count, inArray, lt } from 'drizzle-orm';
import { periodEnd, periodStart } from '../../analytics/periods';
import type { Change, Estimate } from '../../analytics/report';
import { activeStatuses } from '../../followups/case-model';
import { analyticsQueryFromSearchParams, type AnalyticsQuery } from '../../schemas/analytics';
import { reportGranularity, type ReportFrequency } from '../../schemas/reports';
import { csiTrend, dashboardScope } from '../analytics/dashboard';
import { sentimentReport } from '../analytics/sentiment';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { followupCases } from '../db/schema';
import { utcDay } from '../../dates';
import { scopedCases, scopedQuery, type Scope } from '../auth/scope';

/** Factors whose change a report lists: the significant ones, then the largest, at most this many. */
const MOVED_FACTORS = 5;
const NEGATIVE_COMMENTS = 5;

export type MovedFactor = { name: string; delta: number; significant: boolean };

/** What one emailed report says about one view and one complete period. */
export type ViewReport = {
	period: string;
	modelName: string | null;
	/** The view no longer works (a survey deleted, a model gone): say why instead of figures. */
	problem: string | null;
	/** The period's CSI, or null when it had no answers. */
	csi: Estimate | null;
	previous: string | null;
	change: Change | null;
	moved: MovedFactor[];
	negative: { text: string; day: string; kind: 'answer' | 'review' }[];
	cases: { open: number; overdue: number };
};

async function openCases(db: Queryable, now: Date, limit: Scope | null) {
	const active = and(inArray(followupCases.status, [...activeStatuses]), scopedCases(limit, now));
	const countOf = async (where: ReturnType<typeof and>) =>
		(await first(db.select({ n: count() }).from(followupCases).where(where)))?.n ?? 0;
	return {
		open: await countOf(active),
		overdue: await countOf(and(active, lt(followupCases.dueAt, now)))
	};
}

/** The view's filters from its stored query string; the schema checked them when subscribing. */
function queryOf(view: string): AnalyticsQuery | null {
	const parsed = analyticsQueryFromSearchParams(new URLSearchParams(view));
	return parsed.success ? parsed.data : null;
}

/**
 * The report of a view for one complete week or month: the period's CSI with its interval and n
 * against the period before, the factors that moved, the newest negative comments in it, and the
 * open follow-up cases now — all of it within the subscriber's scope (`limit`).
 */
export async function viewReport(
	db: Queryable,
	view: string,
	frequency: ReportFrequency,
	period: string,
	now: Date,
	limit: Scope | null
): Promise<ViewReport> {
	const empty = {
		period,
		modelName: null,
		csi: null,
		previous: null,
		change: null,
		moved: [],
		negative: [],
		cases: await openCases(db, now, limit)
	};
	const parsed = queryOf(view);
	if (!parsed) return { ...empty, problem: 'Its filters are no longer understood.' };
	const query = scopedQuery(parsed, limit);
	const scope = await dashboardScope(db, query);
	if (!scope.ok) return { ...empty, problem: scope.message };
	if ('empty' in scope) return { ...empty, problem: 'No survey measures a CSI model any more.' };

	const inPeriod = {
		...query,
		granularity: reportGranularity[frequency],
		from: query.from && query.from > periodStart(period) ? query.from : undefined,
		to: periodEnd(period)
	};
	const trend = await csiTrend(db, scope, inPeriod, utcDay(now));
	const group = trend.groups.find(({ key }) => key === period && key === trend.headline?.key);
	const names = Object.fromEntries(trend.factors.map(({ key, name }) => [key, name]));
	const moved = Object.entries(group?.factorChanges ?? {})
		.flatMap(([key, { score }]) =>
			score ? [{ name: names[key] ?? key, delta: score.delta, significant: score.significant }] : []
		)
		.sort(
			(a, b) =>
				Number(b.significant) - Number(a.significant) || Math.abs(b.delta) - Math.abs(a.delta)
		)
		.slice(0, MOVED_FACTORS);
	const { latestNegative } = await sentimentReport(
		db,
		{
			...inPeriod,
			surveyId: scope.surveyIds,
			from: periodStart(period),
			texts: 'both',
			reviewSource: undefined
		},
		NEGATIVE_COMMENTS
	);
	return {
		...empty,
		modelName: scope.model.name,
		problem: null,
		csi: group ? group.csi : null,
		previous: group ? (trend.headline?.previousKey ?? null) : null,
		change: group?.change ?? null,
		moved,
		negative: latestNegative.map(({ text, at, kind }) => ({ text, day: utcDay(at), kind }))
	};
}
