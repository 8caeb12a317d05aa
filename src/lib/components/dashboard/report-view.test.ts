import { describe, expect, it } from 'vitest';
import { buildReport } from '$lib/analytics/report';
import { emptyCell } from '$lib/analytics/csi-cell';
import { reportView } from './report-view';

describe('the report as the dashboard page receives it', () => {
	it('keeps each period’s CSI, change and factor scores, not the factors’ whole rows', () => {
		const weights = [{ key: 'safety', name: 'Safety', weight: 1 }];
		const report = buildReport({
			weights,
			total: emptyCell(),
			groups: [{ key: '2026-01', cell: emptyCell() }],
			groupKind: 'time'
		});
		const view = reportView({ ...report, periods: [{ key: '2026-01', start: '2026-01-01' }] });
		expect(view.periods).toHaveLength(1);
		expect(view.groups[0]).toEqual({
			key: '2026-01',
			complete: true,
			csi: report.groups[0]!.csi,
			change: null,
			factorChanges: report.groups[0]!.factorChanges,
			factorScores: { safety: NaN }
		});
		expect(view.groups[0]).not.toHaveProperty('factors');
	});
});
