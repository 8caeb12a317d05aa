/**
 * Aspect sentiment: a sentence that mentions one of a factor's keywords counts toward that
 * factor. Keywords match case- and accent-insensitively on whole words, on word starts
 * ("delay" → delayed, "Verspätung" → Verspätungen, "myöhäs" → myöhästyi; from 4 letters), on
 * stems in the text's language ("întârziat" → "întârziere"), and inside compounds
 * ("Verspätung" → Flugverspätung; from 5 letters). Multi-word keywords match word by word.
 */
import { boundedCache, type BoundedCache } from './bounded-cache';
import { labelOf } from './labels';
import { foldDiacritics, type LanguageModel } from './lexicon';
import type { SentenceScore } from './score';
import { tokenize, WORD, type Tokens } from './tokenize';
import type { AspectSentiment, FactorKeywords, Thresholds } from './types';
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
	let byLanguage = compiled.get(factors);
	if (!byLanguage) compiled.set(factors, (byLanguage = new Map()));
	let c = byLanguage.get(model.code);
	if (c) return c;
	c = { singles: [], phrases: [], matches: boundedCache(20_000) };
	for (let index = 0; index < factors.length; index++) {
		for (const keyword of factors[index]!.keywords) {
			const { text, kind } = tokenize(keyword);
			const words = text.filter((_, i) => kind[i] === WORD);
			if (words.length === 1) c.singles.push({ factor: index, part: partOf(words[0]!, model) });
			else if (words.length > 1)
				c.phrases.push({ factor: index, parts: words.map((w) => partOf(w, model)) });
		}
	}
	byLanguage.set(model.code, c);
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

// Scratch buffers reused across calls (scoring is synchronous).
let mentioned = new Uint8Array(16);

export function aspectSentiments(
	tokens: Tokens,
	sentences: SentenceScore[],
	factors: FactorKeywords,
	model: LanguageModel,
	thresholds: Thresholds,
	records: (WordRecord | undefined)[] = []
): AspectSentiment[] {
	const c = compile(factors, model);
	const n = factors.length;
	if (mentioned.length < n) mentioned = new Uint8Array(n * 2);
	const score = new Array<number>(n).fill(0);
	const count = new Array<number>(n).fill(0);
	const mentions = new Array<number>(n).fill(0);
	const { text, kind } = tokens;

	for (const sentence of sentences) {
		let any = false;
		for (let i = sentence.start; i < sentence.end; i++) {
			if (kind[i] !== WORD) continue;
			const match = tokenMatch(c, text[i]!, model, records[i]);
			if (match === NO_MATCH) continue;
			for (const f of match.factors) mentioned[f] = 1;
			for (const phrase of match.phrases)
				if (phraseAt(c, phrase, tokens, model, i, sentence.end)) mentioned[phrase.factor] = 1;
			any = true;
		}
		if (!any) continue;
		for (let f = 0; f < n; f++) {
			if (mentioned[f] === 0) continue;
			mentioned[f] = 0;
			score[f] = score[f]! + sentence.score;
			count[f] = count[f]! + sentence.tokens;
			mentions[f] = mentions[f]! + 1;
		}
	}

	const aspects: AspectSentiment[] = [];
	for (let f = 0; f < n; f++) {
		if (mentions[f] === 0) continue;
		const comparative = count[f]! > 0 ? score[f]! / count[f]! : 0;
		aspects.push({
			factor: factors[f]!.key,
			score: score[f]!,
			comparative,
			label: labelOf(comparative, thresholds),
			sentences: mentions[f]!
		});
	}
	return aspects;
}
