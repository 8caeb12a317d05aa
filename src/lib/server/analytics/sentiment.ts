import { inArray, sql } from 'drizzle-orm';
import { dimensionValue } from '../../analytics/dimensions';
import { periodEnd, periodOf, periodStart } from '../../analytics/periods';
import {
	type FactorSentiment,
	type KindCounts,
	type Label,
	type LabelCounts,
	type MentionTone,
	type TopicSentiment
} from '../../analytics/sentiment-summary';
import { labelCodes, type ToneChunk } from '../../analytics/tone-chunk';
import { filterDimensions, type SentimentQuery } from '../../schemas/analytics';
import { topTerms } from '../../sentiment';
import type { Queryable } from '../db';
import { inPgSnapshot, pgRows } from '../db/dialect';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { onPostgres } from '../db/transaction';
import { surveyVersions } from '../db/schema';
import { clientIdsMatching } from '../clients/queries';
import { getSegment } from '../clients/segments';
import { ByName, type NameBook } from './names';
import { signatureDimensions } from './score-chunks';
import {
	answerSource,
	languageName,
	nameAfter,
	reviewSource,
	sqliteToneDaysIn,
	toneDaysIn,
	toneSources,
	type PackedToneDays
} from './tone-chunks';

/**
 * The sentiment panels, counted from the packed tone of each day's texts (tone-chunks.ts), so a
 * view costs a pass over a few bytes per text, not a read of every text. Only the texts shown —
 * the newest negative ones, and those the top terms are counted in — are read.
 */

/** Top terms are counted in the newest this many positive and negative texts of the latest period. */
export const TERM_TEXTS = 2000;

async function surveyVersionIds(db: Queryable, surveyIds: number[]): Promise<number[] | null> {
	if (!surveyIds.length) return null;
	return (
		await db
			.select({ id: surveyVersions.id })
			.from(surveyVersions)
			.where(inArray(surveyVersions.surveyId, surveyIds))
	).map(({ id }) => id);
}

/** The sources of the texts a view reads: its surveys' open answers, the reviews of its source. */
async function sourcesOf(db: Queryable, query: SentimentQuery): Promise<string[]> {
	const versions = await surveyVersionIds(db, query.surveyId);
	const answers = new Set(versions?.map(answerSource));
	return (await toneSources(db)).filter((source) =>
		source.startsWith('answers:')
			? query.texts !== 'reviews' && (!versions || answers.has(source))
			: query.texts !== 'answers' &&
				(!query.reviewSource || source === reviewSource(query.reviewSource))
	);
}

const tagIds = sqlStatement('select id, name from tags');
const clientsOfTags = sqlStatement(
	'select client_id from client_tags where tag_id in (select value from json_each(?))'
);
const clientsOfManager = sqlStatement('select id from clients where account_manager_id = ?');
const clientsWithoutManager = sqlStatement(
	'select id from clients where account_manager_id is null'
);

/**
 * Reviews have no snapshot of a client's segment: with a segment, tag or account-manager filter,
 * only reviews linked to a client whose record matches it *now* count. The clients who do.
 */
async function clientsMatching(db: Queryable, required: string[]): Promise<Set<number>> {
	const sets: number[][] = [];
	for (const name of required) sets.push(await clientsOfDimension(db, name));
	return sets.reduce(
		(matching, ids) => new Set(ids.filter((id) => matching.has(id))),
		new Set(sets[0])
	);
}

