import Papa from 'papaparse';
import * as m from '../paraglide/messages';
import { columnName } from './header-mapping';
import { neutraliseFormula } from './write';

/**
 * A problem in an uploaded file, where the person who fixes it looks: the line as a text editor
 * numbers it, and the column by its header (or by the field's label when no column holds it).
 */
export type RowIssue = { line: number; column: string; message: string };

/** An issue and the index of its column, so that a row's issues can be listed left to right. */
export type PlacedIssue = RowIssue & { position: number };

/** Issues by line and, within a line, left to right, as a person reads the file. */
export function inReadingOrder(issues: PlacedIssue[]): RowIssue[] {
	return issues.sort((a, b) => a.line - b.line || a.position - b.position).map(unplaced);
}

/** The issue as it is stored and shown, without the column index it was sorted by. */
export function unplaced({ line, column, message }: RowIssue): RowIssue {
	return { line, column, message };
}

/**
 * A row with filled cells beyond the header's last column, which usually means a cell holds the
 * separator without quotes; null for a row that fits (empty cells after the last column are
 * written by some spreadsheets and do no harm).
 */
export function extraCellIssue(
	cells: string[],
	headers: string[],
	line: number
): PlacedIssue | null {
	const extra = cells.findIndex((cell, index) => index >= headers.length && cell.trim() !== '');
	if (extra === -1) return null;
	return {
		line,
		position: extra,
		column: columnName(headers, extra),
		message: m.csv_extra_cells({ cells: cells.length, headers: headers.length })
	};
}

/** What the uploader wrote, cut short enough to quote in a message. */
export function shortened(value: string): string {
	return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

/** A CSV of every issue, to open in a spreadsheet next to the uploaded file. */
export function errorReportCsv(issues: RowIssue[]): string {
	return Papa.unparse(
		{
			fields: [m.csv_report_line(), m.csv_report_column(), m.csv_report_message()],
			data: issues.map((issue) =>
				[String(issue.line), issue.column, issue.message].map(neutraliseFormula)
			)
		},
		{ newline: '\r\n' }
	);
}
