/**
 * A language model: how one language's tokens are looked up in that language's own word lists.
 * Never falls back to another language's list (German "die" is not English "die").
 */
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from './types';
import type { WordRecord } from './word-records';
import { tokenize, WORD } from './tokenize';
import { boundedCache } from './bounded-cache';

/** Our own service vocabulary per language (lexicons/curated/*.json). */
export type CuratedList = {
	source: string;
	/** AFINN scale −5…+5. A trailing `*` matches any word that starts with it; a space makes a phrase. */
	words: Record<string, number>;
};

export type Phrase = { rest: string[]; score: number; text: string };

/** What a token is to the scorer. */
export const PLAIN = 0;
export const NEGATOR = 1;
/** "without": reaches the next content word only. */
export const SHORT_NEGATOR = 2;
/** "but": the clause before weighs less. */
export const CONTRAST = 3;
/** "and", "or": ends a negation's reach. */
export const CLAUSE = 4;
export type TokenRole =
	typeof PLAIN | typeof NEGATOR | typeof SHORT_NEGATOR | typeof CONTRAST | typeof CLAUSE;

/** Everything the scorer needs about one token, found with one lookup. */
export type TokenInfo = {
	norm: string;
	role: TokenRole;
	/** AFINN scale; 0 for unknown words and for operators (negators, conjunctions). */
	score: number;
	/** Multi-word entries starting with this token, longest first. */
	phrases: Phrase[] | undefined;
	stopword: boolean;
	/** A clause word that turns ("otherwise", "though"): what follows does not share the tone before. */
	turn: boolean;
	/** A word for a number ("twee", "zwei"). */
	number: boolean;
	/** Says what matters to the writer ("care", "wichtig"): a clause with it praises nothing. */
	importance: boolean;
	/**
	 * An intensifier's pull on a word with a value that follows: +1 "very", −1 "slightly", else 0.
	 * Before such a word it has no value of its own (Dutch "zeer vriendelijk" is not "pain").
	 */
	intensity: number;
	/** Middle verdicts starting with this token ("so so", "drei Sterne"), longest first. */
	verdicts: Phrase[] | undefined;
	/** A word for stars, as in "3 stars". */
	star: boolean;
	/** Says someone waited or queued ("waited", "Schlange", "jono"). */
	wait: boolean;
	/** A unit of waiting time ("minutes", "Stunden", "uur"). */
	duration: boolean;
	/** Says a time was short ("within", "nur", "binnen"). */
	quick: boolean;
};

export type LanguageModel = {
	code: SupportedLanguage;
	/** Position in SUPPORTED_LANGUAGES: where word records keep this language's view. */
	index: number;
	/** The scorer's view of a lower-case token (memoised). */
	info(token: string): TokenInfo;
	/** Token as the lists see it (diacritics folded where the lists are folded). */
	norm(token: string): string;
	/** German and Dutch negate a verb from behind at a clause's end ("Die Heizung funktionierte nicht"). */
	negatesBackward: boolean;
	stopwords: Set<string>;
	/** Everything the scores depend on (lists, negators, options), for SENTIMENT_VERSION. */
	fingerprint: string;
	/** Stem of a normalised token, for grouping terms and matching factor keywords. */
	stem(normalised: string): string;
};