/** The clients whose record matches one filter now. */
async function clientsOfDimension(db: Queryable, name: string): Promise<number[]> {
	const segment = dimensionValue('segment', name);
	if (segment !== null) {
		const saved = await getSegment(db, Number(segment));
		return saved ? await clientIdsMatching(db, saved.filter) : [];
	}
	const tag = dimensionValue('tag', name);
	const manager = dimensionValue('manager', name);
	if (onPostgres(db)) {
		const ids = async (query: ReturnType<typeof sql>) =>
			(await pgRows<[number]>(db, query)).map(([id]) => id);
		if (tag !== null) {
			const named = (await pgRows<[number, string]>(db, sql`select id, name from tags`))
				.filter(([, tagName]) => tagName.toLowerCase() === tag)
				.map(([id]) => id);
			return ids(
				sql`select client_id from client_tags where tag_id in (select cast(value as bigint) from json_array_elements_text(cast(${JSON.stringify(named)} as json)))`
			);
		}
		if (manager === 'none')
			return ids(sql`select id from clients where account_manager_id is null`);
		return manager === null
			? []
			: ids(sql`select id from clients where account_manager_id = ${Number(manager)}`);
	}
	if (tag !== null) {
		const named = (tagIds(db).raw().all() as [number, string][])
			.filter(([, tagName]) => tagName.toLowerCase() === tag)
			.map(([id]) => id);
		return clientsOfTags(db).pluck().all(JSON.stringify(named)) as number[];
	}
	if (manager === 'none') return clientsWithoutManager(db).pluck().all() as number[];
	return manager === null ? [] : (clientsOfManager(db).pluck().all(manager) as number[]);
}

type Kind = 'answer' | 'review';

/** A text as the lists see it before it is read. */
type TextRef = { kind: Kind; id: number; question: string; at: number };

/** Newest first; at the same moment answers before reviews, then by id and question. */
const newestFirst = (a: TextRef, b: TextRef) =>
	b.at - a.at ||
	(a.kind === b.kind ? 0 : a.kind === 'answer' ? -1 : 1) ||
	b.id - a.id ||
	(a.question < b.question ? -1 : a.question > b.question ? 1 : 0);

/** The texts of one day and source, with which of them the view keeps (all when null); false stops the visit. */
type Visit = (
	kind: Kind,
	day: string,
	chunk: ToneChunk,
	kept: Uint8Array | null,
	names: NameBook
) => boolean;

/**
 * What a view reads besides the packed texts, looked up before they are: the sources of its
 * texts, its filters but the language, and the clients whose reviews those filters keep.
 */
type TextView = { sources: string[]; required: string[]; clients: Set<number> | null };

async function textViewOf(db: Queryable, query: SentimentQuery): Promise<TextView> {
	const required = filterDimensions(query).filter((name) => !name.startsWith('language:'));
	return {
		sources: await sourcesOf(db, query),
		required,
		clients: required.length ? await clientsMatching(db, required) : null
	};
}

type DayRange = { from?: string | undefined; to?: string | undefined };

/**
 * Calls `visit` for every day of the view's texts (the packed texts of its sources over a range of
 * days, read by `tonesOf`), newest first, with the view's filters and language: for answers the
 * dimensions their response had, for reviews their client's now.
 */
function visitTexts(
	query: SentimentQuery,
	{ required, clients }: TextView,
	{ days, names }: PackedToneDays,
	visit: Visit
): void {
	const language = query.language ? names.idOf(languageName(query.language)) : null;
	const answerMatches = new ByName((signature) => {
		const dimensions = signatureDimensions(names.nameOf(signature));
		return required.every((name) => dimensions.includes(name));
	});
	const filtered = language !== null || required.length > 0;
	// Newest days first: the newest texts are found early, and older ones passed over.
	const newestDays = days.toSorted((a, b) =>
		a.day === b.day ? (a.source < b.source ? -1 : 1) : a.day < b.day ? 1 : -1
	);
	for (const { source, day, chunk } of newestDays) {
		const answers = source.startsWith('answers:');
		let kept: Uint8Array | null = null;
		if (filtered) {
			const { count, signatures, languages } = chunk;
			kept = new Uint8Array(count);
			for (let row = 0; row < count; row++) {
				if (language !== null && languages[row] !== language) continue;
				const signature = signatures[row]!;
				kept[row] = (
					answers
						? answerMatches.get(signature)
						: !clients || (signature !== 0 && clients.has(signature))
				)
					? 1
					: 0;
			}
		}
		if (!visit(answers ? 'answer' : 'review', day, chunk, kept, names)) return;
	}
}

