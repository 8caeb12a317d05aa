import { z } from 'zod';
import * as m from '../paraglide/messages';

/**
 * An upload form's `file` field: a file that is there, not empty and at most `maxBytes`. Being too
 * big is its only `too_big` issue, so the action can answer that one with 413 instead of 400.
 * `missing` as a function is worded when the issue arises, in the request's language.
 */
export function uploadedFile({
	missing,
	maxBytes,
	tooLarge
}: {
	missing: string | (() => string);
	maxBytes: number;
	tooLarge: (bytes: number) => string;
}) {
	return z
		.file({ error: missing })
		.min(1, { error: missing })
		.max(maxBytes, { error: (issue) => tooLarge((issue.input as File).size) });
}

/** How to answer a refused upload: 413 when the file is too big, else 400, with the schema's message. */
export function uploadRefusal(error: z.ZodError): { status: 400 | 413; message: string } {
	const [issue] = error.issues;
	return {
		status: issue?.code === 'too_big' ? 413 : 400,
		message: issue?.message ?? m.schema_upload_choose_file()
	};
}
