import Papa from 'papaparse';
import { formatNumber } from '../i18n/format';
import * as m from '../paraglide/messages';
import { uploadedFile } from '../schemas/upload';
import { decodeUtf8File } from '../utf8-file';

/**
 * Reading the CSV files people upload (clients, survey responses, reviews): UTF-8 strictly, the
 * delimiter Excel or the file says, every row with the line it starts on for messages.
 */

/** Large enough for a few hundred thousand rows, small enough to parse in memory. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** What importers check: the header, the data rows and the line each starts on. */
export type CsvTable = {
	/** Header cells, trimmed. */
	headers: string[];
	/** Data rows as parsed (header and blank rows excluded); rows may be shorter or longer than the header. */
	rows: string[][];
	/** For each data row, the 1-based line of the file where it starts, as a text editor numbers lines. */
	lines: number[];
	/** The line of the header row, for problems with a column itself. */
	headerLine: number;
};

export type ParsedCsv = CsvTable & { delimiter: Delimiter };

type Delimiter = ',' | ';' | '\t';
const delimiters: readonly string[] = [',', ';', '\t'] satisfies Delimiter[];

type Parsed = { ok: true; csv: ParsedCsv } | { ok: false; message: string };

/** `emptyMessage` says what the file should hold, in the words of the importing screen. */
export function parseCsv(file: Uint8Array | string, options: { emptyMessage: string }): Parsed {
	const bytes = typeof file === 'string' ? Buffer.byteLength(file, 'utf8') : file.byteLength;
	if (bytes > MAX_IMPORT_BYTES) return { ok: false, message: tooLargeMessage(bytes) };

	const decoded = decodeUtf8File(file);
	if (!decoded.ok) return decoded;
	const { text } = decoded;

	const sepLine = excelSeparatorLine(text);
	if (sepLine && !delimiters.includes(sepLine.delimiter)) {
		return { ok: false, message: m.csv_separator_unsupported({ separator: sepLine.delimiter }) };
	}
	const body = sepLine ? text.slice(sepLine.length) : text;
	const delimiter = (sepLine?.delimiter as Delimiter | undefined) ?? guessDelimiter(body);

	// Blank lines are kept here so that every physical line can be counted; they are dropped below.
	const result = Papa.parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false });
	const startLines = rowStartLines(result.data, sepLine ? 2 : 1);

	const quoteError = result.errors.find((error) => error.type === 'Quotes');
	if (quoteError) return { ok: false, message: quoteErrorMessage(quoteError, startLines) };

	let headers: string[] | null = null;
	let headerLine = 1;
	const rows: string[][] = [];
	const lines: number[] = [];
	result.data.forEach((row, index) => {
		if (isBlank(row)) return;
		if (headers === null) {
			headers = row.map((cell) => cell.trim());
			headerLine = startLines[index]!;
		} else {
			rows.push(row);
			lines.push(startLines[index]!);
		}
	});
	if (headers === null) return { ok: false, message: options.emptyMessage };
	return { ok: true, csv: { headers, rows, lines, headerLine, delimiter } };
}

export function tooLargeMessage(bytes: number): string {
	// Rounded up, so a file just over the limit never reads as "20.0 MB; the limit is 20 MB".
	const megabytes = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
	return m.reviews_import_too_large({
		size: formatNumber(megabytes, 1),
		limit: formatNumber(MAX_IMPORT_BYTES / (1024 * 1024))
	});
}

/** The `file` field of the forms that upload a CSV of clients or of survey responses. */
export const csvUploadSchema = uploadedFile({
	missing: () => m.csv_choose_file(),
	maxBytes: MAX_IMPORT_BYTES,
	tooLarge: tooLargeMessage
});

const excelSeparatorPattern = /^"?sep=(.)"?(?:\r\n|\n|\r|$)/i;

/** Excel writes and honours a first line like `sep=;`, which is not part of the data. */
function excelSeparatorLine(text: string): { delimiter: string; length: number } | null {
	const match = excelSeparatorPattern.exec(text);
	return match ? { delimiter: match[1]!, length: match[0].length } : null;
}

function guessDelimiter(body: string): Delimiter {
	// Guessed on a preview without blank lines: papaparse counts a trailing blank line as a
	// one-cell row, which makes short files look like they have a single column.
	const preview = Papa.parse<string[]>(body, {
		header: false,
		preview: 10,
		skipEmptyLines: 'greedy',
		delimitersToGuess: [',', ';', '\t']
	});
	const guessed = preview.meta.delimiter;
	return delimiters.includes(guessed) ? (guessed as Delimiter) : ',';
}

const lineBreak = /\r\n|\r|\n/g;

/** A row spans one line plus one for every line break inside its quoted cells. */
function rowStartLines(rows: string[][], firstLine: number): number[] {
	const starts: number[] = [];
	let line = firstLine;
	for (const row of rows) {
		starts.push(line);
		line += 1;
		for (const cell of row) {
			if (cell.includes('\n') || cell.includes('\r')) line += cell.match(lineBreak)?.length ?? 0;
		}
	}
	return starts;
}

function isBlank(row: string[]): boolean {
	return row.every((cell) => cell.trim() === '');
}

function quoteErrorMessage(error: Papa.ParseError, startLines: number[]): string {
	const line = error.row === undefined ? undefined : startLines[error.row];
	if (error.code === 'MissingQuotes')
		return line === undefined ? m.csv_quote_unclosed() : m.csv_quote_unclosed_line({ line });
	return line === undefined
		? m.csv_quote_trailing_text()
		: m.csv_quote_trailing_text_line({ line });
}
