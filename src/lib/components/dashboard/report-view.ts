import type { GroupReport, Report } from '$lib/analytics/report';

/** A period or segment as the dashboard draws it: each factor's score, not its whole row. */
export type GroupSummary = Pick<GroupReport, 'key' | 'csi' | 'change' | 'factorChanges'> & {
	factorScores: Record<string, number>;
};

/** A report as the dashboard page receives it; weekly trends over years stay a small download. */
export type ReportView = Omit<Report, 'groups'> & { groups: GroupSummary[] };

export function reportView<R extends Report>(
	report: R
): Omit<R, 'groups'> & { groups: GroupSummary[] } {
	return {
		...report,
		groups: report.groups.map(({ key, csi, change, factorChanges, factors }) => ({
			key,
			csi,
			change,
			factorChanges,
			factorScores: Object.fromEntries(
				factors.map(({ key: factorKey, score }) => [factorKey, score])
			)
		}))
	};
}
