/**
 * Language detection from tinyld's per-word votes plus stop-word evidence.
 *
 * tinyld on a whole text costs ~0.2 ms (40× `sentiment.analyze`); its pass over words is
 * context-free, so we ask it about each distinct word once, remember the answer, and add the
 * votes up per text. Stop words (stopwords-iso, 58 languages) add evidence where tinyld is weak
 * ("Great choice!" is Irish to tinyld). When the best language does not clearly lead, or the text
 * has fewer than two words, the answer is null: "not scored" beats a guess. Measured in
 * docs/sentiment.md.
 */
import { detectAll } from 'tinyld';
import { boundedCache } from './bounded-cache';
import { STOPWORDS } from './lexicons/stopwords';
import { tokenize, WORD, type Tokens } from './tokenize';
import { wordRecords, type WordRecord } from './word-records';

/** Weight of a stop word relative to tinyld's vote for a word (a vote sums to at most 1). */
const STOPWORD_WEIGHT = 1;
/** The leader needs this mean evidence per word… */
const MIN_SUPPORT = 0.2;
/** …and this lead over the runner-up. */
const MIN_LEAD = 1.5;
/**
 * Without a stop word of the leading language, the leader needs this mean support: real text
 * of two words or more nearly always has one, gibberish ("xkcd qwrtz plmbk") does not. Scripts
 * written without spaces (Japanese, Chinese, Thai) have no stop-word tokens and pass on tinyld's strength.
 */
const STRONG_SUPPORT = 0.5;
/** Fewer words than this (CJK: characters / 2) is too short to tell. */
const MIN_WORDS = 2;
/** tinyld's answers per word kept. */
const VOTES_PER_WORD = 3;
/** Evidence below this per word and language is dropped when the word is first seen. */
const MIN_EVIDENCE = 0.05;
/** Languages kept per word: the strongest few carry the signal. */
const LANGUAGES_PER_WORD = 4;
/** Words looked at: enough to tell, and long texts cost no more than short ones. */
const MAX_WORDS = 40;
/** Every this many words, stop early if the leader is already far ahead. */
const CHECK_EVERY = 6;
const DECISIVE_LEAD = 3;

const languages: string[] = [];
const indexOf = new Map<string, number>();
// One accumulator reused across calls (detection is synchronous); `touched` lists what to reset.
let totals = new Float64Array(128);
const touched: number[] = [];
/** Languages with a stop word in the current text. */
const withStopword: number[] = [];

function languageIndex(code: string): number {
	let i = indexOf.get(code);
	if (i === undefined) {
		i = languages.length;
		languages.push(code);
		indexOf.set(code, i);
		if (i >= totals.length) {
			const grown = new Float64Array(totals.length * 2);
			grown.set(totals);
			totals = grown;
		}
	}
	return i;
}

/** Word → languages whose stop-word list holds it, each weighted 1/(number of such languages). */
const stopwordEvidence = new Map<string, { languages: number[]; weight: number }>();
{
	const byWord = new Map<string, number[]>();
	for (const [code, words] of Object.entries(STOPWORDS)) {
		const index = languageIndex(code);
		for (const word of words) {
			const w = word.toLowerCase();
			if (!/\p{L}/u.test(w)) continue;
			const list = byWord.get(w) ?? [];
			if (!list.includes(index)) list.push(index);
			byWord.set(w, list);
		}
	}
	for (const [w, list] of byWord)
		stopwordEvidence.set(w, { languages: list, weight: STOPWORD_WEIGHT / list.length });
}

/** A word's evidence: tinyld's votes for it plus its stop-word lists, merged once and remembered. */
type Evidence = { languages: Int32Array; weights: Float64Array; stopwordOf: Int32Array };
const evidenceCache = boundedCache<string, Evidence>(100_000);

function wordEvidence(word: string, record: WordRecord | undefined): Evidence {
	if (record?.evidence !== undefined) return record.evidence as Evidence;
	let e = evidenceCache.get(word);
	if (e === undefined) {
		const merged = new Map<number, number>();
		for (const answer of detectAll(word).slice(0, VOTES_PER_WORD)) {
			const l = languageIndex(answer.lang);
			merged.set(l, (merged.get(l) ?? 0) + answer.accuracy);
		}
		const stop = stopwordEvidence.get(word);
		if (stop) for (const l of stop.languages) merged.set(l, (merged.get(l) ?? 0) + stop.weight);
		const kept = [...merged]
			.filter(([, weight]) => weight >= MIN_EVIDENCE)
			.sort((a, b) => b[1] - a[1])
			.slice(0, LANGUAGES_PER_WORD);
		e = {
			languages: Int32Array.from(kept, ([l]) => l),
			weights: Float64Array.from(kept, ([, w]) => w),
			stopwordOf: Int32Array.from(stop?.languages ?? [])
		};
		evidenceCache.set(word, e);
	}
	if (record) record.evidence = e;
	return e;
}

const UNSPACED =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Leader and runner-up of the accumulated evidence. */
function standings(reset: boolean): { best: number; first: number; second: number } {
	let best = -1;
	let first = 0;
	let second = 0;
	for (const l of touched) {
		const e = totals[l]!;
		if (reset) totals[l] = 0;
		if (e > first) {
			second = first;
			first = e;
			best = l;
		} else if (e > second) second = e;
	}
	if (reset) touched.length = 0;
	return { best, first, second };
}

export function detectLanguageOfTokens(
	tokens: Tokens,
	records?: (WordRecord | undefined)[]
): string | null {
	return detectionOfTokens(tokens, records).language;
}

/**
 * The detected language (null when undecided, as `detectLanguageOfTokens`), and the language with
 * the most evidence even then (null when none has any).
 */
export function detectionOfTokens(
	tokens: Tokens,
	records?: (WordRecord | undefined)[]
): { language: string | null; leader: string | null } {
	const { text, kind } = tokens;
	let words = 0;
	let size = 0;
	for (let i = 0; i < text.length; i++) {
		if (kind[i] !== WORD) continue;
		const w = text[i]!;
		words++;
		size += w.charCodeAt(0) >= 0x0e00 && UNSPACED.test(w) ? Math.floor(w.length / 2) : 1;
		const e = wordEvidence(w, records?.[i]);
		for (let j = 0; j < e.stopwordOf.length; j++) withStopword.push(e.stopwordOf[j]!);
		for (let j = 0; j < e.languages.length; j++) {
			const l = e.languages[j]!;
			if (totals[l] === 0) touched.push(l);
			totals[l] = totals[l]! + e.weights[j]!;
		}
		if (words === MAX_WORDS) break;
		if (words % CHECK_EVERY === 0) {
			const { first, second } = standings(false);
			if (first >= DECISIVE_LEAD * second && first / words >= MIN_SUPPORT) break;
		}
	}
	const { best, first, second } = standings(true);
	const hasStopword = withStopword.includes(best);
	withStopword.length = 0;
	const leader = languages[best] ?? null;
	const undecided = { language: null, leader };
	if (size < MIN_WORDS || best < 0) return undecided;
	if (first / words < MIN_SUPPORT || first < MIN_LEAD * second) return undecided;
	if (!hasStopword && first / words < STRONG_SUPPORT) return undecided;
	return { language: leader, leader };
}

/** ISO 639-1 code of the text's language, or null when it is too short or unclear. */
export function detectLanguage(text: string): string | null {
	const tokens = tokenize(typeof text === 'string' ? text : '');
	return detectLanguageOfTokens(tokens, wordRecords(tokens));
}
