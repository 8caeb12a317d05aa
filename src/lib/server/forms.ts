import { fail } from '@sveltejs/kit';
import type { z } from 'zod';

/** The first message for each field of a form schema that failed. */
export type FieldErrors<S extends z.ZodType = z.ZodType> = Partial<
	Record<keyof z.input<S> & string, string>
>;

type Parsed<S extends z.ZodType> =
	| { ok: true; data: z.output<S> }
	| { ok: false; errors: FieldErrors<S>; values: Record<string, string> };

/**
 * A form's text fields by name, to validate and to show again. `__proto__` is left out: no form of
 * ours has it, and as an own key it cannot be sent back to the page (devalue refuses it).
 */
export function formValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && key !== '__proto__') values[key] = value;
	}
	return values;
}

/**
 * Validates a submitted form. On failure returns the first message per field and the submitted
 * text (never passwords), so the form can be shown again with nothing the person typed lost.
 * Fields named in `lists` may repeat and reach the schema as a list of every value sent.
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	{ lists = [] }: { lists?: readonly string[] } = {}
): Parsed<S> {
	const listed = new Map(
		lists.map((name) => [name, form.getAll(name).filter((value) => typeof value === 'string')])
	);
	const values = Object.fromEntries(
		Object.entries(formValues(form)).filter(([key]) => !listed.has(key))
	);
	const parsed = schema.safeParse({ ...values, ...Object.fromEntries(listed) });
	if (parsed.success) return { ok: true, data: parsed.data };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	const safeValues = Object.fromEntries(
		Object.entries(values).filter(([key]) => !/password|confirm|current/.test(key))
	);
	return { ok: false, errors: errors as FieldErrors<S>, values: safeValues };
}

/** A bulk change's question (what it does to how many clients) and the words of its yes button. */
export type BulkQuestion = { question: string; yes: string };

/**
 * The answer to a bulk change that must first be confirmed (`needsConfirmation`): the question, how
 * many it would change, and the form's fields, for a form that sends them again with that number
 * (components/forms/confirm-bulk.svelte).
 */
export function askToConfirm(count: number, form: FormData, words: BulkQuestion) {
	const fields = [...form].filter(
		(entry): entry is [string, string] =>
			typeof entry[1] === 'string' && entry[0] !== 'confirmedCount'
	);
	return fail(409, { confirm: { ...words, count, fields } });
}
