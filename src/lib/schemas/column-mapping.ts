import { z } from 'zod';

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
				error: `Column ${column + 1}: choose one of the listed fields or Ignore.`
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
