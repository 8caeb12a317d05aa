import { aspectSentiments, factorsMentioned } from './aspects';
import { detectionOfTokens } from './detect-language';
import { DEFAULT_THRESHOLDS, labelOf } from './labels';
import { foldDiacritics } from './lexicon';
import { languageModel } from './lexicons';
import { scoreTokens } from './score';
import { tokenize } from './tokenize';
import type {
	AnalyzeOptions,
	AspectSentiment,
	FactorKeywords,
	TextSentiment,
	WordScore
} from './types';
import { wordListLanguageOf } from './word-list-language';
import { wordRecords } from './word-records';

/** 'pt-BR' → 'pt', 'de_DE' → 'de', ' EN ' → 'en'. */
export function primaryLanguage(tag: string): string {
	return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): TextSentiment {
	const tokens = tokenize(typeof text === 'string' ? text : '');
	const given = options.language ? primaryLanguage(options.language) : '';
	const factors = options.factors ?? [];
	const topics = options.topics ?? [];
	// Interning words pays when more than one stage reads them (detection, scoring, aspects).
	const records =
		given === '' || factors.length > 0 || topics.length > 0 ? wordRecords(tokens) : [];
	// What is known comes first; detection only when nothing is, and word lists when it cannot tell.
	let language: string | null = given;
	if (language === '') {
		const detected = detectionOfTokens(tokens, records);
		language = detected.language ?? wordListLanguageOf(tokens, records, detected.leader);
	}
	const model = languageModel(language);
	if (!model)
		return {
			language,
			scored: false,
			score: 0,
			comparative: 0,
			label: null,
			words: [],
			aspects: [],
			topics: []
		};

	const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
	const scored = scoreTokens(tokens, model, records);
	const { score, words } = scored;
	const comparative = tokens.countable > 0 ? score / tokens.countable : 0;
	// Labels come from the exact sums; what is shown and stored is rounded (−2.22, not
	// −2.2199999999999998), a score as the sum of its rounded words, so they still add up.
	const shownWords = roundWords(words);
	return {
		language,
		scored: true,
		score: sumOf(shownWords),
		comparative: roundComparative(comparative),
		label: labelOf(comparative, thresholds),
		words: shownWords,
		aspects: factors.length
			? aspectSentiments(tokens, scored, factors, model, thresholds, records).map(roundAspect)
			: [],
		// A topic is an aspect the manager named: it takes the tone of its clauses as a factor does.
		topics: topics.length
			? aspectSentiments(tokens, scored, topics, model, thresholds, records)
					.map(roundAspect)
					.map(({ factor, ...tone }) => ({ topic: factor, ...tone }))
			: []
	};
}

function roundAspect(aspect: AspectSentiment): AspectSentiment {
	const shown = roundWords(aspect.words);
	return {
		...aspect,
		score: sumOf(shown),
		comparative: roundComparative(aspect.comparative),
		words: shown
	};
}

/** Scores on the word lists' scale, to two decimals. */
const roundScore = (score: number) => Math.round(score * 100) / 100 || 0;
const roundWords = (words: WordScore[]) =>
	words.map(({ word, score }) => ({ word, score: roundScore(score) }));
const sumOf = (words: WordScore[]) => roundScore(words.reduce((sum, { score }) => sum + score, 0));
/** Score per token, to four decimals (thresholds such as 0.055 have three). */
const roundComparative = (comparative: number) => Math.round(comparative * 10_000) / 10_000 || 0;

/**
 * The keys of the factors a text in `language` mentions, matched as its aspects are (word starts,
 * stems, compounds; that language's own keywords too). A language without a word list has no
 * stems: its text is searched for the keywords of any language as they are written.
 */
export function mentionedFactors(
	text: string,
	language: string | null,
	factors: FactorKeywords
): string[] {
	const model = language ? languageModel(primaryLanguage(language)) : null;
	if (model) return factorsMentioned(tokenize(text), factors, model);
	const folded = foldDiacritics(text.toLocaleLowerCase());
	return factors
		.filter(({ keywords }) =>
			keywords.some((keyword) => folded.includes(foldDiacritics(keyword.toLocaleLowerCase())))
		)
		.map(({ key }) => key);
}
