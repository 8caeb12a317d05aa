import type { PartialPeriod } from '$lib/analytics/periods';
import type { GroupReport, Report } from '$lib/analytics/report';

/** A period or segment as the dashboard draws it: each factor's score, not its whole row. */
export type GroupSummary = Pick<
	GroupReport,
	'key' | 'complete' | 'csi' | 'change' | 'factorChanges'
> & {
	factorScores: Record<string, number>;
};

/** A report as the dashboard page receives it; weekly trends over years stay a small download. */
export type ReportView = Omit<Report, 'groups'> & { groups: GroupSummary[] };

/** A trend as the dashboard page receives it: the report plus the running (or cut) last period. */
export type TrendView = ReportView & { partial: PartialPeriod | null };

export function reportView<R extends Report>(
	report: R
): Omit<R, 'groups'> & { groups: GroupSummary[] } {
	return {
		...report,
		groups: report.groups.map(({ key, complete, csi, change, factorChanges, factors }) => ({
			key,
			complete,
			csi,
			change,
			factorChanges,
			factorScores: Object.fromEntries(
				factors.map(({ key: factorKey, score }) => [factorKey, score])
			)
		}))
	};
}