const refOf = (
	kind: Kind,
	day: string,
	chunk: ToneChunk,
	row: number,
	names: NameBook
): TextRef => ({
	kind,
	id: chunk.ids[row]!,
	question: kind === 'answer' ? nameAfter('question', names.nameOf(chunk.questions[row]!)) : '',
	at: Date.parse(`${day}T00:00:00Z`) + chunk.times[row]!
});

const emptyCounts = (): number[] => [0, 0, 0, 0];

function asLabelCounts([notScored, positive, neutral, negative]: number[]): LabelCounts {
	return {
		positive: positive!,
		neutral: neutral!,
		negative: negative!,
		notScored: notScored!,
		scored: positive! + neutral! + negative!
	};
}

function asKindCounts(answers: number[], reviews: number[]): KindCounts {
	return {
		answers: asLabelCounts(answers),
		reviews: asLabelCounts(reviews),
		both: asLabelCounts(answers.map((n, code) => n + reviews[code]!))
	};
}

type Counted = {
	total: KindCounts;
	periods: ({ key: string } & KindCounts)[];
	factors: FactorSentiment[];
	topics: TopicSentiment[];
	newestNegative: TextRef[];
};

const NEGATIVE = labelCodes.indexOf('negative');

/** Labels counted by code, and the sum of the comparatives, of one factor's or topic's mentions. */
type Tally = { counts: number[]; sum: number };
const emptyTally = (): Tally => ({ counts: emptyCounts(), sum: 0 });

function toneOf({ counts, sum }: Tally): MentionTone {
	const labelCounts = asLabelCounts(counts);
	return { counts: labelCounts, meanComparative: sum / labelCounts.scored };
}

const byKey = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : 1);

/**
 * Counts the view's texts by kind and label, overall and per period, the tone of every factor
 * their sentences mention, and of every topic overall and per period, and keeps the `newest`
 * negative ones.
 */
function countTones(
	query: SentimentQuery,
	view: TextView,
	newest: number,
	tones: PackedToneDays
): Counted {
	const total = { answer: emptyCounts(), review: emptyCounts() };
	const periods = new Map<string, { answer: number[]; review: number[] }>();
	const factors = new Map<string, Tally>();
	const topics = new Map<string, { total: Tally; periods: Map<string, Tally> }>();
	const negatives: TextRef[] = [];
	visitTexts(query, view, tones, (kind, day, chunk, kept, names) => {
		const key = periodOf(day, query.granularity);
		// What one mention adds to: a factor's tally, or a topic's over the view and in this period.
		const talliesOf = new ByName((aspect): Tally[] => {
			const name = names.nameOf(aspect);
			if (name.startsWith('topic:')) {
				const topic = nameAfter('topic', name);
				let entry = topics.get(topic);
				if (!entry) topics.set(topic, (entry = { total: emptyTally(), periods: new Map() }));
				let inPeriod = entry.periods.get(key);
				if (!inPeriod) entry.periods.set(key, (inPeriod = emptyTally()));
				return [entry.total, inPeriod];
			}
			const factor = nameAfter('factor', name);
			let entry = factors.get(factor);
			if (!entry) factors.set(factor, (entry = emptyTally()));
			return [entry];
		});
		const counts = total[kind];
		let period = periods.get(key)?.[kind];
		const dayStart = Date.parse(`${day}T00:00:00Z`);
		const { count, labels, times, aspectStarts, aspectFactors, aspectLabels, aspectComparatives } =
			chunk;
		for (let row = 0; row < count; row++) {
			if (kept && !kept[row]) continue;
			const label = labels[row]!;
			if (!period) {
				const both = { answer: emptyCounts(), review: emptyCounts() };
				periods.set(key, both);
				period = both[kind];
			}
			counts[label]! += 1;
			period[label]! += 1;
			for (let at = aspectStarts[row]!; at < aspectStarts[row + 1]!; at++)
				for (const tally of talliesOf.get(aspectFactors[at]!)) {
					tally.counts[aspectLabels[at]!]! += 1;
					tally.sum += aspectComparatives[at]!;
				}
			if (label !== NEGATIVE || newest === 0) continue;
			// Older than the oldest kept: no need to look closer.
			if (negatives.length === newest && dayStart + times[row]! < negatives[newest - 1]!.at)
				continue;
			const text = refOf(kind, day, chunk, row, names);
			if (negatives.length < newest || newestFirst(text, negatives[newest - 1]!) < 0) {
				negatives.splice(newest - 1, 1, text);
				negatives.sort(newestFirst);
			}
		}
		return true;
	});
	return {
		total: asKindCounts(total.answer, total.review),
		periods: [...periods]
			.sort(byKey)
			.map(([key, counts]) => ({ key, ...asKindCounts(counts.answer, counts.review) })),
		factors: [...factors].sort(byKey).map(([factor, tally]) => ({ factor, ...toneOf(tally) })),
		topics: [...topics].sort(byKey).map(([topic, { total: overall, periods: inPeriods }]) => ({
			topic,
			...toneOf(overall),
			periods: [...inPeriods].sort(byKey).map(([key, tally]) => ({ key, ...toneOf(tally) }))
		})),
		newestNegative: negatives
	};
}

