const formulaStart = /^[=+\-@\t\r]/;

/**
 * Cells of a CSV file that people open in a spreadsheet often quote what someone else typed; a cell
 * starting like a formula would be run by the spreadsheet (CSV injection), so it is turned into
 * plain text.
 */
export function neutraliseFormula(cell: string): string {
	return formulaStart.test(cell) ? `'${cell}` : cell;
}
