import { z } from 'zod';
import * as m from '../paraglide/messages';

/**
 * An import's column choices, one select `column-N` per column of the file: a field, or `''`
 * (Ignore) for a column left out. A column the form did not send is left out too.
 */
export function columnMappingSchema<F extends string>(
	columns: number,
	isField: (value: string) => value is F
) {
	const choice = (column: number) =>
		z
			.string()
			.optional()
			.refine((value) => !value || isField(value), {
				error: () => m.schema_column_mapping_choose({ column: column + 1 })
			})
			.transform((value) => (value ? (value as F) : null));
	const shape = Object.fromEntries(
		Array.from({ length: columns }, (_, column) => [`column-${column}`, choice(column)])
	);
	return z
		.object(shape)
		.transform((chosen) =>
			Array.from({ length: columns }, (_, column) => chosen[`column-${column}`] ?? null)
		);
}
