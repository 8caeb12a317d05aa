import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { FactorRow, GroupReport } from '../../analytics/report';
import { factorTableCsv } from './factor-table-csv';

const row = (key: string, name: string, more: Partial<FactorRow> = {}): FactorRow => ({
	key,
	name,
	weight: 0.5,
	score: 62.5,
	top2box: 50,
	n: 40,
	ciLow: 55.123456,
	ciHigh: 69.87654,
	ciClipped: false,
	sd: 20,
	lowN: false,
	distribution: [0, 10, 10, 10, 10],
	derivedImportance: 0.61,
	relativeWeight: 0.2,
	relativeWeightShare: 0.4,
	importanceGap: -0.1,
	contribution: 31.25,
	...more
});

const latest = (factorChanges: GroupReport['factorChanges']) =>
	({ key: '2026-03', factorChanges }) as GroupReport;

describe('the factor table CSV', () => {
	it('holds every column of the table with the latest change and its corrected p-value', () => {
		const csv = factorTableCsv(
			[row('safety', 'Safety')],
			latest({
				safety: {
					score: { delta: -7.5, p: 0.01, pAdjusted: 0.03, significant: true, test: 'welch' },
					top2box: null
				}
			})
		);
		const [header, values] = Papa.parse<string[]>(csv).data;
		expect(header).toContain('contribution to csi');
		expect(values).toEqual([
			'safety',
			'Safety',
			'0.5',
			'62.5',
			'55.1235',
			'69.8765',
			'50',
			'40',
			'-7.5',
			'0.03',
			'yes',
			'0.61',
			'0.4',
			'-0.1',
			'31.25'
		]);
	});

	it('leaves numbers that do not exist empty rather than 0', () => {
		const [, values] = Papa.parse<string[]>(
			factorTableCsv([row('snacks', 'Snacks', { score: NaN, derivedImportance: null })], null)
		).data;
		expect(values![3]).toBe('');
		expect(values![8]).toBe('');
		expect(values![11]).toBe('');
	});

	it('neutralises factor names a spreadsheet would run as formulas', () => {
		const [, values] = Papa.parse<string[]>(factorTableCsv([row('x', '=cmd|calc')], null)).data;
		expect(values![1]).toBe(`'=cmd|calc`);
	});
});
