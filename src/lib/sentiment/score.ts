import { emojiScore } from './lexicons/emoji';
import {
	CLAUSE,
	CONTRAST,
	infoOf,
	NEGATOR,
	SHORT_NEGATOR,
	type LanguageModel,
	type Phrase,
	type TokenInfo
} from './lexicon';
import {
	AFTER_CONTRAST,
	BEFORE_CONTRAST,
	INTENSITY_STEP,
	INTENSITY_WINDOW,
	NEGATION_SCALAR,
	NEGATION_WINDOW,
	QUICK_WINDOW,
	WAIT_SCORE
} from './negation';
import { CLAUSE_BREAK, EMOJI, NUMBER, SENTENCE_BREAK, WORD, type Tokens } from './tokenize';
import type { WordScore } from './types';
import type { WordRecord } from './word-records';

/**
 * A clause as a token range, with its own tone: what aspects.ts gives the factors it mentions.
 * Clauses end at punctuation and at the language's conjunctions and contrast words. `score` is
 * before contrast weighting ("but" weighs the clauses of a text against each other, not a clause's
 * tone); `scored` counts its words with a value; `importance` marks one that says what matters
 * ("I care most about leaving on time"), which praises nothing.
 */
export type ClauseScore = {
	start: number;
	end: number;
	sentence: number;
	score: number;
	tokens: number;
	scored: number;
	importance: boolean;
	/** Whether a contrast word ("but", "otherwise") opens it: tone does not carry across it. */
	afterContrast: boolean;
};

export type ScoredTokens = {
	score: number;
	words: WordScore[];
	/** Per word of `words`: the token it starts at, and its score before contrast weighting. */
	wordTokens: number[];
	clauseScores: number[];
	clauses: ClauseScore[];
};

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
 * The clause being read: where it started, what its tokens added up to so far, and whether it
 * has named a wait and the wait's length.
 */
type OpenClause = Omit<ClauseScore, 'end'> & { waitSeen: boolean; durationSeen: boolean };

/** Closes the clause that ends before token `end`; the next one starts after it. */
function endClause(
	clause: OpenClause,
	clauses: ClauseScore[],
	end: number,
	afterContrast: boolean
): void {
	// Spelt out: spreading the open clause costs more than the rest of the scoring.
	if (clause.tokens > 0)
		clauses.push({
			start: clause.start,
			end,
			sentence: clause.sentence,
			score: clause.score,
			tokens: clause.tokens,
			scored: clause.scored,
			importance: clause.importance,
			afterContrast: clause.afterContrast
		});
	clause.start = end + 1;
	clause.score = clause.tokens = clause.scored = 0;
	// Saying what matters reaches the end of its clause only: "Please fix this, the app is
	// terrible" still complains.
	clause.importance = clause.waitSeen = clause.durationSeen = false;
	clause.afterContrast = afterContrast;
}

/**
 * Takes back the words the open clause scored (it turned out to say what matters); returns the
 * score they had.
 */
function retractClause(
	clause: OpenClause,
	words: WordScore[],
	wordTokens: number[],
	clauseScores: number[]
): number {
	let retracted = 0;
	while (wordTokens.length > 0 && wordTokens[wordTokens.length - 1]! >= clause.start) {
		retracted += words.pop()!.score;
		wordTokens.pop();
		clauseScores.pop();
	}
	clause.score = clause.scored = 0;
	return retracted;
}

/** Whether the token at `at` is a number, in digits or words: "maar twee" is "only two". */
function beforeNumber(
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[],
	at: number
): boolean {
	const k = tokens.kind[at];
	if (k === NUMBER) return true;
	return k === WORD && infoOf(model, tokens.text[at]!, records[at]).number;
}

/** Whether a word with a value follows within an intensifier's reach, in the same clause. */
function scoredAhead(
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[],
	from: number
): boolean {
	const end = Math.min(tokens.text.length, from + INTENSITY_WINDOW);
	for (let j = from; j < end; j++) {
		const k = tokens.kind[j];
		if (k === EMOJI) return emojiScore(tokens.text[j]!) !== 0;
		if (k !== WORD) return false;
		const info = infoOf(model, tokens.text[j]!, records[j]);
		if (info.role === CLAUSE || info.role === CONTRAST) return false;
		if (info.score !== 0 || info.phrases) return true;
	}
	return false;
}

/** Whether a duration at `at` is said to be short: "within", "only" shortly before it. */
function quickDuration(
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[],
	at: number
): boolean {
	for (let j = Math.max(0, at - QUICK_WINDOW); j < at; j++)
		if (tokens.kind[j] === WORD && infoOf(model, tokens.text[j]!, records[j]).quick) return true;
	return false;
}

/** Whether the word at `at` completes a wait and its length in the open clause: a complaint. */
function completesWait(
	clause: OpenClause,
	info: TokenInfo,
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[],
	at: number
): boolean {
	const complete = clause.waitSeen && clause.durationSeen;
	if (info.wait) clause.waitSeen = true;
	if (info.duration && !quickDuration(tokens, model, records, at)) clause.durationSeen = true;
	return !complete && clause.waitSeen && clause.durationSeen;
}

/** Whether "3" followed by a word for stars starts at `at`: the writer's middle rating. */
function threeStars(
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[],
	at: number
): boolean {
	if (tokens.kind[at] !== NUMBER || tokens.text[at] !== '3') return false;
	const next = at + 1;
	return tokens.kind[next] === WORD && infoOf(model, tokens.text[next]!, records[next]).star;
}

