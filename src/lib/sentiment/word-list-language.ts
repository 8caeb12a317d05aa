import { infoOf } from './lexicon';
import { LANGUAGE_MODELS } from './lexicons';
import { WORD, type Tokens } from './tokenize';
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from './types';
import type { WordRecord } from './word-records';

// At least this many words must speak for the language, and twice as many as for any other.
const MIN_EVIDENCE = 2;
const LEAD = 2;

/**
 * When nothing says a text's language and detection cannot tell (it is short: "Snelle douane en
 * vriendelijk personeel, top!"), the word list it reads best in: the language whose stop words
 * and scored words cover the most of its words, clearly ahead of the others. Null when none is,
 * and when detection leaned to a language without a list (Afrikaans reads well as Dutch).
 */
export function wordListLanguageOf(
	tokens: Tokens,
	records: (WordRecord | undefined)[],
	detectionLeader: string | null
): string | null {
	if (detectionLeader !== null && !isSupportedLanguage(detectionLeader)) return null;
	let best: string | null = null;
	let first = 0;
	let second = 0;
	for (const language of SUPPORTED_LANGUAGES) {
		const model = LANGUAGE_MODELS[language];
		let evidence = 0;
		for (let i = 0; i < tokens.text.length; i++) {
			if (tokens.kind[i] !== WORD) continue;
			const info = infoOf(model, tokens.text[i]!, records[i]);
			if (info.stopword || info.score !== 0 || info.phrases) evidence++;
		}
		if (evidence > first) {
			second = first;
			first = evidence;
			best = language;
		} else if (evidence > second) second = evidence;
	}
	return first >= MIN_EVIDENCE && first >= LEAD * second ? best : null;
}
