/** A cell's text without the spaces around it; empty for a cell beyond the end of a short row. */
export function cellText(cells: string[], column: number): string {
	return (cells[column] ?? '').trim();
}

const listSeparator = /[,;|]/;

/** The parts of a list written in one cell, separated by commas, semicolons or bars, as written. */
export function listCell(cell: string): string[] {
	return cell.split(listSeparator);
}