const POSITIVE = labelCodes.indexOf('positive');

/** The days of a period within the view's range: where the top terms' texts are. */
const termRange = (query: SentimentQuery, period: string): DayRange => ({
	from: [query.from, periodStart(period)].filter(Boolean).sort().at(-1),
	to: [query.to, periodEnd(period)].filter(Boolean).sort()[0]
});

/** The newest `limit` positive and negative texts of a period (`tones`: its days), the top terms' texts. */
function termTexts(
	query: SentimentQuery,
	view: TextView,
	tones: PackedToneDays,
	limit: number
): TextRef[] {
	const texts: TextRef[] = [];
	// Days come newest first: once a day fills the list, older days cannot get into it.
	let filledOn: string | null = null;
	visitTexts(query, view, tones, (kind, day, chunk, kept, names) => {
		if (filledOn !== null && day < filledOn) return false;
		for (let row = 0; row < chunk.count; row++) {
			const label = chunk.labels[row];
			if ((label === POSITIVE || label === NEGATIVE) && (!kept || kept[row]))
				texts.push(refOf(kind, day, chunk, row, names));
		}
		if (filledOn === null && texts.length >= limit) filledOn = day;
		return true;
	});
	return texts.sort(newestFirst).slice(0, limit);
}

const answerText = sqlStatement(
	`select a.text, a.sentiment_language, a.sentiment_label, a.sentiment_comparative, json_extract(a.sentiment_detail, '$.words'), r.client_id, c.name
	from answers a join responses r on r.id = a.response_id left join clients c on c.id = r.client_id
	where a.response_id = ? and a.question_id = ?`
);
const reviewText = sqlStatement(
	`select r.text, r.sentiment_language, r.sentiment_label, r.sentiment_comparative, json_extract(r.sentiment_detail, '$.words'), r.client_id, c.name
	from reviews r left join clients c on c.id = r.client_id where r.id = ?`
);

type StoredText = [
	string | null,
	string | null,
	Label | null,
	number | null,
	string | null,
	number | null,
	string | null
];

/** One text as stored, read for a list; synchronous on SQLite, for its read transaction. */
const sqliteStoredText = (db: Queryable, text: TextRef) =>
	(text.kind === 'answer'
		? answerText(db).raw().get(text.id, text.question)
		: reviewText(db).raw().get(text.id)) as StoredText;

// The words as json_extract gives them: a JSON null as SQL null.
const wordsOf = (detail: string) => sql.raw(`nullif(cast(${detail} -> 'words' as text), 'null')`);

/** `sqliteStoredText` on PostgreSQL. */
async function pgStoredText(db: Queryable, text: TextRef): Promise<StoredText> {
	const [row] = await pgRows<StoredText>(
		db,
		text.kind === 'answer'
			? sql`select a.text, a.sentiment_language, a.sentiment_label, a.sentiment_comparative, ${wordsOf('a.sentiment_detail')} as words, r.client_id, c.name
				from answers a join responses r on r.id = a.response_id left join clients c on c.id = r.client_id
				where a.response_id = ${text.id} and a.question_id = ${text.question}`
			: sql`select r.text, r.sentiment_language, r.sentiment_label, r.sentiment_comparative, ${wordsOf('r.sentiment_detail')} as words, r.client_id, c.name
				from reviews r left join clients c on c.id = r.client_id where r.id = ${text.id}`
	);
	return row!;
}

