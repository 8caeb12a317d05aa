// Dutch: Pattern list (CLiPS Pattern, BSD, via @nlpjs/lang-nl 4.26, MIT) and its negations,
// stemmed with the package's Snowball stemmer after folding diacritics; values −1…1 ×5.
import { SentimentNl, StemmerNl } from '@nlpjs/lang-nl';
import { createLanguageModel } from '../lexicon';
import curated from './curated/nl.json';
import { scaledList } from './scaled-list';
import { STOPWORDS } from './stopwords';

const stemmer = new StemmerNl();
const pattern = scaledList(SentimentNl.pattern, 5);
const stem = (w: string) => stemmer.stemWord(w);

export const nl = createLanguageModel({
	code: 'nl',
	fold: true,
	curated,
	base: (w) => pattern.get(stem(w)),
	baseData: SentimentNl.pattern,
	stem,
	negators: [...SentimentNl.negations.words, 'geen', 'noch', 'nergens'],
	shortNegators: ['zonder'],
	negatesBackward: true,
	baseSkipsStopwords: true,
	clauseWords: ['en', 'of'],
	contrastWords: ['maar', 'echter'],
	boosters: [
		'zeer',
		'erg',
		'heel',
		'echt',
		'super',
		'ontzettend',
		'enorm',
		'bijzonder',
		'uiterst',
		'hartstikke',
		'vreselijk'
	],
	dampeners: ['beetje', 'enigszins', 'ietwat', 'tamelijk'],
	numberWords: [
		'een',
		'één',
		'twee',
		'drie',
		'vier',
		'vijf',
		'zes',
		'zeven',
		'acht',
		'negen',
		'tien',
		'enkele',
		'weinig'
	],
	turnWords: ['verder', 'anders', 'toch', 'hoewel', 'overigens'],
	importanceWords: [
		'belangrijk*',
		'prioriteit',
		'uitmaakt',
		'telt',
		'alstublieft',
		'alsjeblieft',
		'graag'
	],
	middleVerdicts: [
		'drie sterren',
		'zo zo',
		'gemiddeld',
		'niet goed niet slecht',
		'niks bijzonders niks mis'
	],
	starWords: ['ster', 'sterren'],
	waitWords: [
		'wacht*',
		'gewacht',
		'rij',
		'stonden',
		'gestaan',
		'zaten',
		'vastgezeten',
		'vastgestaan',
		'duurde',
		'kostte'
	],
	durationWords: ['minuut', 'minuten', 'min', 'uur', 'uren', 'kwartier'],
	quickWords: ['in', 'binnen', 'maar', 'slechts', 'amper'],
	stopwords: STOPWORDS.nl ?? []
});
