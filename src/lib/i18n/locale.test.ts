import { describe, expect, it } from 'vitest';
import * as m from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { autonym, localeOf, pluralTemplates } from './locale';

describe('localeOf', () => {
	it('takes a supported tag, else its base language, else English', () => {
		expect(localeOf('de')).toBe('de');
		expect(localeOf('DE')).toBe('de');
		expect(localeOf('fi-FI')).toBe('fi');
		expect(localeOf('es')).toBe('en');
		expect(localeOf(null)).toBe('en');
		expect(localeOf('')).toBe('en');
	});

	it('finds nothing in the names of Object properties', () => {
		for (const tag of ['hasOwnProperty', '__proto__', 'constructor-x', 'toString'])
			expect(localeOf(tag)).toBe('en');
	});
});

describe('autonym', () => {
	it('names each language in itself, capitalized as a menu item', () => {
		expect(locales.map(autonym)).toEqual(['English', 'Deutsch', 'Nederlands', 'Suomi', 'Română']);
	});
});

describe('plural forms', () => {
	// By hand, per language, for 0, 1, 2, 5 and 21.
	const charactersLeft: Record<string, string[]> = {
		en: [
			'0 characters left',
			'1 character left',
			'2 characters left',
			'5 characters left',
			'21 characters left'
		],
		de: ['Noch 0 Zeichen', 'Noch 1 Zeichen', 'Noch 2 Zeichen', 'Noch 5 Zeichen', 'Noch 21 Zeichen'],
		nl: ['Nog 0 tekens', 'Nog 1 teken', 'Nog 2 tekens', 'Nog 5 tekens', 'Nog 21 tekens'],
		fi: [
			'0 merkkiä jäljellä',
			'1 merkki jäljellä',
			'2 merkkiä jäljellä',
			'5 merkkiä jäljellä',
			'21 merkkiä jäljellä'
		],
		ro: [
			'Mai aveți 0 caractere',
			'Mai aveți 1 caracter',
			'Mai aveți 2 caractere',
			'Mai aveți 5 caractere',
			'Mai aveți 21 de caractere'
		]
	};

	it('counts characters left in each language', () => {
		expect(Object.keys(charactersLeft).sort()).toEqual([...locales].sort());
		for (const locale of locales)
			expect(
				[0, 1, 2, 5, 21].map((count) => m.respondent_characters_left({ count }, { locale })),
				locale
			).toEqual(charactersLeft[locale]);
	});

	it('asks to shorten an answer to a number of characters in each language', () => {
		expect(m.respondent_too_long({ max: 1 }, { locale: 'en' })).toBe(
			'Please shorten your answer to 1 character.'
		);
		expect(m.respondent_too_long({ max: 500 }, { locale: 'nl' })).toBe(
			'Maak uw antwoord niet langer dan 500 tekens.'
		);
		expect(m.respondent_too_long({ max: 21 }, { locale: 'ro' })).toBe(
			'Vă rugăm să scurtați răspunsul la 21 de caractere.'
		);
		expect(m.respondent_too_long({ max: 19 }, { locale: 'ro' })).toBe(
			'Vă rugăm să scurtați răspunsul la 19 caractere.'
		);
	});

	it('gives the page script a wording per plural category, with the number left out', () => {
		const render = (locale: (typeof locales)[number]) =>
			pluralTemplates(locale, (count) => m.respondent_characters_left({ count }, { locale }));
		expect(render('en')).toEqual({
			one: '{count} character left',
			other: '{count} characters left'
		});
		expect(render('ro')).toEqual({
			one: 'Mai aveți {count} caracter',
			few: 'Mai aveți {count} caractere',
			other: 'Mai aveți {count} de caractere'
		});
	});

	it('refuses a wording that does not show its number once', () => {
		expect(() => pluralTemplates('en', () => 'no number')).toThrow(/exactly once/);
	});
});
