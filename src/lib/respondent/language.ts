import { locales, type Locale } from '$lib/paraglide/runtime';
import { localeOf } from '../i18n/locale';

/**
 * The languages Satisfy speaks to respondents in: those of its message library (messages/*.json).
 * A survey's own texts (and its button labels) come from its definition, in any language.
 */
export const respondentLanguages = locales;
export type RespondentLanguage = Locale;

/**
 * The language to show: the client's preferred one, else the best `Accept-Language` match, else
 * the survey's default. Only languages the survey is offered in count.
 */
export function pickLanguage(
	offered: string[],
	defaultLanguage: string,
	preferences: (string | null | undefined)[],
	acceptLanguage: string | null
): string {
	const match = (tag: string) =>
		offered.find((language) => language.toLowerCase() === tag.toLowerCase()) ??
		offered.find((language) => language.split('-')[0] === tag.split('-')[0]!.toLowerCase());
	for (const preference of preferences) {
		const found = preference ? match(preference) : undefined;
		if (found) return found;
	}
	const accepted = (acceptLanguage ?? '')
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const quality = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
			return { tag: tag ?? '', quality: Number.isFinite(quality) ? quality : 0 };
		})
		.filter((entry) => entry.tag && entry.tag !== '*' && entry.quality > 0)
		.sort((a, b) => b.quality - a.quality);
	for (const { tag } of accepted) {
		const found = match(tag);
		if (found) return found;
	}
	return defaultLanguage;
}

/** The locale to say "this link is not valid" in, when the link tells nothing: the browser's. */
export const browserLocale = (request: Request): Locale =>
	localeOf(pickLanguage([...locales], 'en', [], request.headers.get('accept-language')));
