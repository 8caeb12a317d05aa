import { baseLocale, isLocale, type Locale } from '../paraglide/runtime';

/** The supported locale a language tag asks for: the tag itself, else its base language, else English. */
export function localeOf(tag: string | null | undefined): Locale {
	const lower = (tag ?? '').toLowerCase();
	if (isLocale(lower)) return lower;
	const base = lower.split('-')[0];
	return isLocale(base) ? base : baseLocale;
}

/**
 * A plural message's wording for each plural category of the locale, with `{count}` where the
 * number goes: for the respondent's page script, which fills in numbers as the respondent types
 * and ships no message library. Each category is rendered with the smallest number that falls
 * into it (`Intl.PluralRules`), and that number is then replaced by the placeholder.
 */
export function pluralTemplates(
	locale: Locale,
	render: (count: number) => string
): Partial<Record<Intl.LDMLPluralRule, string>> {
	const rules = new Intl.PluralRules(locale);
	const templates: Partial<Record<Intl.LDMLPluralRule, string>> = {};
	for (const category of rules.resolvedOptions().pluralCategories) {
		const sample = Array.from({ length: 1000 }, (_, n) => n).find(
			(n) => rules.select(n) === category
		);
		// Categories only fractions reach (none here: counts are whole) have no template.
		if (sample === undefined) continue;
		const text = render(sample);
		if (text.split(String(sample)).length !== 2)
			throw new Error(`"${text}" must contain the number ${sample} exactly once`);
		templates[category] = text.replace(String(sample), '{count}');
	}
	return templates;
}

/** A language's name in that language, as a menu of languages lists it: "Deutsch", "Suomi". */
export function autonym(locale: Locale): string {
	const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
	return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
