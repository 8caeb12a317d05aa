import Sentiment from 'sentiment';
import { describe, expect, it } from 'vitest';
import { analyzeText } from './index';

const en = (text: string) => analyzeText(text, { language: 'en' });
const scoredWords = (text: string, language: string) =>
	analyzeText(text, { language }).words.map((w) => w.word);

describe('the traps of raw `sentiment`', () => {
	it('scores an emoji glued to a word, which raw sentiment misses entirely', () => {
		expect(new Sentiment().analyze('great👍').score).toBe(0);
		const result = en('great👍');
		expect(result.words.map((w) => w.word)).toEqual(['great', '👍']);
		expect(result.label).toBe('positive');
	});

	it('negates through a curly apostrophe: "I don’t like it" is negative like "I don\'t like it"', () => {
		expect(en('I don’t like it').label).toBe('negative');
		expect(en('I don’t like it').score).toBe(en("I don't like it").score);
	});

	it('reads words next to punctuation ("Terrible." and "rude,")', () => {
		expect(en('Terrible. The staff were rude, slow!').words.map((w) => w.word)).toEqual([
			'terrible',
			'rude',
			'slow'
		]);
	});

	it('"not very good" is negative: negation reaches three tokens', () => {
		expect(new Sentiment().analyze('not very good').score).toBeGreaterThan(0);
		expect(en('not very good').label).toBe('negative');
	});

	it('a comma or a conjunction ends the negation ("not bad, terrible"; "not clean and the staff were lovely")', () => {
		expect(
			en('not cheap, but terrible').words.find((w) => w.word === 'terrible')?.score
		).toBeLessThan(0);
		expect(
			en('The room was not clean and the staff were lovely').words.find((w) => w.word === 'lovely')
				?.score
		).toBeGreaterThan(0);
	});

	it('"not bad" is mildly positive, not as strong as "good"', () => {
		const notBad = en('not bad');
		expect(notBad.score).toBeGreaterThan(0);
		expect(notBad.score).toBeLessThan(-new Sentiment().analyze('bad').score);
	});

	it('is unaffected by `sentiment`’s extras, which mutate its shared word list', () => {
		const before = en('cats').score;
		new Sentiment().analyze('cats', { extras: { cats: 5 } });
		expect(en('cats').score).toBe(before);
	});
});

describe('each language with its own list only', () => {
	it('does not score German "die" and "hell" as the English negatives they are', () => {
		expect(en('die hell').score).toBeLessThan(0);
		const german = analyzeText('Die Lampe im Zimmer war hell.');
		expect(german.language).toBe('de');
		expect(german.words.map((w) => w.word)).not.toContain('die');
		expect(german.score).toBeGreaterThanOrEqual(0);
	});

	it('marks a text in a language without a list as not scored (Japanese, Swahili)', () => {
		for (const [text, language] of [
			['スタッフはとても親切でした。', 'ja'],
			['Huduma ilikuwa nzuri sana na wafanyakazi walikuwa wakarimu.', 'sw']
		]) {
			expect(analyzeText(text!)).toEqual({
				language,
				scored: false,
				score: 0,
				comparative: 0,
				label: null,
				words: [],
				aspects: [],
				topics: []
			});
		}
	});

	it('never falls back to another list when the given language has none ("pt-BR" → pt, not scored)', () => {
		const result = analyzeText('O atendimento foi excelente, nota 10!', { language: 'pt-BR' });
		expect(result.language).toBe('pt');
		expect(result.scored).toBe(false);
		expect(result.label).toBeNull();
	});

	it('normalises the given language to its primary subtag ("EN-gb" → en)', () => {
		expect(analyzeText('Lovely staff', { language: 'EN-gb' })).toMatchObject({
			language: 'en',
			scored: true,
			label: 'positive'
		});
	});

	it('leaves a text it cannot place unscored, with no language', () => {
		expect(analyzeText('xkcd qwrtz plmbk vvzzx')).toMatchObject({
			language: null,
			scored: false,
			label: null
		});
		expect(analyzeText('')).toMatchObject({ language: null, scored: false });
	});

	it('stems German and Dutch words for their lists ("unfreundliches", "vriendelijke")', () => {
		expect(analyzeText('Unfreundliches Personal.', { language: 'de' }).label).toBe('negative');
		expect(analyzeText('Vriendelijke medewerkers.', { language: 'nl' }).label).toBe('positive');
	});

	it('reads Finnish inflection: myöhässä, myöhästyi, myöhästynyt are all late', () => {
		for (const text of [
			'Juna oli myöhässä.',
			'Juna myöhästyi.',
			'Juna oli myöhästynyt.',
			'Myöhästymisen takia.'
		]) {
			expect(analyzeText(text, { language: 'fi' }).label).toBe('negative');
		}
	});

	it('negates with each language’s own words', () => {
		expect(analyzeText('Ruoka ei ollut hyvää.', { language: 'fi' }).label).toBe('negative');
		expect(analyzeText('Das Essen war nicht gut.', { language: 'de' }).label).toBe('negative');
		expect(analyzeText('Het eten was niet lekker.', { language: 'nl' }).label).toBe('negative');
		expect(analyzeText('Mâncarea nu a fost bună.', { language: 'ro' }).label).toBe('negative');
	});

	it('negates German and Dutch verbs from behind at the end of a clause', () => {
		expect(analyzeText('Die Heizung funktionierte nicht.', { language: 'de' }).label).toBe(
			'negative'
		);
		expect(analyzeText('De verwarming werkte niet.', { language: 'nl' }).label).toBe('negative');
	});

	it('lets "without" reach only the next content word', () => {
		expect(en('Everything worked without any problems.').label).toBe('positive');
		expect(
			analyzeText('Die Reklamation wurde ohne Begründung abgelehnt.', { language: 'de' }).label
		).toBe('negative');
	});

	it('scores Romanian typed with or without diacritics the same', () => {
		const withMarks = analyzeText('Personalul a fost nepoliticos și camera murdară.', {
			language: 'ro'
		});
		const without = analyzeText('Personalul a fost nepoliticos si camera murdara.', {
			language: 'ro'
		});
		expect(without.score).toBe(withMarks.score);
		expect(without.label).toBe('negative');
	});

	it('reads idioms as a whole ("never again", "nie wieder")', () => {
		expect(en('Never again!').words).toEqual([{ word: 'never again', score: -3 }]);
		expect(analyzeText('Nie wieder!', { language: 'de' }).label).toBe('negative');
	});
});

