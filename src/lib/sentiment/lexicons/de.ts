// German: SentiCon list and negations of @nlpjs/lang-de 4.26 (MIT, AXA Group Operations Spain),
// stemmed with its Snowball stemmer after folding umlauts, as the list was built; values −1…1 ×5.
import { SentimentDe, StemmerDe } from '@nlpjs/lang-de';
import { createLanguageModel } from '../lexicon';
import curated from './curated/de.json';
import { scaledList } from './scaled-list';
import { STOPWORDS } from './stopwords';

const stemmer = new StemmerDe();
const senticon = scaledList(SentimentDe.senticon, 5);
const stem = (w: string) => stemmer.stemWord(w);

export const de = createLanguageModel({
	code: 'de',
	fold: true,
	curated,
	base: (w) => senticon.get(stem(w)),
	baseData: SentimentDe.senticon,
	stem,
	negators: [...SentimentDe.negations.words, 'nie', 'niemals', 'nichts', 'niemand', 'weder', 'kaum'],
	shortNegators: ['ohne'],
	negatesBackward: true,
	baseSkipsStopwords: true,
	clauseWords: ['und', 'oder', 'sowie'],
	contrastWords: ['aber', 'jedoch', 'allerdings'],
	stopwords: STOPWORDS.de ?? []
});
