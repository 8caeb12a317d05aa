/**
 * Aspect sentiment: a clause that mentions one of a factor's keywords gives that factor its tone
 * (`aspectSentiments`). Keywords match case- and accent-insensitively on whole words, on word starts
 * ("delay" → delayed, "Verspätung" → Verspätungen, "myöhäs" → myöhästyi; from 4 letters), on
 * stems in the text's language ("întârziat" → "întârziere"), and inside compounds
 * ("Verspätung" → Flugverspätung; from 5 letters). Multi-word keywords match word by word.
 */
import { boundedCache, type BoundedCache } from './bounded-cache';
import { labelOf } from './labels';
import { foldDiacritics, type LanguageModel } from './lexicon';
import type { ClauseScore, ScoredTokens } from './score';
import { tokenize, WORD, type Tokens } from './tokenize';
import type { AspectSentiment, FactorKeywords, Thresholds, WordScore } from './types';
import type { WordRecord } from './word-records';

const MIN_PREFIX = 4;
const MIN_INFIX = 5;

type KeywordPart = { whole: string; stem: string };
type KeywordPhrase = { factor: number; parts: KeywordPart[] };
/** What one token can do for the factors: the factors it names, the phrases it may start. */
type TokenMatch = { factors: readonly number[]; phrases: readonly KeywordPhrase[] };
type CompiledFactors = {
	singles: { factor: number; part: KeywordPart }[];
	phrases: KeywordPhrase[];
	matches: BoundedCache<string, TokenMatch>;
};

const NO_MATCH: TokenMatch = { factors: [], phrases: [] };
const compiled = new WeakMap<FactorKeywords, Map<string, CompiledFactors>>();

function partOf(word: string, model: LanguageModel): KeywordPart {
	return { whole: foldDiacritics(word), stem: foldDiacritics(model.stem(model.norm(word))) };
}

function partMatches(token: string, tokenStem: string, part: KeywordPart): boolean {
	const { whole, stem } = part;
	if (token === whole) return true;
	if (whole.length >= MIN_PREFIX && token.startsWith(whole)) return true;
	if (stem.length >= MIN_PREFIX && token.startsWith(stem)) return true;
	// An inflection shorter than the keyword: "întârziat" (stem întârz) for "întârziere" (întârzier).
	if (tokenStem.length >= MIN_INFIX && stem.startsWith(tokenStem)) return true;
	if (whole.length >= MIN_INFIX && token.includes(whole)) return true;
	return stem.length >= MIN_INFIX && token.includes(stem);
}

/** Compiled once per factors array and language: callers pass the same array for many texts. */
function compile(factors: FactorKeywords, model: LanguageModel): CompiledFactors {
	let perLanguage = compiled.get(factors);
	if (!perLanguage) compiled.set(factors, (perLanguage = new Map()));
	let c = perLanguage.get(model.code);
	if (c) return c;
	c = { singles: [], phrases: [], matches: boundedCache(20_000) };
	for (let index = 0; index < factors.length; index++) {
		const { keywords, byLanguage } = factors[index]!;
		for (const keyword of [...keywords, ...(byLanguage?.[model.code] ?? [])]) {
			const { text, kind } = tokenize(keyword);
			const words = text.filter((_, i) => kind[i] === WORD);
			if (words.length === 1) c.singles.push({ factor: index, part: partOf(words[0]!, model) });
			else if (words.length > 1)
				c.phrases.push({ factor: index, parts: words.map((w) => partOf(w, model)) });
		}
	}
	perLanguage.set(model.code, c);
	return c;
}

function tokenMatch(
	c: CompiledFactors,
	token: string,
	model: LanguageModel,
	record: WordRecord | undefined
): TokenMatch {
	if (record !== undefined && record.matchOwner === c) return record.match as TokenMatch;
	let match = c.matches.get(token);
	if (match === undefined) {
		const folded = foldDiacritics(token);
		const stem = foldDiacritics(model.stem(model.norm(token)));
		const factors = new Set<number>();
		for (const { factor, part } of c.singles)
			if (partMatches(folded, stem, part)) factors.add(factor);
		const phrases = c.phrases.filter((p) => partMatches(folded, stem, p.parts[0]!));
		match =
			factors.size === 0 && phrases.length === 0 ? NO_MATCH : { factors: [...factors], phrases };
		c.matches.set(token, match);
	}
	if (record !== undefined) {
		record.matchOwner = c;
		record.match = match;
	}
	return match;
}

function phraseAt(
	c: CompiledFactors,
	phrase: KeywordPhrase,
	tokens: Tokens,
	model: LanguageModel,
	at: number,
	end: number
): boolean {
	for (let j = 1; j < phrase.parts.length; j++) {
		const i = at + j;
		if (i >= end || tokens.kind[i] !== WORD) return false;
		const token = tokens.text[i]!;
		const folded = foldDiacritics(token);
		if (!partMatches(folded, foldDiacritics(model.stem(model.norm(token))), phrase.parts[j]!))
			return false;
	}
	return true;
}

