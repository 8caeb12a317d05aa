import {
	and,
	desc,
	eq,
	gte,
	inArray,
	isNotNull,
	lte,
	sql,
	type SQL,
	type SQLWrapper
} from 'drizzle-orm';
import { dimensionsOf } from '../../analytics/dimensions';
import { periodOf } from '../../analytics/periods';
import {
	sentimentSummary,
	type FactorSentiment,
	type Label,
	type LabelCounts,
	type SentimentRow
} from '../../analytics/sentiment-summary';
import { filterDimensions, type SentimentQuery } from '../../schemas/analytics';
import { topTerms } from '../../sentiment';
import { clientContext } from './cells';
import type { Queryable } from '../db';
import {
	answers,
	clients,
	responses,
	reviews,
	surveyVersions,
	type SentimentDetail
} from '../db/schema';
import { utcDay } from '../../dates';

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999Z`);

function surveyVersionIds(db: Queryable, surveyIds: number[]): number[] | null {
	if (!surveyIds.length) return null;
	return db
		.select({ id: surveyVersions.id })
		.from(surveyVersions)
		.where(inArray(surveyVersions.surveyId, surveyIds))
		.all()
		.map(({ id }) => id);
}

type TextRow = SentimentRow & {
	id: number;
	text: string;
	language: string | null;
	clientId: number | null;
	clientName: string | null;
	at: Date;
	words: { word: string; score: number }[];
};

type StoredText = Pick<
	TextRow,
	'id' | 'text' | 'label' | 'comparative' | 'language' | 'clientId' | 'clientName' | 'at'
> & { detail: SentimentDetail | null };

const textRow = (kind: TextRow['kind'], row: StoredText): TextRow => ({
	kind,
	id: row.id,
	text: row.text,
	day: utcDay(row.at),
	at: row.at,
	label: row.label,
	comparative: row.comparative,
	aspects: row.detail?.aspects ?? [],
	words: row.detail?.words ?? [],
	language: row.language,
	clientId: row.clientId,
	clientName: row.clientName
});

/** Scored open answers in the view: its surveys, dates and the filters their response had. */
function answerRows(db: Queryable, query: SentimentQuery): TextRow[] {
	const versions = surveyVersionIds(db, query.surveyId);
	const conditions: (SQL | undefined)[] = [
		isNotNull(answers.sentimentVersion),
		versions ? inArray(responses.surveyVersionId, versions) : undefined,
		query.from ? gte(responses.submittedAt, dayStart(query.from)) : undefined,
		query.to ? lte(responses.submittedAt, dayEnd(query.to)) : undefined
	];
	const required = filterDimensions(query).filter(
		(dimension) => !dimension.startsWith('language:')
	);
	return db
		.select({
			id: responses.id,
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
		.all()
		.filter((row) =>
			required.every((dimension) =>
				dimensionsOf(row.context, row.responseLanguage).includes(dimension)
			)
		)
		.filter((row) => !query.language || row.language === query.language)
		.map((row) => textRow('answer', { ...row, text: row.text ?? '' }));
}

/**
 * Reviews in the view. Reviews have no snapshot of a client's segment: with a segment, tag or
 * account-manager filter, only reviews linked to a client who matches it *now* count.
 */
function reviewRows(db: Queryable, query: SentimentQuery): TextRow[] {
	const conditions: (SQL | undefined)[] = [
		query.from ? gte(reviews.reviewedAt, dayStart(query.from)) : undefined,
		query.to ? lte(reviews.reviewedAt, dayEnd(query.to)) : undefined,
		query.reviewSource ? eq(reviews.source, query.reviewSource) : undefined,
		query.language ? eq(reviews.sentimentLanguage, query.language) : undefined
	];
	const required = filterDimensions(query).filter(
		(dimension) => !dimension.startsWith('language:')
	);
	const contexts = new Map<number, string[]>();
	const clientDimensions = (clientId: number) => {
		let dimensions = contexts.get(clientId);
		if (!dimensions)
			contexts.set(clientId, (dimensions = dimensionsOf(clientContext(db, clientId), '')));
		return dimensions;
	};
	return db
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
		.orderBy(desc(reviews.reviewedAt))
		.all()
		.filter(
			(row) =>
				!required.length ||
				(row.clientId !== null &&
					required.every((dimension) => clientDimensions(row.clientId!).includes(dimension)))
		)
		.map((row) => textRow('review', row));
}

export type SentimentReport = ReturnType<typeof sentimentReport>;

/** Everything the sentiment panels show for a view. */
export function sentimentReport(db: Queryable, query: SentimentQuery, latestCount = 10) {
	const rows = [
		...(query.texts === 'reviews' ? [] : answerRows(db, query)),
		...(query.texts === 'answers' ? [] : reviewRows(db, query))
	];
	const summary = sentimentSummary(rows, query.granularity);
	const latestPeriod = summary.periods.at(-1)?.key;
	const inLatest = rows.filter((row) => periodOf(row.day, query.granularity) === latestPeriod);
	const latestNegative = rows
		.filter((row) => row.label === 'negative')
		.sort((a, b) => b.at.getTime() - a.at.getTime())
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
		}));
	return {
		...summary,
		latestPeriod: latestPeriod ?? null,
		terms: topTerms(inLatest, 10),
		latestNegative
	};
}

/** Conditions on `responses.context` (the snapshot) for the view's segment, tag and manager filters. */
function snapshotConditions(query: SentimentQuery): SQL[] {
	return filterDimensions(query)
		.filter((name) => !name.startsWith('language:'))
		.map((name) => {
			const value = name.slice(name.indexOf(':') + 1);
			if (name.startsWith('tag:'))
				return sql`exists (select 1 from json_each(${responses.context}, '$.tags') where value = ${value})`;
			if (name.startsWith('segment:'))
				return sql`exists (select 1 from json_each(${responses.context}, '$.segments') where value = ${Number(value)})`;
			return sql`coalesce(json_extract(${responses.context}, '$.manager'), 'none') = ${value}`;
		});
}

/** Reviews count under a segment, tag or manager filter when their client matches it now (see reviewRows). */
function reviewClientConditions(db: Queryable, query: SentimentQuery): SQL[] {
	const required = filterDimensions(query).filter((name) => !name.startsWith('language:'));
	if (!required.length) return [];
	const clientIds = db
		.selectDistinct({ id: reviews.clientId })
		.from(reviews)
		.where(isNotNull(reviews.clientId))
		.all()
		.map(({ id }) => id!)
		.filter((id) => {
			const dimensions = dimensionsOf(clientContext(db, id), '');
			return required.every((name) => dimensions.includes(name));
		});
	return [clientIds.length ? inArray(reviews.clientId, clientIds) : sql`0`];
}

type ToneRow = { factor: string; label: Label; n: number; total: number };

/**
 * Each factor's tone — positive, neutral and negative sentences about it in open answers and
 * reviews — counted by SQLite over the stored aspects, without loading the texts: the CSI
 * dashboard shows it beside every factor's score.
 */
export function factorTone(db: Queryable, query: SentimentQuery): FactorSentiment[] {
	const versions = surveyVersionIds(db, query.surveyId);
	const aspects = (detail: SQLWrapper) => sql`json_each(${detail}, '$.aspects')`;
	const toneColumns = {
		factor: sql<string>`json_extract(aspect.value, '$.factor')`.as('factor'),
		label: sql<Label>`json_extract(aspect.value, '$.label')`.as('label'),
		n: sql<number>`count(*)`.as('n'),
		total: sql<number>`sum(json_extract(aspect.value, '$.comparative'))`.as('total')
	};
	const rows: ToneRow[] = [];
	if (query.texts !== 'reviews') {
		rows.push(
			...db
				.select(toneColumns)
				.from(
					sql`${answers} join ${responses} on ${responses.id} = ${answers.responseId}, ${aspects(answers.sentimentDetail)} as aspect`
				)
				.where(
					and(
						isNotNull(answers.sentimentDetail),
						versions ? inArray(responses.surveyVersionId, versions) : undefined,
						query.from ? gte(responses.submittedAt, dayStart(query.from)) : undefined,
						query.to ? lte(responses.submittedAt, dayEnd(query.to)) : undefined,
						query.language ? eq(answers.sentimentLanguage, query.language) : undefined,
						...snapshotConditions(query)
					)
				)
				.groupBy(sql`1, 2`)
				.all()
		);
	}
	if (query.texts !== 'answers') {
		rows.push(
			...db
				.select(toneColumns)
				.from(sql`${reviews}, ${aspects(reviews.sentimentDetail)} as aspect`)
				.where(
					and(
						isNotNull(reviews.sentimentDetail),
						query.from ? gte(reviews.reviewedAt, dayStart(query.from)) : undefined,
						query.to ? lte(reviews.reviewedAt, dayEnd(query.to)) : undefined,
						query.reviewSource ? eq(reviews.source, query.reviewSource) : undefined,
						query.language ? eq(reviews.sentimentLanguage, query.language) : undefined,
						...reviewClientConditions(db, query)
					)
				)
				.groupBy(sql`1, 2`)
				.all()
		);
	}
	const byFactor = new Map<string, { counts: LabelCounts; sum: number }>();
	for (const { factor, label, n, total } of rows) {
		let entry = byFactor.get(factor);
		if (!entry)
			byFactor.set(
				factor,
				(entry = {
					counts: { positive: 0, neutral: 0, negative: 0, notScored: 0, scored: 0 },
					sum: 0
				})
			);
		entry.counts[label] += n;
		entry.counts.scored += n;
		entry.sum += total;
	}
	return [...byFactor].map(([factor, { counts, sum }]) => ({
		factor,
		counts,
		meanComparative: sum / counts.scored
	}));
}
