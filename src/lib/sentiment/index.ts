/**
 * Multilingual sentiment of open answers and reviews: pure functions, no I/O after start-up
 * (word lists load once, at import). See docs/sentiment.md.
 */
export { SUPPORTED_LANGUAGES } from './types';
export type {
	AnalyzeOptions,
	AspectSentiment,
	FactorKeywords,
	KeywordsByLanguage,
	SentimentLabel,
	SupportedLanguage,
	TextSentiment,
	Thresholds,
	TopicSentiment,
	WordScore
} from './types';
export { analyzeText, mentionedFactors } from './analyze';
export { detectLanguage } from './detect-language';
export { DEFAULT_THRESHOLDS, labelOf } from './labels';
export { SENTIMENT_VERSION } from './version';
export { topTerms, type TermCount, type TermText, type TopTerms } from './terms';
