/**
 * Top terms of positive and negative texts: stop words of the text's language left out,
 * inflections grouped by stem and shown in their most frequent form, each text counted once
 * per term (one long rant does not make a trend).
 */
import { foldDiacritics, type LanguageModel } from './lexicon';
import { languageModel } from './lexicons';
import { STOPWORDS } from './lexicons/stopwords';
import { tokenize, WORD } from './tokenize';
import type { SentimentLabel } from './types';

export type TermCount = { term: string; count: number };
export type TopTerms = { positive: TermCount[]; negative: TermCount[] };
export type TermText = { text: string; language: string | null; label: SentimentLabel | null };

const MIN_LENGTH = 3;

/**
 * What a word token counts as: its stem in the text's language, so inflections count together;
 * null for short words and stop words.
 */
export function termKey(
	token: string,
	model: LanguageModel | undefined,
	stopwords: Set<string>
): string | null {
	if (token.length < MIN_LENGTH) return null;
	const normalised = model ? model.norm(token) : foldDiacritics(token);
	if (stopwords.has(normalised) || stopwords.has(token)) return null;
	return model ? model.stem(normalised) : normalised;
}

/** The form of a term its texts use most (by how often each was seen), the first in order on a tie. */
export function commonestForm(forms: Map<string, number>): string {
	let term = '';
	let best = 0;
	for (const [form, n] of forms) {
		if (n > best || (n === best && form < term)) {
			term = form;
			best = n;
		}
	}
	return term;
}

/** Every language's stop words: for words whose language is unknown. */
export const unionOfStopwords = new Set(
	Object.values(STOPWORDS)
		.flat()
		.map((w) => w.toLowerCase())
);

type Group = { texts: number; forms: Map<string, number> };

function collect(
	groups: Map<string, Group>,
	text: string,
	model: LanguageModel | undefined,
	stopwords: Set<string>
) {
	const { text: tokens, kind } = tokenize(text);
	const seen = new Set<string>();
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i]!;
		if (kind[i] !== WORD) continue;
		const key = termKey(token, model, stopwords);
		if (key === null) continue;
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { texts: 0, forms: new Map() }));
		group.forms.set(token, (group.forms.get(token) ?? 0) + 1);
		if (!seen.has(key)) {
			seen.add(key);
			group.texts++;
		}
	}
}

function ranked(groups: Map<string, Group>, limit: number): TermCount[] {
	const terms: TermCount[] = [];
	for (const group of groups.values())
		terms.push({ term: commonestForm(group.forms), count: group.texts });
	terms.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
	return terms.slice(0, limit);
}

/** Top terms for a set of texts of one language (texts without a language: every list's stop words are left out). */
export function topTerms(texts: TermText[], limit = 10): TopTerms {
	const positive = new Map<string, Group>();
	const negative = new Map<string, Group>();
	for (const { text, language, label } of texts) {
		if (label !== 'positive' && label !== 'negative') continue;
		const model = languageModel(language);
		const stopwords = model
			? model.stopwords
			: language && STOPWORDS[language]
				? new Set(STOPWORDS[language])
				: unionOfStopwords;
		collect(
			label === 'positive' ? positive : negative,
			typeof text === 'string' ? text : '',
			model,
			stopwords
		);
	}
	return { positive: ranked(positive, limit), negative: ranked(negative, limit) };
}
