import { emojiScore } from './lexicons/emoji';
import {
	CLAUSE,
	CONTRAST,
	infoOf,
	NEGATOR,
	SHORT_NEGATOR,
	type LanguageModel,
	type Phrase
} from './lexicon';
import { AFTER_CONTRAST, BEFORE_CONTRAST, NEGATION_SCALAR, NEGATION_WINDOW } from './negation';
import { CLAUSE_BREAK, EMOJI, SENTENCE_BREAK, WORD, type Tokens } from './tokenize';
import type { WordScore } from './types';
import type { WordRecord } from './word-records';

/** A sentence as a token range, with its share of the score: what aspects.ts attributes to factors. */
export type SentenceScore = { start: number; end: number; score: number; tokens: number };

export type ScoredTokens = { score: number; words: WordScore[]; sentences: SentenceScore[] };

function matchPhrase(
	candidates: Phrase[],
	tokens: Tokens,
	model: LanguageModel,
	at: number
): Phrase | undefined {
	outer: for (const phrase of candidates) {
		for (let j = 0; j < phrase.rest.length; j++) {
			const i = at + 1 + j;
			if (tokens.kind[i] !== WORD || model.info(tokens.text[i]!).norm !== phrase.rest[j])
				continue outer;
		}
		return phrase;
	}
	return undefined;
}

/** True when the token at `at` ends a clause: end of text, punctuation, or a conjunction. */
function endsClause(tokens: Tokens, model: LanguageModel, at: number): boolean {
	if (at >= tokens.text.length) return true;
	const k = tokens.kind[at];
	if (k === SENTENCE_BREAK || k === CLAUSE_BREAK) return true;
	if (k !== WORD) return false;
	const role = model.info(tokens.text[at]!).role;
	return role === CLAUSE || role === CONTRAST;
}

/**
 * Sums the language's word scores over the tokens, with a negation window (negators reach
 * NEGATION_WINDOW tokens ahead, "without" the next content word; German and Dutch also negate
 * the word before a clause-final "nicht"/"niet"), contrast weighting around "but", and phrases.
 */
export function scoreTokens(
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[] = []
): ScoredTokens {
	const { text, kind } = tokens;
	const words: WordScore[] = [];
	const sentences: SentenceScore[] = [];
	let total = 0;
	let sentenceStart = 0;
	let sentenceScore = 0;
	let sentenceTokens = 0;
	let sentenceWords = 0;
	let clauseStart = 0;
	let negation = 0;
	let shortNegation = false;
	let weight = 1;
	// The last scored word, for negation from behind.
	let lastScoredAt = -1;
	let lastScored: WordScore | undefined;
	let lastNegated = false;

	for (let i = 0; i <= text.length; i++) {
		const k = kind[i];
		if (i === text.length || k === SENTENCE_BREAK) {
			if (sentenceTokens > 0)
				sentences.push({
					start: sentenceStart,
					end: i,
					score: sentenceScore,
					tokens: sentenceTokens
				});
			sentenceStart = clauseStart = i + 1;
			sentenceScore = sentenceTokens = 0;
			sentenceWords = words.length;
			negation = 0;
			weight = 1;
			continue;
		}
		if (k === CLAUSE_BREAK) {
			negation = 0;
			clauseStart = i + 1;
			continue;
		}
		sentenceTokens++;
		const token = text[i]!;
		let s = 0;
		let word = token;
		let negatable = true;
		let span = 0;
		let stopword = false;
		if (k === EMOJI) s = emojiScore(token);
		else if (k === WORD) {
			const info = infoOf(model, token, records[i]);
			stopword = info.stopword;
			const phrase = info.phrases && matchPhrase(info.phrases, tokens, model, i);
			if (phrase) {
				s = phrase.score;
				word = phrase.text;
				span = phrase.rest.length;
				// "never again", "not good": the phrase carries its own negation.
				negatable = info.role !== NEGATOR && info.role !== SHORT_NEGATOR;
			} else if (info.role === SHORT_NEGATOR) {
				negation = 1;
				shortNegation = true;
				continue;
			} else if (info.role === NEGATOR) {
				if (
					model.negatesBackward &&
					lastScored !== undefined &&
					!lastNegated &&
					lastScoredAt >= Math.max(clauseStart, i - 2) &&
					endsClause(tokens, model, i + 1)
				) {
					const flipped = lastScored.score * NEGATION_SCALAR;
					total += flipped - lastScored.score;
					sentenceScore += flipped - lastScored.score;
					lastScored.score = flipped;
					lastNegated = true;
				}
				negation = NEGATION_WINDOW;
				shortNegation = false;
				continue;
			} else if (info.role === CONTRAST) {
				for (let j = sentenceWords; j < words.length; j++) {
					const entry = words[j]!;
					const reduced = entry.score * BEFORE_CONTRAST;
					total += reduced - entry.score;
					sentenceScore += reduced - entry.score;
					entry.score = reduced;
				}
				weight = AFTER_CONTRAST;
				negation = 0;
				clauseStart = i + 1;
				continue;
			} else if (info.role === CLAUSE) {
				negation = 0;
				clauseStart = i + 1;
				continue;
			} else s = info.score;
		}
		if (s !== 0) {
			const negated = negation > 0 && negatable;
			if (negated) s *= NEGATION_SCALAR;
			s *= weight;
			lastScored = { word, score: s };
			lastScoredAt = i;
			lastNegated = negated;
			words.push(lastScored);
			total += s;
			sentenceScore += s;
		}
		if (span > 0) {
			i += span;
			sentenceTokens += span;
			negation = Math.max(0, negation - span - 1);
		} else if (negation > 0 && !(shortNegation && stopword)) negation--;
	}
	return { score: total, words, sentences };
}