describe('the score explains itself', () => {
	it('lists the words that drove the score, after negation, summing to the score', () => {
		const result = en('The flight was not very good but the crew were lovely.');
		expect(result.words.map((w) => w.word)).toEqual(['good', 'lovely']);
		expect(result.words[0]!.score).toBeLessThan(0);
		expect(result.words.reduce((sum, w) => sum + w.score, 0)).toBeCloseTo(result.score, 10);
	});

	it('gives the comparative as score per token', () => {
		const result = en('lovely staff');
		expect(result.comparative).toBeCloseTo(result.score / 2, 10);
	});

	it('weighs the clause after "but" more than the one before', () => {
		expect(en('The room was small and dated but the staff were wonderful.').label).toBe('positive');
	});

	it('does not score stop words from machine-built lists (Romanian "cât", Finnish "on")', () => {
		expect(scoredWords('Cât costă biletul?', 'ro')).toEqual([]);
		expect(scoredWords('Asiakaspalvelu on auki arkisin.', 'fi')).toEqual([]);
	});
});

describe('what owners saw go wrong (#18)', () => {
	it('reads Dutch "zeer" as "very", not as the noun "pain": "zeer vriendelijk" is positive', () => {
		const result = analyzeText('Het personeel was zeer vriendelijk.', { language: 'nl' });
		expect(result.label).toBe('positive');
		expect(result.words.map((w) => w.word)).not.toContain('zeer');
	});

	it('does not score Romanian "din cauza" ("because of") as negative', () => {
		expect(scoredWords('Am plecat mai târziu din cauza vremii.', 'ro')).not.toContain('cauza');
	});

	it('labels a 1-star German review about endless queues negative', () => {
		const review =
			'Schlange stehen ohne Ende. Die Mitarbeiter waren freundlich, konnten aber nichts machen.';
		expect(analyzeText(review, { language: 'de' }).label).toBe('negative');
	});

	it('scores short texts that detection cannot place by the word list they read in ("Snelle douane…", "Jonottiin tullissa…")', () => {
		expect(analyzeText('Snelle douane en vriendelijk personeel, top!')).toMatchObject({
			language: 'nl',
			label: 'positive'
		});
		expect(analyzeText('Jonottiin tullissa tunnin. Huono kokemus.')).toMatchObject({
			language: 'fi',
			label: 'negative'
		});
	});

	it('still leaves a text unscored when detection leans to a language without a list (Afrikaans is not Dutch)', () => {
		const afrikaans = 'Die vlug was twee uur laat en niemand het vir ons iets gesê nie.';
		expect(analyzeText(afrikaans)).toMatchObject({ scored: false, label: null });
	});

	it('rounds the numbers it gives: −2.22, not −2.2199999999999998', () => {
		const result = en('The crew was not helpful at all, not nice, not friendly.');
		const numbers = [result.score, result.comparative, ...result.words.map((w) => w.score)];
		for (const n of numbers) expect(Math.round(n * 10_000) / 10_000).toBe(n);
		expect(result.words.map((w) => w.score)).toContain(-2.22);
	});
});

describe('clauses that say what matters, waits and middle verdicts (#18)', () => {
	const label = (text: string, language = 'en') => analyzeText(text, { language }).label;

	it('lets a clause that says what matters praise nothing, and the next clause speak for itself', () => {
		expect(label('Safety is what I care about most.')).toBe('neutral');
		expect(label('Please fix this, the app is terrible.')).toBe('negative');
		expect(label('I care about punctuality and the flight was awful.')).toBe('negative');
		expect(label('Bitte reparieren Sie die App, sie ist furchtbar.', 'de')).toBe('negative');
	});

	it('hears a wait with its length as a complaint, unless the length is said to be short', () => {
		expect(label('We stood 70 minutes at the border.')).toBe('negative');
		expect(label('Wir standen zwei Stunden in der Schlange.', 'de')).toBe('negative');
		expect(label('Through customs within 10 minutes.')).toBe('neutral');
	});

	it('takes the writer’s middle verdict for the whole text, its words still listed', () => {
		const result = analyzeText('3 stars. The food was great but the service was terribly slow.', {
			language: 'en'
		});
		expect(result.label).toBe('neutral');
		expect(result.words.map(({ word }) => word)).toEqual(['great', 'terribly', 'slow', '3 stars']);
		expect(result.score).toBe(0);
	});
});
