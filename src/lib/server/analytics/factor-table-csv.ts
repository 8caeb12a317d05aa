import Papa from 'papaparse';
import type { FactorRow, GroupReport } from '../../analytics/report';
import { neutraliseFormula } from '../../csv/write';

const columns = [
	'factor key',
	'factor',
	'stated weight share',
	'score',
	'ci low',
	'ci high',
	'top-2-box %',
	'n',
	'change vs previous period',
	'change p adjusted',
	'change significant',
	'pearson r with overall',
	'relative weight share',
	'importance gap (derived - stated share)',
	'contribution to csi'
];

/** Numbers to four decimals, as a spreadsheet reads them; a number that does not exist stays empty. */
const number = (value: number | null | undefined) =>
	typeof value === 'number' && Number.isFinite(value) ? String(Number(value.toFixed(4))) : '';

/**
 * The dashboard's factor table as CSV, with the change of the latest period against the one before.
 * Keys and names are typed by staff, so they are formula-neutralised; the numbers are ours, and a
 * negative change must stay a number.
 */
export function factorTableCsv(factors: FactorRow[], latest: GroupReport | null): string {
	const rows = factors.map((factor) => {
		const change = latest?.factorChanges[factor.key]?.score ?? null;
		return [
			neutraliseFormula(factor.key),
			neutraliseFormula(factor.name),
			number(factor.weight),
			number(factor.score),
			number(factor.ciLow),
			number(factor.ciHigh),
			number(factor.top2box),
			String(factor.n),
			number(change?.delta),
			number(change?.pAdjusted),
			change ? (change.significant ? 'yes' : 'no') : '',
			number(factor.derivedImportance),
			number(factor.relativeWeightShare),
			number(factor.importanceGap),
			number(factor.contribution)
		];
	});
	return Papa.unparse({ fields: columns, data: rows }, { newline: '\r\n' });
}
