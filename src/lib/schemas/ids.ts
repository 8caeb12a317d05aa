import { z } from 'zod';

/**
 * A stored record's id as a form sends it back (hidden field, button value); anything else gets
 * `message`, worded when the issue arises so that it speaks the request's language.
 */
export function recordId(message: () => string) {
	const error = { error: message };
	return z.coerce.number(error).int(error).positive(error);
}