/** Calls `mention` with each factor (by index) a keyword names in tokens `start` to `end`. */
function forEachMention(
	c: CompiledFactors,
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[],
	start: number,
	end: number,
	mention: (factor: number) => void
): void {
	for (let i = start; i < end; i++) {
		if (tokens.kind[i] !== WORD) continue;
		const match = tokenMatch(c, tokens.text[i]!, model, records[i]);
		if (match === NO_MATCH) continue;
		for (const f of match.factors) mention(f);
		for (const phrase of match.phrases)
			if (phraseAt(c, phrase, tokens, model, i, end)) mention(phrase.factor);
	}
}

/** The keys of the factors whose keywords a text mentions, matched as aspects match them. */
export function factorsMentioned(
	tokens: Tokens,
	factors: FactorKeywords,
	model: LanguageModel
): string[] {
	const found = new Set<number>();
	forEachMention(compile(factors, model), tokens, model, [], 0, tokens.text.length, (f) =>
		found.add(f)
	);
	return [...found].sort((a, b) => a - b).map((f) => factors[f]!.key);
}

// Scratch buffers reused across calls (scoring is synchronous).
let mentioned = new Uint8Array(16);
let lastSentence = new Int32Array(16);

/** Whether a clause's own words give it a tone: some have a value, and it does not just say what matters. */
const hasTone = (clause: ClauseScore) => clause.scored > 0 && !clause.importance;

/**
 * The clause whose tone a factor mentioned in clause `at` takes: its own when it has one; else
 * the nearest toned clause of its sentence, the following ones first ("the food and the drinks:
 * excellent"), never across a contrast ("nice snacks, but we left late"); else its own (neutral).
 */
function toneSource(clauses: ClauseScore[], at: number): number {
	const clause = clauses[at]!;
	if (hasTone(clause) || clause.importance) return at;
	for (let j = at + 1; j < clauses.length; j++) {
		const next = clauses[j]!;
		if (next.sentence !== clause.sentence || next.afterContrast) break;
		if (hasTone(next)) return j;
	}
	for (let j = at - 1; j >= 0; j--) {
		const previous = clauses[j]!;
		if (previous.sentence !== clause.sentence || clauses[j + 1]!.afterContrast) break;
		if (hasTone(previous)) return j;
	}
	return at;
}

/**
 * Each mentioned factor's tone: the clauses that mention it give it their own tone ("Nice snacks,
 * but we left 40 minutes late": snacks positive, punctuality negative), a clause without one the
 * tone of its neighbour (`toneSource`), and a clause that only says what matters none ("I care
 * most about leaving on time": a neutral mention). `words` are the words of those clauses, scored
 * before contrast weighting, so they sum to the factor's score.
 */
export function aspectSentiments(
	tokens: Tokens,
	scored: ScoredTokens,
	factors: FactorKeywords,
	model: LanguageModel,
	thresholds: Thresholds,
	records: (WordRecord | undefined)[] = []
): AspectSentiment[] {
	const { clauses } = scored;
	const c = compile(factors, model);
	const n = factors.length;
	if (mentioned.length < n) {
		mentioned = new Uint8Array(n * 2);
		lastSentence = new Int32Array(n * 2);
	}
	lastSentence.fill(-1, 0, n);
	// Per factor mentioned: the clauses whose tone it takes, each once.
	const sources: (number[] | undefined)[] = new Array(n);
	const mentions = new Array<number>(n).fill(0);

	for (let at = 0; at < clauses.length; at++) {
		const clause = clauses[at]!;
		let any = false;
		forEachMention(c, tokens, model, records, clause.start, clause.end, (f) => {
			mentioned[f] = 1;
			any = true;
		});
		if (!any) continue;
		const source = toneSource(clauses, at);
		for (let f = 0; f < n; f++) {
			if (mentioned[f] === 0) continue;
			mentioned[f] = 0;
			const taken = (sources[f] ??= []);
			if (!taken.includes(source)) taken.push(source);
			if (lastSentence[f] !== clause.sentence) {
				lastSentence[f] = clause.sentence;
				mentions[f] = mentions[f]! + 1;
			}
		}
	}

	const aspects: AspectSentiment[] = [];
	for (let f = 0; f < n; f++) {
		const taken = sources[f];
		if (!taken) continue;
		let score = 0;
		let count = 0;
		const words: WordScore[] = [];
		for (const source of taken.sort((a, b) => a - b)) {
			const clause = clauses[source]!;
			count += clause.tokens;
			if (clause.importance) continue;
			score += clause.score;
			for (let w = 0; w < scored.words.length; w++) {
				const at = scored.wordTokens[w]!;
				if (at >= clause.start && at < clause.end)
					words.push({ word: scored.words[w]!.word, score: scored.clauseScores[w]! });
			}
		}
		const comparative = count > 0 ? score / count : 0;
		aspects.push({
			factor: factors[f]!.key,
			score,
			comparative,
			label: labelOf(comparative, thresholds),
			sentences: mentions[f]!,
			words
		});
	}
	return aspects;
}
