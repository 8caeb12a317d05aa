import { z } from 'zod';
import { reviewFormats } from '../reviews/fields';
import { lineText } from './text';

const labelTooLong = 'A source and a location or product have at most 100 characters each.';
const garbledColumns = { error: 'The column choices were garbled; check the file again.' };
const label = lineText().trim().max(100, { error: labelTooLong }).default('');

/** The review import form's choices besides the file and the generic CSV's column selects. */
export const reviewImportFormSchema = z.object({
	// '' is "Detect from the file".
	format: z
		.union([z.literal(''), z.enum(reviewFormats)], {
			error: 'Choose a file format from the list, or Detect from the file.'
		})
		.default('')
		.transform((format) => format || undefined),
	source: label,
	tag: label,
	// How many column selects the page showed; absent until a generic CSV was checked once.
	columns: z
		.union(
			[
				z.literal(''),
				z.coerce
					.number(garbledColumns)
					.int(garbledColumns)
					.min(1, garbledColumns)
					.max(200, garbledColumns)
			],
			garbledColumns
		)
		.default('')
		.transform((columns) => columns || undefined)
});
