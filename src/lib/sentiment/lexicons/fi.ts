// Finnish: the AFINN translation of @nlpjs/lang-fi 4.26 (MIT), keyed by Snowball stems. The
// package's own pipeline strips ä/ö before stemming and so misses the 358 keys that contain them;
// we stem the word as written. Its negation list is empty: ours follows the negative verb.
import { SentimentFi, StemmerFi } from '@nlpjs/lang-fi';
import { createLanguageModel } from '../lexicon';
import curated from './curated/fi.json';
import { scaledList } from './scaled-list';
import { STOPWORDS } from './stopwords';

const stemmer = new StemmerFi();
const afinn = scaledList(SentimentFi.afinn, 1);
const stem = (w: string) => stemmer.stemWord(w);

export const fi = createLanguageModel({
	code: 'fi',
	fold: false,
	curated,
	base: (w) => afinn.get(stem(w)),
	baseData: SentimentFi.afinn,
	stem,
	negators: [
		'ei',
		'en',
		'et',
		'emme',
		'ette',
		'eivät',
		'eikä',
		'enkä',
		'etkä',
		'emmekä',
		'ettekä',
		'eivätkä',
		'älä',
		'älkää'
	],
	shortNegators: ['ilman'],
	baseSkipsStopwords: true,
	clauseWords: ['ja', 'tai', 'sekä'],
	contrastWords: ['mutta', 'kuitenkin'],
	boosters: [
		'todella',
		'erittäin',
		'tosi',
		'hyvin',
		'aivan',
		'täysin',
		'super',
		'oikein',
		'erityisen',
		'äärimmäisen',
		'aika',
		// Before a word with a value these only intensify: "hirveän hyvä" is "awfully good".
		'hirveän',
		'hirveesti',
		'kauhean',
		'kamalan',
		'järkyttävän'
	],
	dampeners: ['vähän', 'hieman', 'hiukan', 'melko', 'jokseenkin'],
	turnWords: ['muuten', 'vaikka', 'silti', 'tosin'],
	importanceWords: ['tärke*', 'väliä', 'merkitsee'],
	middleVerdicts: [
		'kolme tähteä',
		'ei hyvä eikä huono',
		'plussat ja miinukset tasoissa',
		'niin ja näin'
	],
	starWords: ['tähti', 'tähteä', 'tähden'],
	waitWords: [
		'odot*',
		'jono*',
		'passijono*',
		'seistiin',
		'seisoimme',
		'seisoin',
		'istuttiin',
		'istuimme',
		'jumissa',
		'jouduttiin',
		'kesti'
	],
	durationWords: [
		'minuutti*',
		'minuuttia',
		'min',
		'tunti*',
		'tunnin',
		'tunnit',
		'tuntia',
		'vartti*'
	],
	quickWords: ['vain', 'alle', 'ainoastaan', 'parissa'],
	stopwords: STOPWORDS.fi ?? [],
	negatingPrefix: 'epä'
});
