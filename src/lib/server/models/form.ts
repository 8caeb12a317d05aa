import { SUPPORTED_LANGUAGES } from '../../sentiment/types';
import { distinctWords, keywordList } from '../../schemas/models';

/**
 * Factor rows arrive as numbered fields (`key-0`, `name-0`, `weight-0`, `keywords-0`, …) so the
 * forms work without JavaScript; fully blank rows are the spare ones and are dropped.
 */
export function factorRowsFromForm(form: FormData): Record<string, unknown>[] {
	const rows: Record<string, unknown>[] = [];
	for (let index = 0; form.has(`key-${index}`); index++) {
		const field = (name: string) => String(form.get(`${name}-${index}`) ?? '').trim();
		if (form.get(`remove-${index}`) === 'on') continue;
		const row = {
			key: field('key'),
			name: field('name'),
			weight: field('weight'),
			keywords: field('keywords'),
			description: field('description')
		};
		if (!row.key && !row.name && !row.weight) continue;
		rows.push({
			key: row.key,
			name: row.name || undefined,
			weight: row.weight,
			description: row.description || undefined,
			keywords: keywordList(row.keywords)
		});
	}
	return rows;
}

/**
 * A factor's keywords from its wording form: `keywords` for any language, `keywords-de` and so on
 * for each, and the suggested words ticked for a language (checkboxes `suggested-de`) added to it.
 */
export function keywordSetFromForm(form: FormData): Record<string, string[]> {
	const field = (name: string) => keywordList(String(form.get(name) ?? ''));
	const ticked = (name: string) =>
		keywordList(
			form
				.getAll(name)
				.filter((value) => typeof value === 'string')
				.join(',')
		);
	return {
		any: field('keywords'),
		...Object.fromEntries(
			SUPPORTED_LANGUAGES.map((language) => [
				language,
				distinctWords([...field(`keywords-${language}`), ...ticked(`suggested-${language}`)])
			])
		)
	};
}

/** zod issue paths (`factors.2.weight`) as the numbered form fields they belong to (`weight-2`). */
export function factorFieldErrors(
	issues: { path: PropertyKey[]; message: string }[]
): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of issues) {
		const [first, index, field] = issue.path.map(String);
		const name =
			first === 'factors' && index !== undefined
				? field
					? `${field}-${index}`
					: 'factors'
				: (first ?? 'form');
		errors[name] ??= issue.message;
	}
	return errors;
}
