/**
 * Keyword suggestions for factors, from the workspace's own texts. A manager who adds "Baggage"
 * does not know which words clients use for it in five languages; their texts do:
 * - the words of the sentences that mention a factor (by its keywords or its name), ranked by how
 *   much more often they occur there than in that language's texts overall (their lift);
 * - in a language where no text mentions the factor yet, the common words of the texts that
 *   mention no factor at all: what no factor covers yet.
 * Only words that could name a topic are suggested: no stop words, numbers or short words, no
 * word with a tone of its own ("slow" goes with every factor), and none a keyword finds already.
 */
import { factorsMentioned } from './aspects';
import { PLAIN, type LanguageModel } from './lexicon';
import { LANGUAGE_MODELS, languageModel } from './lexicons';
import { commonestForm, termKey, unionOfStopwords } from './terms';
import { SENTENCE_BREAK, tokenize, WORD, type Tokens } from './tokenize';
import { SUPPORTED_LANGUAGES, type FactorKeywords, type SupportedLanguage } from './types';

export type SuggestionText = { text: string; language: string | null };
export type SuggestionFactor = FactorKeywords[number] & { name: string };
export type KeywordSuggestion = { word: string; texts: number };
export type LanguageSuggestions = {
	/**
	 * `mentions`: words of the sentences that mention the factor, `texts` of them; `uncovered`: no
	 * text of the language mentions it, these are common in the texts that mention no factor.
	 */
	basis: 'mentions' | 'uncovered';
	words: KeywordSuggestion[];
};
export type FactorSuggestions = Partial<Record<SupportedLanguage, LanguageSuggestions>>;

/** Fewer texts than this are an anecdote, not the clients' usage. */
const MIN_TEXTS = 3;
const MAX_WORDS = 8;
/** Near the factor at least half again as often as overall: words common everywhere say nothing of it. */
const MIN_LIFT = 1.5;

/** Per term (a stem): how many texts contain it. */
type TextCounts = Map<string, number>;

/** What the texts of one language hold. */
type LanguageCounts = {
	texts: number;
	/** Every form a term was written in, and how often. */
	forms: Map<string, Map<string, number>>;
	overall: TextCounts;
	/** Per factor key: the texts that mention it. */
	mentioning: Map<string, number>;
	/** Per factor key: per term, the texts where it shares a sentence with a mention of the factor. */
	near: Map<string, TextCounts>;
	/** Per term, the texts that mention no factor. */
	uncovered: TextCounts;
};

const emptyCounts = (): LanguageCounts => ({
	texts: 0,
	forms: new Map(),
	overall: new Map(),
	mentioning: new Map(),
	near: new Map(),
	uncovered: new Map()
});

/**
 * A factor's keywords with its name added: the whole name ("Wi-Fi" matches "wi-fi"), and for a
 * factor without keywords yet each of its words too ("Baggage handling": baggage, handling). A
 * name often holds a word of the whole trade ("In-flight snacks": flight); keywords say better.
 */
function withName({ name, ...factor }: SuggestionFactor): FactorKeywords[number] {
	const hasKeywords =
		factor.keywords.length > 0 ||
		Object.values(factor.byLanguage ?? {}).some((words) => words.length > 0);
	const { text, kind } = tokenize(name);
	const words = hasKeywords
		? []
		: text.filter(
				(word, i) => kind[i] === WORD && termKey(word, undefined, unionOfStopwords) !== null
			);
	return { ...factor, keywords: [...factor.keywords, name, ...words] };
}

/** A word with no tone and no job in the scorer (negator, intensifier, number, "important"): one that can name a topic. */
function isTopicWord(token: string, model: LanguageModel): boolean {
	const info = model.info(token);
	return (
		info.score === 0 &&
		info.role === PLAIN &&
		info.intensity === 0 &&
		!info.number &&
		!info.importance
	);
}

/**
 * The text's sentences, each as tokens of its own. A sentence rather than a clause: clients often
 * name the subject before a colon or a comma ("Wi-Fi: slow, and it asked for a password twice").
 */
function sentencesOf(tokens: Tokens): Tokens[] {
	const sentences: Tokens[] = [];
	let start = 0;
	for (let i = 0; i <= tokens.text.length; i++) {
		if (i < tokens.text.length && tokens.kind[i] !== SENTENCE_BREAK) continue;
		if (i > start)
			sentences.push({
				text: tokens.text.slice(start, i),
				kind: tokens.kind.slice(start, i),
				countable: 0
			});
		start = i + 1;
	}
	return sentences;
}

/** The terms of a sentence's topic words, each form noted. */
function termsOf(sentence: Tokens, model: LanguageModel, counts: LanguageCounts): Set<string> {
	const terms = new Set<string>();
	sentence.text.forEach((token, i) => {
		if (sentence.kind[i] !== WORD) return;
		const term = termKey(token, model, model.stopwords);
		if (term === null || !isTopicWord(token, model)) return;
		terms.add(term);
		const forms = counts.forms.get(term) ?? new Map<string, number>();
		counts.forms.set(term, forms.set(token, (forms.get(token) ?? 0) + 1));
	});
	return terms;
}

