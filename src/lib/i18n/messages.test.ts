import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseLocale, locales } from '$lib/paraglide/runtime';

/*
 * The message files themselves (messages/<locale>.json): Paraglide quietly falls back on English
 * for a message a language lacks, so a missing one is caught here instead.
 */

type Variant = { declarations: string[]; selectors: string[]; match: Record<string, string> };
type Message = string | Variant[];

const library = Object.fromEntries(
	locales.map((locale) => {
		const { $schema: _, ...messages } = JSON.parse(
			readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')
		) as Record<string, Message>;
		return [locale, messages];
	})
);

const wordingsOf = (message: Message): string[] =>
	typeof message === 'string' ? [message] : message.flatMap(({ match }) => Object.values(match));

/** The `{inputs}` a message's wordings use. */
const inputsOf = (message: Message): string[] =>
	[
		...new Set(
			wordingsOf(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!))
		)
	].sort();

describe('the message library', () => {
	const keys = Object.keys(library[baseLocale]!).sort();

	it('has every message in every language, and none that English lacks', () => {
		for (const locale of locales)
			expect(Object.keys(library[locale]!).sort(), locale).toEqual(keys);
	});

	it('has no empty wording', () => {
		for (const locale of locales)
			for (const [key, message] of Object.entries(library[locale]!))
				expect(
					wordingsOf(message).every((text) => text.trim() !== ''),
					`${locale} ${key}`
				).toBe(true);
	});

	it('fills in the same values in every language as in English', () => {
		for (const locale of locales)
			for (const key of keys)
				expect(inputsOf(library[locale]![key]!), `${locale} ${key}`).toEqual(
					inputsOf(library[baseLocale]![key]!)
				);
	});

	it('words each plural message for every plural category of its language, and no other', () => {
		for (const locale of locales) {
			const categories = new Intl.PluralRules(locale)
				.resolvedOptions()
				.pluralCategories.filter((category) => category !== 'other');
			for (const [key, message] of Object.entries(library[locale]!)) {
				if (typeof message === 'string') continue;
				for (const { selectors, match } of message) {
					const chosen = Object.keys(match).map((condition) => condition.split('=')[1]);
					expect(chosen.sort(), `${locale} ${key} (${selectors.join(', ')})`).toEqual(
						[...categories, '*'].sort()
					);
				}
			}
		}
	});
});
