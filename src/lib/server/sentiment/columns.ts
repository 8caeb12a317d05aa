import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
	analyzeText,
	SENTIMENT_VERSION,
	type FactorKeywords,
	type TextSentiment
} from '../../sentiment';
import type { Queryable } from '../db';
import { joinedTexts } from '../db/dialect';
import { preparedQuery } from '../db/prepared';
import { factors, topics } from '../db/schema';

/**
 * What scores texts today: the engine, the factors' keywords (for aspects) and the topics' words
 * (keyed by topic id), with one fingerprint.
 */
export type Scorer = { keywords: FactorKeywords; topics: FactorKeywords; version: string };

const factorKeywords = preparedQuery('factor_keywords', (db) =>
	db
		.select({
			key: factors.key,
			keywords: factors.keywords,
			byLanguage: factors.keywordsByLanguage
		})
		.from(factors)
);
// Every answered text needs the scorer; it changes only with the keywords, so one string of them
// as stored tells whether the last one still holds.
const keywordsAsStored = joinedTexts(
	sql`${factors.key} || ${'\x1f'} || cast(${factors.keywords} as text) || ${'\x1f'} || cast(${factors.keywordsByLanguage} as text)`,
	'\x1e'
);
const storedKeywords = preparedQuery('stored_keywords', (db) =>
	db.select({ text: keywordsAsStored }).from(factors)
);
const topicWordsAsStored = joinedTexts(
	sql`cast(${topics.id} as text) || ${'\x1f'} || cast(${topics.keywords} as text)`,
	'\x1e'
);
const storedTopicWords = preparedQuery('stored_topic_words', (db) =>
	db.select({ text: topicWordsAsStored }).from(topics)
);
const topicWords = preparedQuery('topic_words', (db) =>
	db.select({ id: topics.id, keywords: topics.keywords }).from(topics).orderBy(topics.id)
);

/** A scorer and the keywords and topic words, as stored, it was made from. */
export type KnownScorer = { stored: string | null; storedTopics: string | null; scorer: Scorer };
let lastScorer: KnownScorer | undefined;

/** The scorer this process made last, if any: `stillCurrent` tells, inside a statement, whether it holds. */
export const lastKnownScorer = (): KnownScorer | undefined => lastScorer;

/**
 * A condition true while the keywords and topic words are stored as they were for
 * `@storedKeywords` and `@storedTopics` (the `stored` and `storedTopics` of a KnownScorer, `''`
 * for none): a statement that stores a tone checks its scorer with it, instead of a query of its
 * own per submission. Another node may have changed them.
 */
export const stillCurrent = sql`coalesce((select ${keywordsAsStored} from ${factors}), '') = ${sql.placeholder('storedKeywords')} and coalesce((select ${topicWordsAsStored} from ${topics}), '') = ${sql.placeholder('storedTopics')}`;

/** The placeholders `stillCurrent` takes, for a scorer. */
export const storedWordsOf = ({ stored, storedTopics }: KnownScorer) => ({
	storedKeywords: stored ?? '',
	storedTopics: storedTopics ?? ''
});

/** The current scorer and the keywords it was made from, as currentScorer reads them. */
export async function currentKnownScorer(db: Queryable): Promise<KnownScorer> {
	const stored = (await storedKeywords.get(db))!.text;
	const storedTopics = (await storedTopicWords.get(db))!.text;
	if (lastScorer?.stored === stored && lastScorer.storedTopics === storedTopics) return lastScorer;
	// Per factor key: the words of every language under '', each language's own under its code.
	const byKey = new Map<string, Map<string, Set<string>>>();
	const add = (key: string, list: string, words: string[]) => {
		const lists = byKey.get(key) ?? new Map<string, Set<string>>();
		const merged = lists.get(list) ?? new Set<string>();
		words.forEach((word) => merged.add(word.toLowerCase()));
		byKey.set(key, lists.set(list, merged));
	};
	for (const { key, keywords, byLanguage } of await factorKeywords.all(db)) {
		add(key, '', keywords);
		for (const [language, words] of Object.entries(byLanguage)) add(key, language, words ?? []);
	}
	const sorted = (words: Set<string> | undefined) => [...(words ?? [])].sort();
	const keywords: FactorKeywords = [...byKey]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([key, lists]) => {
			const languages = [...lists]
				.filter(([language]) => language !== '')
				.sort(([a], [b]) => (a < b ? -1 : 1));
			const anyLanguage = { key, keywords: sorted(lists.get('')) };
			return languages.length
				? {
						...anyLanguage,
						byLanguage: Object.fromEntries(
							languages.map(([language, words]) => [language, sorted(words)])
						)
					}
				: anyLanguage;
		});
	const topicKeywords: FactorKeywords = (await topicWords.all(db)).map(({ id, keywords }) => ({
		key: String(id),
		keywords: [...new Set(keywords.map((word) => word.toLowerCase()))].sort()
	}));
	// Topics joined the fingerprint after factors: without any, it is what it was before them.
	const fingerprinted = topicKeywords.length ? { keywords, topics: topicKeywords } : keywords;
	const digest = createHash('sha256')
		.update(JSON.stringify(fingerprinted))
		.digest('hex')
		.slice(0, 12);
	lastScorer = {
		stored,
		storedTopics,
		scorer: { keywords, topics: topicKeywords, version: `${SENTIMENT_VERSION}+${digest}` }
	};
	return lastScorer;
}

/**
 * Every factor's keywords, merged by key across models (aspects are reported per factor key),
 * and a fingerprint that changes with the engine or any keyword: a stored score with another
 * fingerprint is re-scored in the background.
 */
export const currentScorer = async (db: Queryable): Promise<Scorer> =>
	(await currentKnownScorer(db)).scorer;

/**
 * The sentiment columns of a stored text (answers and reviews share them). A known language (the
 * one the respondent answered in, the review's own) is used as it is; only a text without one
 * has its language detected.
 */
export function sentimentColumnsFor(text: string, language: string | null, scorer: Scorer) {
	const result = analyzeText(text, { language, factors: scorer.keywords, topics: scorer.topics });
	return {
		sentimentLanguage: result.language,
		sentimentLabel: result.label,
		sentimentScore: result.scored ? result.score : null,
		sentimentComparative: result.scored ? result.comparative : null,
		sentimentDetail: result.scored ? detailOf(result) : null,
		sentimentVersion: scorer.version
	};
}

// Topics are stored only when the text mentions one, so details from before topics stay alike.
const detailOf = ({ words, aspects, topics: tagged }: TextSentiment) =>
	tagged.length ? { words, aspects, topics: tagged } : { words, aspects };
