import * as m from '../paraglide/messages';

/**
 * Matching the headers of an uploaded file to an area's fields (clients, reviews, responses). Each
 * area gives its own names; a header matches whatever its case, accents, spaces and punctuation.
 */

/** "E-Mail", "e-mail " and "EMAIL" all become "email"; "Sähköposti" becomes "sahkoposti". */
export function headerKey(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Each field under the headerKey of each of its names; where two fields share a name, the later
 * one has it. A Map, so that a header such as "constructor" finds no member every object has.
 */
export function headerTable<F>(
	fields: readonly F[],
	names: (field: F) => readonly string[]
): Map<string, F> {
	const byKey = new Map<string, F>();
	for (const field of fields) for (const name of names(field)) byKey.set(headerKey(name), field);
	return byKey;
}

/**
 * Proposes a field for each header, or null. The tables are tried in rounds from the most to the
 * least certain (say a field's own name, then a synonym), and each field goes to one column only,
 * so that "Name" wins over an earlier "Contact name".
 */
export function mapHeaders<F>(
	headers: string[],
	tables: readonly ReadonlyMap<string, F>[]
): (F | null)[] {
	const keys = headers.map(headerKey);
	const mapping: (F | null)[] = headers.map(() => null);
	const taken = new Set<F>();
	for (const table of tables) {
		keys.forEach((key, column) => {
			if (mapping[column] !== null || key === '') return;
			const field = table.get(key);
			if (field === undefined || taken.has(field)) return;
			mapping[column] = field;
			taken.add(field);
		});
	}
	return mapping;
}

/** A column as messages name it: its header, or its place when the header is empty. */
export function columnName(headers: string[], column: number): string {
	return headers[column] || m.clients_import_column({ number: column + 1 });
}

/** The names of the columns mapped to each field, left to right, for saying which ones clash. */
export function columnsByField<F>(mapping: (F | null)[], headers: string[]): Map<F, string[]> {
	const columns = new Map<F, string[]>();
	mapping.forEach((field, column) => {
		if (field === null) return;
		columns.set(field, [...(columns.get(field) ?? []), columnName(headers, column)]);
	});
	return columns;
}

/** A mapping read back from a form or an API call may not fit the file it is applied to. */
export function mappingSizeProblem(mapping: unknown[], headers: string[]): string | null {
	return mapping.length === headers.length
		? null
		: m.csv_mapping_size({ entries: mapping.length, columns: headers.length });
}
