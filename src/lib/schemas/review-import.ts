import { z } from 'zod';
import { reviewFormats } from '../reviews/fields';
import { lineText } from './text';
import * as m from '../paraglide/messages';

const garbledColumns = { error: () => m.schema_review_import_columns_garbled() };
const label = lineText()
	.trim()
	.max(100, { error: () => m.schema_review_import_label_too_long() })
	.default('');

/** The review import form's choices besides the file and the generic CSV's column selects. */
export const reviewImportFormSchema = z.object({
	// '' is "Detect from the file".
	format: z
		.union([z.literal(''), z.enum(reviewFormats)], {
			error: () => m.schema_review_import_choose_format()
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
