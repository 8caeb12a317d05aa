// English: AFINN-165 (Finn Årup Nielsen, ODbL 1.0) as shipped by `sentiment` 5 (MIT), copied into
// our own map at start-up: `sentiment`'s `extras` option mutates its shared list, ours stays put.
import english from 'sentiment/languages/en/index.js';
import { createLanguageModel } from '../lexicon';
import curated from './curated/en.json';
import { STOPWORDS } from './stopwords';

const afinn = new Map<string, number>();
const afinnPhrases: Record<string, number> = {};
for (const [word, score] of Object.entries(english.labels)) {
	// `sentiment` adds its emoji list to this object when loaded; emoji are scored for every language in score.ts.
	if (!/\p{L}/u.test(word)) continue;
	if (word.includes(' ')) afinnPhrases[word] = score;
	else afinn.set(word, score);
}

const SUFFIXES = ['ingly', 'ness', 'ing', 'ies', 'ied', 'ed', 'es', 'ly', 's'];

/** A light suffix stripper (delays/delayed/delaying → delay) for grouping terms and matching factor keywords. */
export function englishStem(word: string): string {
	for (const suffix of SUFFIXES) {
		if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
			const stem = word.slice(0, -suffix.length);
			return suffix === 'ies' || suffix === 'ied' ? stem + 'y' : stem;
		}
	}
	return word;
}

export const en = createLanguageModel({
	code: 'en',
	fold: false,
	curated,
	base: (w) => afinn.get(w),
	baseData: english.labels,
	basePhrases: afinnPhrases,
	stem: englishStem,
	negators: [
		'not',
		'no',
		'never',
		'none',
		'nobody',
		'nothing',
		'neither',
		'nor',
		'cannot',
		'hardly',
		"can't",
		'cant',
		"don't",
		'dont',
		"doesn't",
		'doesnt',
		"didn't",
		'didnt',
		"isn't",
		'isnt',
		"wasn't",
		'wasnt',
		"aren't",
		'arent',
		"weren't",
		'werent',
		"won't",
		'wont',
		"wouldn't",
		'wouldnt',
		"shouldn't",
		'shouldnt',
		"couldn't",
		'couldnt',
		"haven't",
		'havent',
		"hasn't",
		'hasnt',
		"hadn't",
		'hadnt',
		"ain't",
		'aint'
	],
	shortNegators: ['without'],
	clauseWords: ['and', 'or'],
	contrastWords: ['but', 'however'],
	boosters: [
		'very',
		'really',
		'extremely',
		'so',
		'super',
		'totally',
		'absolutely',
		'incredibly',
		'highly',
		'truly',
		'utterly',
		'especially',
		'exceptionally'
	],
	dampeners: ['slightly', 'somewhat', 'bit', 'fairly', 'kinda', 'marginally'],
	turnWords: ['otherwise', 'though', 'although', 'except', 'apart'],
	importanceWords: [
		'care',
		'cares',
		'matter',
		'matters',
		'important',
		'importance',
		'priority',
		'prefer',
		'please'
	],
	middleVerdicts: [
		'so so',
		'three stars',
		'neither good nor bad',
		'nothing special nothing bad',
		'mixed feelings'
	],
	starWords: ['star', 'stars'],
	waitWords: [
		'wait*',
		'queue*',
		'queuing',
		'stood',
		'standing',
		'sat',
		'sitting',
		'stuck',
		'lasted'
	],
	durationWords: ['minute*', 'min', 'mins', 'hour*', 'hrs'],
	quickWords: ['in', 'within', 'only', 'just', 'under'],
	stopwords: STOPWORDS.en ?? []
});
