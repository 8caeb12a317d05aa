import { z } from 'zod';

/**
 * `z.record` for objects keyed by names the sender chooses (answers by question id, texts by
 * language, custom fields by key). JSON.parse makes `"__proto__"` an ordinary own key, which
 * `z.record` drops without a word; here it is refused, with `unknownKey()` as the message (worded per request), like
 * any key that names nothing.
 */
export function keyedRecord<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
	key: K,
	value: V,
	{ error, unknownKey }: { error?: string | z.core.$ZodErrorMap; unknownKey: () => string }
) {
	// A preprocess, not a refine: the OpenAPI document then describes the record, not "anything".
	return z.preprocess(
		(input, ctx) => {
			if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
				ctx.addIssue({ code: 'custom', input, path: ['__proto__'], message: unknownKey() });
			}
			return input;
		},
		z.record(key, value, error === undefined ? undefined : { error })
	);
}
