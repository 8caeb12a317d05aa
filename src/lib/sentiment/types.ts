export const SUPPORTED_LANGUAGES = ['en', 'de', 'nl', 'fi', 'ro'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/** Label boundaries on `comparative`: positive when above `positive`, negative when below `negative`. */
export type Thresholds = { positive: number; negative: number };

/**
 * A factor's keywords: `keywords` match in texts of any language (e.g. ['delay', 'Verspätung']),
 * `byLanguage` only in texts of their language (English "late" is not Dutch "laten").
 */
export type FactorKeywords = {
	key: string;
	keywords: string[];
	byLanguage?: KeywordsByLanguage;
}[];

/** Keyword lists that hold only for texts in their language. */
export type KeywordsByLanguage = Partial<Record<SupportedLanguage, string[]>>;

/** A token that drove the score, with its contribution after negation and contrast weighting. */
export type WordScore = { word: string; score: number };

export type AspectSentiment = {
	factor: string;
	score: number;
	comparative: number;
	label: SentimentLabel;
	/** Sentences that mention one of the factor's keywords. */
	sentences: number;
	/** The words that gave the factor its tone (those of the clauses it takes its tone from). */
	words: WordScore[];
};

/** The tone a text gives a topic (a manager's words such as "staff" or "app"), found as aspects are. */
export type TopicSentiment = Omit<AspectSentiment, 'factor'> & { topic: string };

export type TextSentiment = {
	/** Given (primary subtag, lower case) or detected; null when undetectable. */
	language: string | null;
	/** False when no word list exists for the language or it could not be detected. */
	scored: boolean;
	score: number;
	comparative: number;
	label: SentimentLabel | null;
	words: WordScore[];
	aspects: AspectSentiment[];
	/** Only the topics given in the options that the text mentions. */
	topics: TopicSentiment[];
};

export type AnalyzeOptions = {
	language?: string | null;
	thresholds?: Thresholds;
	factors?: FactorKeywords;
	/** Topics to tag the text with, each by its words (`key`: the topic's id), matched as factors are. */
	topics?: FactorKeywords;
};

export const isSupportedLanguage = (language: string): language is SupportedLanguage =>
	(SUPPORTED_LANGUAGES as readonly string[]).includes(language);
