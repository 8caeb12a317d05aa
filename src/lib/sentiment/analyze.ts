import { aspectSentiments } from './aspects';
import { detectLanguageOfTokens } from './detect-language';
import { DEFAULT_THRESHOLDS, labelOf } from './labels';
import { languageModel } from './lexicons';
import { scoreTokens } from './score';
import { tokenize } from './tokenize';
import type { AnalyzeOptions, TextSentiment } from './types';
import { wordRecords } from './word-records';

/** 'pt-BR' → 'pt', 'de_DE' → 'de', ' EN ' → 'en'. */
export function primaryLanguage(tag: string): string {
	return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): TextSentiment {
	const tokens = tokenize(typeof text === 'string' ? text : '');
	const given = options.language ? primaryLanguage(options.language) : '';
	const factors = options.factors;
	// Interning words pays when more than one stage reads them (detection, scoring, aspects).
	const records = given === '' || (factors && factors.length > 0) ? wordRecords(tokens) : [];
	const language = given !== '' ? given : detectLanguageOfTokens(tokens, records);
	const model = languageModel(language);
	if (!model)
		return {
			language,
			scored: false,
			score: 0,
			comparative: 0,
			label: null,
			words: [],
			aspects: []
		};

	const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
	const { score, words, clauses } = scoreTokens(tokens, model, records);
	const comparative = tokens.countable > 0 ? score / tokens.countable : 0;
	const aspects =
		factors && factors.length > 0
			? aspectSentiments(tokens, clauses, factors, model, thresholds, records)
			: [];
	// Labels come from the exact sums; what is shown and stored is rounded (−2.22, not −2.2199999999999998).
	return {
		language,
		scored: true,
		score: roundScore(score),
		comparative: roundComparative(comparative),
		label: labelOf(comparative, thresholds),
		words: words.map(({ word, score }) => ({ word, score: roundScore(score) })),
		aspects: aspects.map((aspect) => ({
			...aspect,
			score: roundScore(aspect.score),
			comparative: roundComparative(aspect.comparative)
		}))
	};
}

/** Scores on the word lists' scale, to two decimals. */
const roundScore = (score: number) => Math.round(score * 100) / 100 || 0;
/** Score per token, to four decimals (thresholds such as 0.055 have three). */
const roundComparative = (comparative: number) => Math.round(comparative * 10_000) / 10_000 || 0;
