import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { versionNoteText } from './version-note';

const requestLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(requestLocale));

describe('a model version’s note', () => {
	const first = { noteCode: 'firstVersion' as const, noteParams: null, note: null };
	const derived = { noteCode: 'derived' as const, noteParams: { count: 12 }, note: null };
	const written = { noteCode: null, noteParams: null, note: 'Snacks matter less' };

	it('words Satisfy’s notes in the reader’s language and keeps a person’s as written', () => {
		expect([first, derived, written].map(versionNoteText)).toEqual([
			'First version',
			'Derived from clients’ importance answers (at least 12 per factor)',
			'Snacks matter less'
		]);
		speak('de');
		expect([first, derived, written].map(versionNoteText)).toEqual([
			'Erste Version',
			'Aus den Antworten der Kunden zur Wichtigkeit abgeleitet (mindestens 12 pro Faktor)',
			'Snacks matter less'
		]);
	});

	it('is absent when nobody wrote one', () => {
		expect(versionNoteText({ noteCode: null, noteParams: null, note: null })).toBeNull();
	});
});
