import { describe, expect, it } from 'vitest';
import { detectLanguage } from './index';
import { OTHER_LANGUAGE_TEXTS, OWN_SETS } from './fixtures';

describe('detectLanguage', () => {
	it.each([
		['The flight was delayed and nobody told us anything.', 'en'],
		['Der Flug hatte zwei Stunden Verspätung.', 'de'],
		['De vlucht had twee uur vertraging.', 'nl'],
		['Lento oli kaksi tuntia myöhässä.', 'fi'],
		['Zborul a avut o întârziere de două ore.', 'ro']
	])('recognises %s as %s', (text, language) => {
		expect(detectLanguage(text)).toBe(language);
	});

	it('returns null for texts too short to tell rather than guess', () => {
		for (const text of ['Great!', 'ok', 'Super', '👍', '10/10', '', '   '])
			expect(detectLanguage(text)).toBeNull();
	});

	it('returns null for gibberish', () => {
		expect(detectLanguage('xkcd qwrtz plmbk vvzzx')).toBeNull();
		expect(detectLanguage('asdkjh qwe zxcmn')).toBeNull();
	});

	it('names languages it has no word list for (so they show as not scored)', () => {
		expect(detectLanguage('これは日本語です。とても良いサービスでした。')).toBe('ja');
		expect(detectLanguage('Le personnel était très gentil et la chambre était propre.')).toBe('fr');
	});

	it('is right on at least 85% of our reviews per language and never names the wrong language', () => {
		for (const set of OWN_SETS) {
			const detected = set.texts.map((t) => detectLanguage(t.text));
			const right = detected.filter((l) => l === set.language).length / detected.length;
			expect(right, set.name).toBeGreaterThan(0.85);
			expect(
				detected.filter((l) => l !== null && l !== set.language),
				set.name
			).toEqual([]);
		}
	});

	it('never calls a text in another language one of ours', () => {
		const ours = ['en', 'de', 'nl', 'fi', 'ro'];
		const wrong = OTHER_LANGUAGE_TEXTS.filter((t) => ours.includes(detectLanguage(t.text) ?? ''));
		expect(wrong).toEqual([]);
	});
});
