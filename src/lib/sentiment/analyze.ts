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
	const { score, words, sentences } = scoreTokens(tokens, model, records);
	const comparative = tokens.countable > 0 ? score / tokens.countable : 0;
	return {
		language,
		scored: true,
		score,
		comparative,
		label: labelOf(comparative, thresholds),
		words,
		aspects:
			factors && factors.length > 0
				? aspectSentiments(tokens, sentences, factors, model, thresholds, records)
				: []
	};
}
