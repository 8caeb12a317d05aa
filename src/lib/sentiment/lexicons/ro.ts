// Romanian: the AFINN translation of @nlpjs/lang-ro 4.26 (MIT), unstemmed in the package; we fold
// diacritics (text is often typed without them) and also index it by Snowball stem, so inflected
// forms meet their entry. Its negation list is empty: ours is below.
import { SentimentRo, StemmerRo } from '@nlpjs/lang-ro';
import { createLanguageModel, foldDiacritics } from '../lexicon';
import curated from './curated/ro.json';
import { STOPWORDS } from './stopwords';

const stemmer = new StemmerRo();
const stem = (w: string) => stemmer.stemWord(w);

const words = new Map<string, number>();
const stems = new Map<string, number[]>();
for (const [entry, score] of Object.entries(SentimentRo.afinn)) {
	if (!/\p{L}/u.test(entry) || entry.includes(' ') || score === 0) continue;
	const w = foldDiacritics(entry.toLowerCase());
	words.set(w, score);
	const s = stem(w);
	stems.set(s, [...(stems.get(s) ?? []), score]);
}
// A stem shared by entries of both signs says nothing; otherwise take the mean.
const byStem = new Map<string, number>();
for (const [s, scores] of stems) {
	if (scores.some((x) => x > 0) && scores.some((x) => x < 0)) continue;
	byStem.set(s, scores.reduce((a, b) => a + b, 0) / scores.length);
}

export const ro = createLanguageModel({
	code: 'ro',
	fold: true,
	curated,
	base: (w) => words.get(w) ?? byStem.get(stem(w)),
	baseData: SentimentRo.afinn,
	stem,
	negators: ['nu', 'n', 'nici', 'niciodată', 'nimic', 'nimeni', 'niciun', 'nicio'],
	shortNegators: ['fără'],
	baseSkipsStopwords: true,
	clauseWords: ['și', 'şi', 'sau', 'iar'],
	contrastWords: ['dar', 'însă'],
	boosters: [
		'foarte',
		'extrem',
		'super',
		'chiar',
		'total',
		'deosebit',
		'absolut',
		'teribil',
		'complet'
	],
	dampeners: ['puțin', 'putin', 'oarecum', 'cam'],
	turnWords: ['altfel', 'totuși', 'totusi', 'deși', 'desi'],
	importanceWords: ['important*', 'contează', 'conteaza', 'pasă', 'pasa', 'prioritate', 'rog'],
	middleVerdicts: ['trei stele', 'așa și așa', 'nici bun nici rău', 'nici prea prea'],
	starWords: ['stea', 'stele'],
	waitWords: ['așteptat', 'așteptăm', 'coadă', 'cozi', 'stat', 'blocați', 'durat', 'durează'],
	durationWords: ['minut', 'minute', 'min', 'oră', 'ore', 'orei'],
	quickWords: ['în', 'doar', 'numai', 'sub'],
	stopwords: STOPWORDS.ro ?? []
});
