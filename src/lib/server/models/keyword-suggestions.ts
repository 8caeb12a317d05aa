import { and, desc, eq, isNotNull } from 'drizzle-orm';
import {
	keywordSuggestions,
	type FactorSuggestions,
	type SuggestionText
} from '../../sentiment/keyword-suggestions';
import { scopedResponses, type Scope } from '../auth/scope';
import type { Queryable } from '../db';
import { answers, responses, reviews } from '../db/schema';
import { reviewConditions } from '../reviews/queries';
import type { ModelView } from './service';

/** Enough for a language's habits; reading more would slow the factor page, not change the words. */
const NEWEST_TEXTS = 5_000;

/**
 * The newest scored open answers: their language is the one the scorer used, so only texts with
 * a word list, whose stems and stop words the suggestions rely on.
 */
async function newestAnswers(db: Queryable, scope: Scope | null): Promise<SuggestionText[]> {
	const rows = await db
		.select({ text: answers.text, language: answers.sentimentLanguage })
		.from(answers)
		.innerJoin(responses, eq(responses.id, answers.responseId))
		.where(
			and(
				isNotNull(answers.text),
				isNotNull(answers.sentimentLabel),
				scopedResponses(scope, answers.responseId)
			)
		)
		.orderBy(desc(responses.submittedAt), desc(responses.id))
		.limit(NEWEST_TEXTS);
	return rows.flatMap(({ text, language }) => (text === null ? [] : [{ text, language }]));
}

/** The newest scored reviews, in the language they were scored in (as the file said, else detected). */
async function newestReviews(db: Queryable, scope: Scope | null): Promise<SuggestionText[]> {
	return db
		.select({ text: reviews.text, language: reviews.sentimentLanguage })
		.from(reviews)
		.where(and(isNotNull(reviews.sentimentLabel), reviewConditions({ limit: scope })))
		.orderBy(desc(reviews.reviewedAt), desc(reviews.id))
		.limit(NEWEST_TEXTS);
}

/**
 * Keywords to suggest for each of a model's factors (by key), from the clients' newest open
 * answers and reviews that the user may read.
 */
export async function suggestedKeywords(
	db: Queryable,
	factors: ModelView['factors'],
	scope: Scope | null
): Promise<Record<string, FactorSuggestions>> {
	const texts = [...(await newestAnswers(db, scope)), ...(await newestReviews(db, scope))];
	return keywordSuggestions(
		texts,
		factors.map(({ key, name, keywords, keywordsByLanguage }) => ({
			key,
			name,
			keywords,
			byLanguage: keywordsByLanguage
		}))
	);
}