/** A text for a list, from what is stored of it. */
function textOf(text: TextRef, stored: StoredText) {
	const [body, language, label, comparative, words, clientId, clientName] = stored;
	return {
		kind: text.kind,
		id: text.id,
		text: body ?? '',
		at: new Date(text.at),
		language,
		label,
		clientId,
		clientName,
		words: (words === null ? [] : JSON.parse(words)) as { word: string; score: number }[],
		comparative
	};
}

export type SentimentReport = Awaited<ReturnType<typeof sentimentReport>>;

/**
 * Everything the sentiment panels show for a view, read in one transaction: the `latestCount`
 * newest negative texts, top terms counted in the latest period's newest `termCount` texts. The
 * view's sources and clients are looked up first; the texts are then read in one state of the
 * data, where no writer waits for the read: on SQLite one synchronous read of the connection (a
 * deferred transaction of the reader's), on PostgreSQL a read-only REPEATABLE READ transaction.
 */
export async function sentimentReport(
	db: Queryable,
	query: SentimentQuery,
	latestCount = 10,
	termCount = TERM_TEXTS
) {
	const view = await textViewOf(db, query);
	const { sources } = view;
	if (onPostgres(db))
		return inPgSnapshot(db, async (tx) => {
			const counted = countTones(
				query,
				view,
				latestCount,
				await toneDaysIn(tx, { sources, from: query.from, to: query.to })
			);
			const latestPeriod = counted.periods.at(-1)?.key ?? null;
			const inLatest = latestPeriod
				? termTexts(
						query,
						view,
						await toneDaysIn(tx, { sources, ...termRange(query, latestPeriod) }),
						termCount
					)
				: [];
			const read = async (texts: TextRef[]) => {
				const stored: ReturnType<typeof textOf>[] = [];
				for (const text of texts) stored.push(textOf(text, await pgStoredText(tx, text)));
				return stored;
			};
			return reportOf(
				counted,
				latestPeriod,
				await read(inLatest),
				await read(counted.newestNegative)
			);
		});
	const report = () => {
		const counted = countTones(
			query,
			view,
			latestCount,
			sqliteToneDaysIn(db, { sources, from: query.from, to: query.to })
		);
		const latestPeriod = counted.periods.at(-1)?.key ?? null;
		const inLatest = latestPeriod
			? termTexts(
					query,
					view,
					sqliteToneDaysIn(db, { sources, ...termRange(query, latestPeriod) }),
					termCount
				)
			: [];
		const read = (texts: TextRef[]) =>
			texts.map((text) => textOf(text, sqliteStoredText(db, text)));
		return reportOf(counted, latestPeriod, read(inLatest), read(counted.newestNegative));
	};
	const sqlite = sqliteOf(db);
	return sqlite.inTransaction ? report() : sqlite.transaction(report).deferred();
}

/** The report from the counted tones and the texts read for its lists. */
function reportOf(
	{ total, periods, factors, topics }: Counted,
	latestPeriod: string | null,
	inLatest: ReturnType<typeof textOf>[],
	newestNegative: ReturnType<typeof textOf>[]
) {
	return {
		total,
		periods,
		factors,
		topics,
		latestPeriod,
		terms: topTerms(inLatest, 10),
		latestNegative: newestNegative.map(({ label: _label, ...shown }) => shown)
	};
}

/**
 * Each factor's tone — positive, neutral and negative sentences about it in open answers and
 * reviews — counted from the packed tone, without loading the texts: the CSI dashboard shows it
 * beside every factor's score.
 */
export async function factorTone(db: Queryable, query: SentimentQuery): Promise<FactorSentiment[]> {
	const view = await textViewOf(db, query);
	const tones = await toneDaysIn(db, { sources: view.sources, from: query.from, to: query.to });
	return countTones(query, view, 0, tones).factors;
}
