import Papa from 'papaparse';
import { neutraliseFormula } from '../csv/write';

/** Rows as CSV lines, each cell formula-neutralised: what they hold was typed by someone else. */
export const csvLines = (rows: string[][]) =>
	`${Papa.unparse(
		rows.map((row) => row.map(neutraliseFormula)),
		{ newline: '\r\n' }
	)}\r\n`;

export const csvHeaders = (fileName: string) => ({
	'content-type': 'text/csv; charset=utf-8',
	'content-disposition': `attachment; filename="${fileName}"`
});

/** A CSV download streamed one chunk per pull: a big file goes out while other requests are served in between. */
export function csvDownload(
	chunks: Generator<string> | AsyncGenerator<string>,
	fileName: string
): Response {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			// The byte-order mark tells spreadsheets the file is UTF-8.
			controller.enqueue(encoder.encode('\uFEFF'));
		},
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		async cancel() {
			await chunks.return(undefined);
		}
	});
	return new Response(body, { headers: csvHeaders(fileName) });
}
