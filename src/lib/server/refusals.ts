import { fail } from '@sveltejs/kit';
import type { Refusal } from '../result';
import { ApiError, type ApiIssue } from './api/errors';

/**
 * What a form action answers when it refuses, the same on every page: `message` is shown above
 * the form, `errors` next to their fields, `values` go back into the fields, and `action` names
 * the form when a page has several.
 */
export type FormFailure = {
	action?: string;
	message?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
};

/** What the two answers read of a refusal; an upload's refusal (`uploadRefusal`) comes without `ok`. */
export type Refused = Omit<Refusal, 'ok'>;

/** What a page adds to a refusal: the form's name, the values to show again, the field it is about. */
type FormContext = Omit<FormFailure, 'errors'> & { field?: string };

/**
 * A refusal as a form action's answer. Its message goes next to `field` (the page's name for it,
 * else the refusal's own) when there is one, and above the form otherwise; a `message` given here
 * is then shown above the form as well. An import page adds what it lists besides, such as the
 * problems in each row.
 */
export function asFormFailure<Context extends object>(
	refusal: Refused,
	context?: Context & FormContext
) {
	const { field = refusal.field, ...data } = context ?? ({} as Context & FormContext);
	const shown: FormFailure = field
		? { errors: { [field]: refusal.message } }
		: { message: refusal.message };
	return fail(refusal.status, { ...data, ...shown });
}

/**
 * A refusal as the API's JSON error, to throw. The field it names becomes its one issue, unless
 * the endpoint lists the issues itself.
 */
export function asApiError(refusal: Refused, issues: ApiIssue[] = fieldIssues(refusal)): ApiError {
	return new ApiError(refusal.status, refusal.message, issues.length ? issues : undefined);
}

const fieldIssues = ({ field, message }: Refused): ApiIssue[] =>
	field ? [{ path: [field], message, code: 'custom' }] : [];