/**
 * Sums the language's word scores over the tokens, with a negation window (negators reach
 * NEGATION_WINDOW tokens ahead, "without" the next content word; German and Dutch also negate
 * the word before a clause-final "nicht"/"niet"), contrast weighting around "but", and phrases.
 * A clause that says what matters ("Safety is what I care about most") praises nothing; a clause
 * with a wait and its length ("stood 70 minutes at the border") complains; the writer's middle
 * verdict ("so so", "3 stars") balances the whole text.
 */
export function scoreTokens(
	tokens: Tokens,
	model: LanguageModel,
	records: (WordRecord | undefined)[] = []
): ScoredTokens {
	const { text, kind } = tokens;
	const words: WordScore[] = [];
	const wordTokens: number[] = [];
	const clauseScores: number[] = [];
	const clauses: ClauseScore[] = [];
	let total = 0;
	let sentenceWords = 0;
	const clause: OpenClause = {
		start: 0,
		sentence: 0,
		score: 0,
		tokens: 0,
		scored: 0,
		importance: false,
		afterContrast: false,
		waitSeen: false,
		durationSeen: false
	};
	let negation = 0;
	let shortNegation = false;
	// The pending intensifier's pull (+1 "very", −1 "slightly") and how many tokens it still reaches.
	let intensity = 0;
	let intensityReach = 0;
	let weight = 1;
	// The last scored word, for negation from behind.
	let lastScoredAt = -1;
	let lastScored: WordScore | undefined;
	let lastNegated = false;
	let middleVerdict: string | undefined;

	for (let i = 0; i <= text.length; i++) {
		const k = kind[i];
		if (i === text.length || k === SENTENCE_BREAK) {
			endClause(clause, clauses, i, false);
			clause.sentence++;
			sentenceWords = words.length;
			negation = intensityReach = 0;
			weight = 1;
			continue;
		}
		if (k === CLAUSE_BREAK) {
			negation = intensityReach = 0;
			endClause(clause, clauses, i, false);
			continue;
		}
		if (k === NUMBER && threeStars(tokens, model, records, i)) {
			middleVerdict = `3 ${text[i + 1]}`;
			clause.tokens += 2;
			i++;
			continue;
		}
		clause.tokens++;
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
			const verdict = info.verdicts && matchPhrase(info.verdicts, tokens, model, i);
			if (verdict) {
				middleVerdict = verdict.text;
				clause.tokens += verdict.rest.length;
				i += verdict.rest.length;
				continue;
			}
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
					lastScoredAt >= Math.max(clause.start, i - 2) &&
					endsClause(tokens, model, i + 1)
				) {
					const flipped = lastScored.score * NEGATION_SCALAR;
					total += flipped - lastScored.score;
					// The word is in this clause (`clause.start` bounds it), weighed as it was.
					clause.score += (flipped - lastScored.score) / weight;
					clauseScores[clauseScores.length - 1] = flipped / weight;
					lastScored.score = flipped;
					lastNegated = true;
				}
				negation = NEGATION_WINDOW;
				shortNegation = false;
				continue;
			} else if (info.role === CONTRAST && !beforeNumber(tokens, model, records, i + 1)) {
				for (let j = sentenceWords; j < words.length; j++) {
					const entry = words[j]!;
					const reduced = entry.score * BEFORE_CONTRAST;
					total += reduced - entry.score;
					entry.score = reduced;
				}
				weight = AFTER_CONTRAST;
				negation = 0;
				clause.tokens--;
				endClause(clause, clauses, i, true);
				continue;
			} else if (info.role === CLAUSE) {
				negation = 0;
				clause.tokens--;
				endClause(clause, clauses, i, info.turn);
				continue;
			} else if (info.intensity !== 0 && scoredAhead(tokens, model, records, i + 1)) {
				intensity = info.intensity;
				intensityReach = INTENSITY_WINDOW;
				if (negation > 0) negation--;
				continue;
			} else s = info.score;
			if (info.importance && !clause.importance) {
				clause.importance = true;
				total -= retractClause(clause, words, wordTokens, clauseScores);
				lastScored = undefined;
			}
			if ((info.wait || info.duration) && completesWait(clause, info, tokens, model, records, i))
				if (s === 0) s = WAIT_SCORE;
		}
		if (clause.importance) s = 0;
		if (s !== 0 && intensityReach > 0) {
			s += Math.sign(s) * intensity * INTENSITY_STEP;
			intensityReach = 0;
		} else if (intensityReach > 0) intensityReach--;
		if (s !== 0) {
			const negated = negation > 0 && negatable;
			if (negated) s *= NEGATION_SCALAR;
			s *= weight;
			lastScored = { word, score: s };
			lastScoredAt = i;
			lastNegated = negated;
			words.push(lastScored);
			wordTokens.push(i);
			clauseScores.push(s / weight);
			total += s;
			clause.score += s / weight;
			clause.scored++;
		}
		if (span > 0) {
			i += span;
			clause.tokens += span;
			negation = Math.max(0, negation - span - 1);
		} else if (negation > 0 && !(shortNegation && stopword)) negation--;
	}
	if (middleVerdict !== undefined && total !== 0) {
		// The verdict is on the whole text, no clause's: token −1 keeps it out of every aspect.
		words.push({ word: middleVerdict, score: -total });
		wordTokens.push(-1);
		clauseScores.push(-total);
		total = 0;
	}
	return { score: total, words, wordTokens, clauseScores, clauses };
}
