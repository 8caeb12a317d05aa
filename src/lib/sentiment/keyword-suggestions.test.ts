import { describe, expect, it } from 'vitest';
import { keywordSuggestions, type SuggestionFactor } from './keyword-suggestions';

const luggage: SuggestionFactor = { key: 'luggage', name: 'Luggage', keywords: ['luggage'] };
const punctuality: SuggestionFactor = {
	key: 'punctuality',
	name: 'Punctuality',
	keywords: ['delay'],
	byLanguage: { de: ['Verspätung'], fi: ['myöhäs'] }
};
const english = (...texts: string[]) => texts.map((text) => ({ text, language: 'en' }));
/** Texts that mention no factor and share no word with the others: the language's background. */
const calmFlights = ['A calm flight.', 'The flight crew helped.', 'Quick flight home.'];

describe('keyword suggestions', () => {
	it('suggests the words clients use beside a factor’s keywords, in how many texts', () => {
		const texts = english(
			'My luggage came out on the carousel after the flight.',
			'Luggage waited on the carousel, long after our flight landed.',
			'The carousel never moved and my luggage sat there. The flight crew was friendly.',
			'Luggage carousel 7 broke after the flight.',
			'The flight was on time.',
			'Our flight left early.',
			...calmFlights
		);
		expect(keywordSuggestions(texts, [luggage]).luggage).toEqual({
			en: { basis: 'mentions', words: [{ word: 'carousel', texts: 4 }] }
		});
	});

	it('leaves out words as common everywhere as beside the factor (“flight” is in every text)', () => {
		const texts = english(
			'Luggage carousel after the flight.',
			'Luggage carousel, then the flight.',
			'Luggage carousel and flight.',
			...calmFlights
		);
		const words = keywordSuggestions(texts, [luggage]).luggage?.en?.words.map((w) => w.word);
		expect(words).toEqual(['carousel']);
	});

	it('counts only the sentences that mention the factor, not the rest of the text', () => {
		const texts = english(
			'The luggage was fine. The crew was busy.',
			'The luggage was fine. The crew was busy.',
			'The luggage was fine. The crew was busy.',
			...calmFlights
		);
		expect(keywordSuggestions(texts, [luggage]).luggage).toEqual({});
	});

	it('leaves out stop words, tone words, numbers, short words and words keywords find already', () => {
		const sandwiches: SuggestionFactor = { key: 'snacks', name: 'Snacks', keywords: ['sandwich'] };
		const sentence = 'The luggage was terrible: 2 suitcases, my bags and no sandwich, ok?';
		const texts = english(sentence, sentence, sentence, ...calmFlights);
		const withSuitcase = { ...luggage, keywords: ['luggage', 'suitcase'] };
		expect(keywordSuggestions(texts, [withSuitcase, sandwiches]).luggage).toEqual({
			en: { basis: 'mentions', words: [{ word: 'bags', texts: 3 }] }
		});
	});

	it('needs a word in at least three texts: two are an anecdote', () => {
		const texts = english('Luggage carousel.', 'Luggage carousel.', ...calmFlights);
		expect(keywordSuggestions(texts, [luggage]).luggage).toEqual({});
	});

	it('finds a factor without keywords by its name, whole or word by word', () => {
		const wifi: SuggestionFactor = { key: 'wifi', name: 'Wi-Fi', keywords: [] };
		const baggage: SuggestionFactor = { key: 'baggage', name: 'Checked baggage', keywords: [] };
		const texts = english(
			'The wi-fi asked for a password.',
			'Wi-Fi password on the ticket.',
			'No password for the wi-fi.',
			'Baggage trolley missing.',
			'Every baggage trolley was taken.',
			'Found a trolley for our baggage.',
			...calmFlights
		);
		const suggestions = keywordSuggestions(texts, [wifi, baggage]);
		expect(suggestions.wifi?.en?.words).toContainEqual({ word: 'password', texts: 3 });
		expect(suggestions.baggage?.en?.words).toContainEqual({ word: 'trolley', texts: 3 });
	});

	it('does not take a word of the name for the factor once it has keywords (“flight” of “In-flight snacks”)', () => {
		const snacks: SuggestionFactor = {
			key: 'snacks',
			name: 'In-flight snacks',
			keywords: ['sandwich']
		};
		const texts = english(
			'The flight had a window seat.',
			'My flight had a window seat.',
			'A flight with a window seat.',
			...calmFlights
		);
		// No English text mentions the snacks: what is suggested comes from the texts no factor covers.
		expect(keywordSuggestions(texts, [snacks]).snacks?.en?.basis).toBe('uncovered');
	});

	it('groups inflections and suggests the form clients write most (Durchsage, Durchsagen)', () => {
		const texts = [
			'Die Verspätung wurde per Durchsage angekündigt.',
			'Wegen der Verspätung gab es drei Durchsagen.',
			'Verspätung, aber keine Durchsage am Gate.',
			'Der Flug war ruhig.',
			'Der Kaffee kam schnell.',
			'Sitz am Fenster.'
		].map((text) => ({ text, language: 'de' }));
		expect(keywordSuggestions(texts, [punctuality]).punctuality?.de?.words[0]).toEqual({
			word: 'durchsage',
			texts: 3
		});
	});

	it('suggests, where no text of a language mentions the factor, the words no factor covers', () => {
		const texts = [
			'Matkalaukku tuli hihnalle tunnin päästä.',
			'Matkalaukkuni oli rikki.',
			'Missä matkalaukut ovat?',
			'Kone oli myöhässä.',
			'Kone oli myöhässä, matkalaukku myös.'
		].map((text) => ({ text, language: 'fi' }));
		const suggestions = keywordSuggestions(texts, [luggage, punctuality]);
		expect(suggestions.luggage?.fi).toEqual({
			basis: 'uncovered',
			words: [{ word: 'matkalaukku', texts: 3 }]
		});
	});

	it('suggests at most eight words per language', () => {
		const sentence =
			'Luggage carousel belt trolley tag label receipt claim counter desk queue hall.';
		const texts = english(sentence, sentence, sentence, ...calmFlights);
		expect(keywordSuggestions(texts, [luggage]).luggage?.en?.words).toHaveLength(8);
	});

	it('skips texts without a supported language', () => {
		const texts = ['Luggage carousel.', 'Luggage carousel.', 'Luggage carousel.', 'Flight.'];
		expect(
			keywordSuggestions(
				texts.map((text) => ({ text, language: null })),
				[luggage]
			)
		).toEqual({ luggage: {} });
		expect(
			keywordSuggestions(
				texts.map((text) => ({ text, language: 'pt' })),
				[luggage]
			)
		).toEqual({ luggage: {} });
	});
});