export type LanguageSpec = {
	code: SupportedLanguage;
	/** Strip diacritics before every lookup (the @nlpjs de/nl lists were built that way; Romanian is often typed without them). */
	fold: boolean;
	curated: CuratedList;
	/** The package word list, AFINN scale; receives the normalised token. */
	base(normalised: string): number | undefined;
	/** The package data `base` reads, fingerprinted into SENTIMENT_VERSION. */
	baseData: unknown;
	basePhrases?: Record<string, number>;
	stem(normalised: string): string;
	negators: string[];
	/** "without" and its kin: reach the next content word only ("ohne Begründung abgelehnt"). */
	shortNegators: string[];
	negatesBackward?: boolean;
	/** Conjunctions that end a negation's reach ("and", "or"). */
	clauseWords: string[];
	/** "but", "however": the clause after weighs more than the one before. */
	contrastWords: string[];
	/** "otherwise", "though": end a clause like `clauseWords`, and tone does not carry across them. */
	turnWords: string[];
	/** Words for numbers: a contrast word before one means "only" (Dutch "maar twee balies"). */
	numberWords?: string[];
	/** Words that say what matters ("care", "important", "wichtig"), `*` for a word start. */
	importanceWords: string[];
	/**
	 * The writer's own middle verdict on the whole text ("so so", "weder gut noch schlecht",
	 * "three stars"): it outweighs the words before and after it.
	 */
	middleVerdicts?: string[];
	/** Words for stars: "3 stars" is a middle verdict too. */
	starWords?: string[];
	/** Words for waiting or queueing, `*` for a word start: with a duration they make a complaint. */
	waitWords?: string[];
	/** Units of waiting time ("minutes", "hours"), `*` for a word start. */
	durationWords?: string[];
	/** Words that make a duration short ("within", "only"): "through in two minutes" is no complaint. */
	quickWords?: string[];
	/** "very", "sehr", "zeer": the next word with a value counts more; they have none themselves. */
	boosters: string[];
	/** "slightly", "etwas", "hieman": the next word with a value counts less. */
	dampeners: string[];
	stopwords: string[];
	/** A prefix that turns a positive word negative (Finnish epä-: epäystävällinen). */
	negatingPrefix?: string;
	/**
	 * The package list is machine-built and scores function words (Romanian "cât" −5, Finnish
	 * "on" +2, Dutch "genoeg" +4): skip it for the language's stop words. Our curated list still applies.
	 */
	baseSkipsStopwords?: boolean;
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const foldCache = boundedCache<string, string>(50_000);

/** Lower-case letters without diacritics: "întârziere" → "intarziere", "Verspätung" → "verspatung". */
export function foldDiacritics(s: string): string {
	let folded = foldCache.get(s);
	if (folded === undefined) {
		folded = s.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
		foldCache.set(s, folded);
	}
	return folded;
}

const MIN_PREFIX = 3;

export function createLanguageModel(spec: LanguageSpec): LanguageModel {
	const index = SUPPORTED_LANGUAGES.indexOf(spec.code);
	const norm = spec.fold ? foldDiacritics : (token: string) => token;
	const exact = new Map<string, number>();
	const prefixes = new Map<string, number>();
	const phrases = new Map<string, Phrase[]>();
	let longestPrefix = 0;

	const addPhrase = (entry: string, score: number) => {
		const tokens = wordsOf(entry).map(norm);
		const [first, ...rest] = tokens;
		if (first === undefined || rest.length === 0) return;
		const list = phrases.get(first) ?? [];
		list.push({ rest, score, text: tokens.join(' ') });
		// Longer phrases first, so "does not work" wins over a shorter entry with the same start.
		list.sort((a, b) => b.rest.length - a.rest.length);
		phrases.set(first, list);
	};
	const verdicts = new Map<string, Phrase[]>();
	const addVerdict = (entry: string) => {
		const tokens = wordsOf(entry).map(norm);
		const [first, ...rest] = tokens;
		if (first === undefined) return;
		const list = verdicts.get(first) ?? [];
		list.push({ rest, score: 0, text: tokens.join(' ') });
		list.sort((a, b) => b.rest.length - a.rest.length);
		verdicts.set(first, list);
	};
	for (const entry of spec.middleVerdicts ?? []) addVerdict(entry);
	for (const [entry, score] of Object.entries(spec.basePhrases ?? {})) addPhrase(entry, score);
	for (const [entry, score] of Object.entries(spec.curated.words)) {
		const key = norm(entry.toLowerCase());
		if (key.includes(' ')) addPhrase(key, score);
		else if (key.endsWith('*')) {
			const prefix = key.slice(0, -1);
			if (prefix.length < MIN_PREFIX)
				throw new Error(`${spec.code}: prefix "${entry}" is too short`);
			prefixes.set(prefix, score);
			longestPrefix = Math.max(longestPrefix, prefix.length);
		} else exact.set(key, score);
	}

	const curatedScore = (w: string): number | undefined => {
		const hit = exact.get(w);
		if (hit !== undefined) return hit;
		for (let k = Math.min(w.length, longestPrefix); k >= MIN_PREFIX; k--) {
			const p = prefixes.get(w.slice(0, k));
			if (p !== undefined) return p;
		}
		return undefined;
	};

	const lookup = (w: string): number => {
		const curated = curatedScore(w);
		if (curated !== undefined) return curated;
		const base = spec.baseSkipsStopwords && stopwords.has(w) ? undefined : spec.base(w);
		if (base !== undefined) return base;
		const prefix = spec.negatingPrefix;
		if (prefix !== undefined && w.length >= prefix.length + 4 && w.startsWith(prefix)) {
			const rest = lookup(w.slice(prefix.length));
			if (rest > 0) return -rest;
		}
		return 0;
	};

	const normSet = (words: string[]) => new Set(words.map((w) => norm(w.toLowerCase())));
	const stopwords = normSet(spec.stopwords);
	const scores = boundedCache<string, number>(100_000);
	const infos = boundedCache<string, TokenInfo>(100_000);
	const negators = normSet(spec.negators);
	const shortNegators = normSet(spec.shortNegators);
	const contrastWords = normSet(spec.contrastWords);
	const clauseWords = normSet(spec.clauseWords);
	const turnWords = normSet(spec.turnWords);
	const numberWords = normSet(spec.numberWords ?? []);
	const boosters = normSet(spec.boosters);
	const dampeners = normSet(spec.dampeners);
	const intensityOf = (w: string) => (boosters.has(w) ? 1 : dampeners.has(w) ? -1 : 0);
	const isImportance = wordMatcher(spec.importanceWords.map(norm));
	const isStar = wordMatcher((spec.starWords ?? []).map(norm));
	const isWait = wordMatcher((spec.waitWords ?? []).map(norm));
	const isDuration = wordMatcher((spec.durationWords ?? []).map(norm));
	const isQuick = wordMatcher((spec.quickWords ?? []).map(norm));
	const roleOf = (w: string): TokenRole => {
		if (shortNegators.has(w)) return SHORT_NEGATOR;
		if (negators.has(w) || (spec.code === 'en' && w.endsWith("n't"))) return NEGATOR;
		if (contrastWords.has(w)) return CONTRAST;
		if (clauseWords.has(w) || turnWords.has(w)) return CLAUSE;
		return PLAIN;
	};
	const wordScore = (w: string): number => {
		let s = scores.get(w);
		if (s === undefined) {
			s = lookup(w);
			scores.set(w, s);
		}
		return s;
	};
	const stems = boundedCache<string, string>(100_000);

	return {
		code: spec.code,
		index,
		info(token) {
			let info = infos.get(token);
			if (info === undefined) {
				const w = norm(token);
				const role = roleOf(w);
				const intensity = intensityOf(w);
				info = {
					norm: w,
					role,
					score: role === PLAIN ? wordScore(w) : 0,
					phrases: phrases.get(w),
					stopword: stopwords.has(w),
					turn: turnWords.has(w),
					number: numberWords.has(w),
					importance: isImportance(w),
					intensity,
					verdicts: verdicts.get(w),
					star: isStar(w),
					wait: isWait(w),
					duration: isDuration(w),
					quick: isQuick(w)
				};
				infos.set(token, info);
			}
			return info;
		},
		norm,
		negatesBackward: spec.negatesBackward ?? false,
		stopwords,
		fingerprint: fnv1a(JSON.stringify({ ...spec, base: undefined, stem: undefined })),
		stem(w) {
			let s = stems.get(w);
			if (s === undefined) {
				s = spec.stem(w);
				stems.set(w, s);
			}
			return s;
		}
	};
}

/** The word tokens of a list entry ("does not work" → does, not, work). */
function wordsOf(entry: string): string[] {
	const { text, kind } = tokenize(entry);
	return text.filter((_, i) => kind[i] === WORD);
}

/** Whether a normalised word is one of `words`, a trailing `*` matching any word that starts so. */
function wordMatcher(words: string[]): (w: string) => boolean {
	const exact = new Set(words.filter((w) => !w.endsWith('*')).map((w) => w.toLowerCase()));
	const starts = words.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1).toLowerCase());
	return (w) => exact.has(w) || starts.some((start) => w.startsWith(start));
}

/** 32-bit FNV-1a as 8 hex digits: a cheap fingerprint, not a security hash. */
export function fnv1a(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}

/** The model's view of a word token, through its word record when there is one. */
export function infoOf(
	model: LanguageModel,
	token: string,
	record: WordRecord | undefined
): TokenInfo {
	if (record === undefined) return model.info(token);
	let info = record.infos[model.index] as TokenInfo | undefined;
	if (info === undefined) record.infos[model.index] = info = model.info(token);
	return info;
}
