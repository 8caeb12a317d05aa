/**
 * One record per distinct word, shared by the pipeline's stages: language evidence, the
 * scorer's view in each language and the last factor match are computed once per word and then
 * read as fields, not looked up again per stage.
 */
import { BoundedCache } from './bounded-cache';
import { WORD, type Tokens } from './tokenize';

export type WordRecord = {
	/** Language evidence (detect-language.ts). */
	evidence: unknown;
	/** Scorer's view per language model index (lexicon.ts). */
	infos: unknown[];
	/** The compiled factors `match` was computed for, and the match (aspects.ts). */
	matchOwner: unknown;
	match: unknown;
};

const records = new BoundedCache<string, WordRecord>(100_000);

export function wordRecord(word: string): WordRecord {
	let r = records.get(word);
	if (r === undefined) {
		r = { evidence: undefined, infos: [], matchOwner: undefined, match: undefined };
		records.set(word, r);
	}
	return r;
}

/** Records aligned with the tokens; undefined where the token is not a word. */
export function wordRecords(tokens: Tokens): (WordRecord | undefined)[] {
	const { text, kind } = tokens;
	const out = new Array<WordRecord | undefined>(text.length);
	for (let i = 0; i < text.length; i++)
		out[i] = kind[i] === WORD ? wordRecord(text[i]!) : undefined;
	return out;
}