const countEach = (counts: TextCounts, terms: Iterable<string>) => {
	for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
};

/** Counts one text: a term once per text, so one long rant does not make a trend. */
function countText(
	counts: LanguageCounts,
	text: string,
	model: LanguageModel,
	matchers: FactorKeywords
): void {
	const inText = new Set<string>();
	const nearFactor = new Map<string, Set<string>>();
	for (const sentence of sentencesOf(tokenize(text))) {
		const terms = termsOf(sentence, model, counts);
		terms.forEach((term) => inText.add(term));
		for (const key of factorsMentioned(sentence, matchers, model)) {
			const near = nearFactor.get(key) ?? new Set<string>();
			terms.forEach((term) => near.add(term));
			nearFactor.set(key, near);
		}
	}
	counts.texts++;
	countEach(counts.overall, inText);
	if (nearFactor.size === 0) countEach(counts.uncovered, inText);
	for (const [key, terms] of nearFactor) {
		counts.mentioning.set(key, (counts.mentioning.get(key) ?? 0) + 1);
		const near = counts.near.get(key) ?? new Map<string, number>();
		countEach(near, terms);
		counts.near.set(key, near);
	}
}

type Candidate = { term: string; texts: number };

/** Terms near the factor in enough texts, the most overrepresented there first. */
function byLift(counts: LanguageCounts, key: string, mentioning: number): Candidate[] {
	const lift = (term: string, near: number) =>
		near / mentioning / (counts.overall.get(term)! / counts.texts);
	return [...(counts.near.get(key) ?? [])]
		.filter(([term, near]) => near >= MIN_TEXTS && lift(term, near) >= MIN_LIFT)
		.map(([term, near]) => ({ term, texts: near, lift: lift(term, near) }))
		.sort((a, b) => b.lift - a.lift || b.texts - a.texts || a.term.localeCompare(b.term))
		.map(({ term, texts }) => ({ term, texts }));
}

/** Terms of the texts no factor covers, in enough of them, the most common first. */
function byFrequency(counts: LanguageCounts): Candidate[] {
	return [...counts.uncovered]
		.filter(([, texts]) => texts >= MIN_TEXTS)
		.map(([term, texts]) => ({ term, texts }))
		.sort((a, b) => b.texts - a.texts || a.term.localeCompare(b.term));
}

/** The first candidates, each as its clients write it most, that no keyword finds already. */
function wordsOf(
	candidates: Candidate[],
	counts: LanguageCounts,
	model: LanguageModel,
	matchers: FactorKeywords
): KeywordSuggestion[] {
	const words: KeywordSuggestion[] = [];
	for (const { term, texts } of candidates) {
		if (words.length === MAX_WORDS) break;
		const word = commonestForm(counts.forms.get(term)!);
		if (factorsMentioned(tokenize(word), matchers, model).length === 0) words.push({ word, texts });
	}
	return words;
}

function languageSuggestions(
	key: string,
	counts: LanguageCounts,
	model: LanguageModel,
	matchers: FactorKeywords
): LanguageSuggestions | undefined {
	const mentioning = counts.mentioning.get(key) ?? 0;
	const basis = mentioning > 0 ? 'mentions' : 'uncovered';
	const candidates = mentioning > 0 ? byLift(counts, key, mentioning) : byFrequency(counts);
	const words = wordsOf(candidates, counts, model, matchers);
	return words.length ? { basis, words } : undefined;
}

/**
 * Suggested keywords per factor key and language, from texts in the supported languages (others
 * are skipped: without a word list there are no stems or stop words to tell words apart).
 */
export function keywordSuggestions(
	texts: SuggestionText[],
	factors: SuggestionFactor[]
): Record<string, FactorSuggestions> {
	// One array for every text: matching compiles the keywords once per array and language.
	const matchers = factors.map(withName);
	const byLanguage = new Map<SupportedLanguage, LanguageCounts>();
	for (const { text, language } of texts) {
		const model = languageModel(language);
		if (!model) continue;
		const counts = byLanguage.get(model.code) ?? emptyCounts();
		byLanguage.set(model.code, counts);
		countText(counts, text, model, matchers);
	}
	const suggestionsOf = (key: string): FactorSuggestions => {
		const suggestions: FactorSuggestions = {};
		for (const language of SUPPORTED_LANGUAGES) {
			const counts = byLanguage.get(language);
			const found = counts && languageSuggestions(key, counts, LANGUAGE_MODELS[language], matchers);
			if (found) suggestions[language] = found;
		}
		return suggestions;
	};
	return Object.fromEntries(factors.map(({ key }) => [key, suggestionsOf(key)]));
}
