import { and, desc, eq, gte, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import { dimensionsOf } from '../../analytics/dimensions';
import { periodOf } from '../../analytics/periods';
import type { Granularity } from '../../analytics/periods';
import {
	sentimentSummary,
	type Label,
	type LabelCounts,
	type MentionTone,
	type SentimentRow,
	type TopicSentiment
} from '../../analytics/sentiment-summary';
import { utcDay } from '../../dates';
import { filterDimensions, type SentimentQuery } from '../../schemas/analytics';
import { topTerms } from '../../sentiment';
import type { Queryable } from '../db';
import {
	answers,
	clients,
	responses,
	reviews,
	surveyVersions,
	type SentimentDetail
} from '../db/schema';
import { clientContext } from './cells';
import { TERM_TEXTS } from './sentiment';

/**
 * The sentiment panels computed the slow way, from every stored text, as Satisfy did before the
 * packed tone (tone-chunks.ts): the reference the packed report is tested against.
 */

type TopicMention = { topic: string; label: Label; comparative: number };

type TextRow = SentimentRow & {
	topics: TopicMention[];
	id: number;
	questionId: string;
	text: string;
	language: string | null;
	clientId: number | null;
	clientName: string | null;
	at: Date;
	words: { word: string; score: number }[];
};

type Stored = Omit<TextRow, 'kind' | 'day' | 'aspects' | 'topics' | 'words'> & {
	detail: SentimentDetail | null;
};

const textRow = (kind: TextRow['kind'], row: Stored): TextRow => ({
	...row,
	kind,
	day: utcDay(row.at),
	aspects: row.detail?.aspects ?? [],
	topics: row.detail?.topics ?? [],
	words: row.detail?.words ?? []
});

/** The tone of what mentions a topic: counts by label and mean comparative. */
function toneOfMentions(mentions: TopicMention[]): MentionTone {
	const counts: LabelCounts = { positive: 0, neutral: 0, negative: 0, notScored: 0, scored: 0 };
	for (const { label } of mentions) counts[label] += 1;
	counts.scored = mentions.length;
	const sum = mentions.reduce((total, { comparative }) => total + comparative, 0);
	return { counts, meanComparative: sum / mentions.length };
}

/** Each topic's tone over the rows and per period, topics and periods in key order. */
function topicTones(rows: TextRow[], granularity: Granularity): TopicSentiment[] {
	const byTopic = new Map<string, Map<string, TopicMention[]>>();
	for (const row of rows)
		for (const mention of row.topics) {
			const periods = byTopic.get(mention.topic) ?? new Map<string, TopicMention[]>();
			const key = periodOf(row.day, granularity);
			periods.set(key, [...(periods.get(key) ?? []), mention]);
			byTopic.set(mention.topic, periods);
		}
	return [...byTopic.keys()].sort().map((topic) => {
		const periods = byTopic.get(topic)!;
		return {
			topic,
			...toneOfMentions([...periods.values()].flat()),
			periods: [...periods.keys()]
				.sort()
				.map((key) => ({ key, ...toneOfMentions(periods.get(key)!) }))
		};
	});
}

async function answerRows(db: Queryable, query: SentimentQuery): Promise<TextRow[]> {
	const versions = query.surveyId.length
		? (
				await db
					.select({ id: surveyVersions.id })
					.from(surveyVersions)
					.where(inArray(surveyVersions.surveyId, query.surveyId))
			).map(({ id }) => id)
		: null;
	const conditions: (SQL | undefined)[] = [
		isNotNull(answers.sentimentVersion),
		versions ? inArray(responses.surveyVersionId, versions) : undefined,
		query.from ? gte(responses.submittedAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
		query.to ? lte(responses.submittedAt, new Date(`${query.to}T23:59:59.999Z`)) : undefined
	];
	const required = filterDimensions(query).filter((name) => !name.startsWith('language:'));
	return (
		await db
			.select({
				id: responses.id,
				questionId: answers.questionId,
				text: answers.text,
				label: answers.sentimentLabel,
				comparative: answers.sentimentComparative,
				detail: answers.sentimentDetail,
				language: answers.sentimentLanguage,
				at: responses.submittedAt,
				context: responses.context,
				responseLanguage: responses.language,
				clientId: responses.clientId,
				clientName: clients.name
			})
			.from(answers)
			.innerJoin(responses, eq(responses.id, answers.responseId))
			.leftJoin(clients, eq(clients.id, responses.clientId))
			.where(and(...conditions))
	)
		.filter((row) =>
			required.every((name) => dimensionsOf(row.context, row.responseLanguage).includes(name))
		)
		.filter((row) => !query.language || row.language === query.language)
		.map(({ context: _context, responseLanguage: _language, ...row }) =>
			textRow('answer', { ...row, text: row.text ?? '' })
		);
}

async function reviewRows(db: Queryable, query: SentimentQuery): Promise<TextRow[]> {
	const conditions: (SQL | undefined)[] = [
		query.from ? gte(reviews.reviewedAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
		query.to ? lte(reviews.reviewedAt, new Date(`${query.to}T23:59:59.999Z`)) : undefined,
		query.reviewSource ? eq(reviews.source, query.reviewSource) : undefined,
		query.language ? eq(reviews.sentimentLanguage, query.language) : undefined
	];
	const required = filterDimensions(query).filter((name) => !name.startsWith('language:'));
	const rows = await db
		.select({
			id: reviews.id,
			text: reviews.text,
			label: reviews.sentimentLabel,
			comparative: reviews.sentimentComparative,
			detail: reviews.sentimentDetail,
			language: reviews.sentimentLanguage,
			at: reviews.reviewedAt,
			clientId: reviews.clientId,
			clientName: clients.name
		})
		.from(reviews)
		.leftJoin(clients, eq(clients.id, reviews.clientId))
		.where(and(...conditions))
		.orderBy(desc(reviews.reviewedAt));
	const kept: typeof rows = [];
	for (const row of rows) {
		if (required.length) {
			if (row.clientId === null) continue;
			const dimensions = dimensionsOf(await clientContext(db, row.clientId), '');
			if (!required.every((name) => dimensions.includes(name))) continue;
		}
		kept.push(row);
	}
	return kept.map((row) => textRow('review', { ...row, questionId: '' }));
}

const newestFirst = (a: TextRow, b: TextRow) =>
	b.at.getTime() - a.at.getTime() ||
	(a.kind === b.kind ? 0 : a.kind === 'answer' ? -1 : 1) ||
	b.id - a.id ||
	(a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0);

/** The sentiment report from every text of the view. */
export async function sentimentFromTexts(
	db: Queryable,
	query: SentimentQuery,
	latestCount = 10,
	termCount = TERM_TEXTS
) {
	const rows = [
		...(query.texts === 'reviews' ? [] : await answerRows(db, query)),
		...(query.texts === 'answers' ? [] : await reviewRows(db, query))
	].sort(newestFirst);
	const summary = sentimentSummary(rows, query.granularity);
	const latestPeriod = summary.periods.at(-1)?.key ?? null;
	return {
		...summary,
		factors: summary.factors.sort((a, b) => (a.factor < b.factor ? -1 : 1)),
		topics: topicTones(rows, query.granularity),
		latestPeriod,
		terms: topTerms(
			rows
				.filter(
					({ day, label }) =>
						periodOf(day, query.granularity) === latestPeriod &&
						(label === 'positive' || label === 'negative')
				)
				.slice(0, termCount),
			10
		),
		latestNegative: rows
			.filter((row) => row.label === 'negative')
			.slice(0, latestCount)
			.map(({ kind, id, text, at, language, clientId, clientName, words, comparative }) => ({
				kind,
				id,
				text,
				at,
				language,
				clientId,
				clientName,
				words,
				comparative
			}))
	};
}
