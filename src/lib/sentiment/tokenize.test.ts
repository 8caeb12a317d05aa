import { describe, expect, it } from 'vitest';
import { CLAUSE_BREAK, EMOJI, SENTENCE_BREAK, tokenize, WORD } from './tokenize';

const words = (text: string) => {
	const { text: t, kind } = tokenize(text);
	return t.filter((_, i) => kind[i] === WORD || kind[i] === EMOJI);
};

describe('tokenize', () => {
	it('separates an emoji glued to a word ("great👍")', () => {
		expect(words('great👍 service')).toEqual(['great', '👍', 'service']);
	});

	it('straightens curly apostrophes so "don’t" is the word "don\'t"', () => {
		expect(words('I don’t like it')).toEqual(['i', "don't", 'like', 'it']);
		expect(words('I donʼt like it')).toEqual(['i', "don't", 'like', 'it']);
	});

	it('keeps punctuation off words ("good," and "good!!!" are "good")', () => {
		expect(words('good, good!!! (good)')).toEqual(['good', 'good', 'good']);
	});

	it('lower-cases and keeps letters with diacritics and Finnish ä/ö whole', () => {
		expect(words('Verspätung MYÖHÄSSÄ întârziere')).toEqual([
			'verspätung',
			'myöhässä',
			'întârziere'
		]);
	});

	it('splits hyphenated words so Romanian "n-am" meets its negator "n"', () => {
		expect(words('n-am fost mulțumit')).toEqual(['n', 'am', 'fost', 'mulțumit']);
	});

	it('reads emoticons and drops emoji modifiers', () => {
		expect(words('ok :-) bad :( ❤️ 👍🏽')).toEqual(['ok', ':)', 'bad', ':(', '❤', '👍']);
	});

	it('marks sentence ends and clause breaks', () => {
		const { kind } = tokenize('Late, rude. Never again!');
		expect(kind).toEqual([WORD, CLAUSE_BREAK, WORD, SENTENCE_BREAK, WORD, WORD, SENTENCE_BREAK]);
	});

	it('survives lone surrogates without swallowing the next character', () => {
		expect(words('\ud83dgreat \udc4d bad\ud83d')).toEqual(['great', 'bad']);
	});

	it('keeps decimal numbers whole and counts them in the denominator', () => {
		const t = tokenize('2.5 hours late');
		expect(t.text).toEqual(['2.5', 'hours', 'late']);
		expect(t.countable).toBe(3);
	});
});
