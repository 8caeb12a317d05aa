import { clientInputSchema, type ClientInput } from '../../schemas/clients';
import type { FieldErrors } from '../forms';
import type { SaveIssue } from './save';

/** Custom fields travel in the form as `attr.<key>`; tags as one comma-separated text. */
export const ATTRIBUTE_FIELD_PREFIX = 'attr.';

/** `values` is what was typed, to show the form again with nothing lost. */
type Parsed =
	| { ok: true; input: ClientInput; values: Record<string, string> }
	| { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Reads the client form (create and edit); empty fields mean "none". */
export function clientFromForm(form: FormData): Parsed {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' && value.trim() !== '' ? value : undefined;
	};
	const attributes: Record<string, string> = {};
	const values: Record<string, string> = {};
	for (const [name, value] of form) {
		if (typeof value !== 'string') continue;
		values[name] = value;
		if (name.startsWith(ATTRIBUTE_FIELD_PREFIX) && value.trim() !== '')
			attributes[name.slice(ATTRIBUTE_FIELD_PREFIX.length)] = value;
	}
	const parsed = clientInputSchema.safeParse({
		email: text('email') ?? '',
		name: text('name') ?? '',
		phone: text('phone'),
		company: text('company'),
		language: text('language') ?? '',
		tags: (text('tags') ?? '')
			.split(',')
			.map((tag) => tag.trim())
			.filter(Boolean),
		accountManager: text('accountManager'),
		clientSince: text('clientSince'),
		lastPurchaseOn: text('lastPurchaseOn'),
		renewalOn: text('renewalOn'),
		annualValue: text('annualValue'),
		consent: form.get('consent') === 'on',
		consentSource: text('consentSource'),
		unsubscribed: form.get('unsubscribed') === 'on',
		attributes
	});
	if (parsed.success) return { ok: true, input: parsed.data, values };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const [field, key] = issue.path.map(String);
		const name = field === 'attributes' ? `${ATTRIBUTE_FIELD_PREFIX}${key}` : (field ?? 'form');
		errors[name] ??= issue.message;
	}
	return { ok: false, errors, values };
}

/** Save refusals, as errors next to the form fields they concern. */
export function saveIssueErrors(issues: SaveIssue[]): Record<string, string> {
	return Object.fromEntries(
		issues.map((issue) => [
			issue.field.startsWith('attributes.')
				? `${ATTRIBUTE_FIELD_PREFIX}${issue.field.slice(11)}`
				: issue.field,
			issue.message
		])
	);
}
