// German: our curated service vocabulary and @nlpjs/lang-de 4.26's negations and Snowball stemmer
// (MIT). Its word list ("senticon_de") is SentiWS, licensed CC BY-NC-SA 3.0 — non-commercial — so
// Satisfy, which businesses run, does not use it (docs/sentiment.md).
import { SentimentDe, StemmerDe } from '@nlpjs/lang-de';
import { createLanguageModel } from '../lexicon';
import curated from './curated/de.json';
import { STOPWORDS } from './stopwords';

const stemmer = new StemmerDe();
const stem = (w: string) => stemmer.stemWord(w);

export const de = createLanguageModel({
	code: 'de',
	// Not folded: German has no machine-built list to match, and folding makes "schön" "schon".
	fold: false,
	curated,
	base: () => undefined,
	baseData: null,
	stem,
	negators: [
		...SentimentDe.negations.words,
		'nie',
		'niemals',
		'nichts',
		'niemand',
		'weder',
		'kaum'
	],
	shortNegators: ['ohne'],
	negatesBackward: true,
	baseSkipsStopwords: true,
	clauseWords: ['und', 'oder', 'sowie'],
	contrastWords: ['aber', 'jedoch', 'allerdings'],
	boosters: [
		'sehr',
		'wirklich',
		'extrem',
		'total',
		'super',
		'echt',
		'äußerst',
		'besonders',
		'richtig',
		'absolut',
		'unglaublich',
		'ausgesprochen',
		'höchst'
	],
	dampeners: ['etwas', 'bisschen', 'leicht', 'einigermaßen', 'halbwegs'],
	turnWords: ['sonst', 'ansonsten', 'trotzdem', 'obwohl', 'dennoch'],
	importanceWords: ['wichtig*', 'egal', 'zählt', 'bitte'],
	middleVerdicts: [
		'drei sterne',
		'so lala',
		'durchwachsen',
		'hält sich die waage',
		'weder gut noch schlecht',
		'licht und schatten'
	],
	starWords: ['stern', 'sterne', 'sternen'],
	waitWords: [
		'wart*',
		'gewartet',
		'schlange',
		'anstehen',
		'angestanden',
		'standen',
		'gestanden',
		'saßen',
		'gesessen',
		'festgesessen',
		'gebraucht',
		'gedauert',
		'dauerte',
		'verloren'
	],
	durationWords: ['minute*', 'min', 'stunde*', 'std', 'viertelstunde'],
	quickWords: ['in', 'innerhalb', 'binnen', 'nur', 'knapp', 'unter'],
	stopwords: STOPWORDS.de ?? []
});
