import { sql } from 'drizzle-orm';
import type { Label } from '../../analytics/sentiment-summary';
import { packTones, unpackTones, type ToneChunk, type ToneRow } from '../../analytics/tone-chunk';
import { DAY_MS } from '../../dates';
import type { Db, Queryable } from '../db';
import { inPgSnapshot, lockStaleMarks, pgRows } from '../db/dialect';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { onPostgres } from '../db/transaction';
import { readingNames, sqliteReadingNames, withWritingNames, type NameBook } from './names';
import { whileUnchanged } from './read-cache';
import { snapshotOf } from './score-chunks';

/**
 * The packed tone of each day's texts (`tone_chunks`): open answers by survey version
 * (`answers:<id>`), reviews by source (`reviews:<source>`). Kept like the score chunks: triggers
 * mark a day stale, `repackStaleToneDays` packs it again, readers take a stale day from its rows.
 */

export const answerSource = (versionId: number) => `answers:${versionId}`;
export const reviewSource = (source: string) => `reviews:${source}`;

/** The names tone chunks give languages, questions and factors. */
export const languageName = (language: string) => `text-language:${language}`;
export const questionName = (questionId: string) => `question:${questionId}`;
export const factorName = (factor: string) => `factor:${factor}`;
/** Topics pack as aspects do, named by their id: `topic:3`. */
export const topicName = (topicId: string) => `topic:${topicId}`;
export const nameAfter = (prefix: string, name: string) => name.slice(prefix.length + 1);

type StoredTone = { label: Label; comparative: number };
type StoredAspect = StoredTone & { factor: string };
type StoredTopic = StoredTone & { topic: string };

const answersOfDay = sqlStatement(
	`select r.id, r.submitted_at, r.language, r.context, a.question_id, a.sentiment_language, a.sentiment_label, json_extract(a.sentiment_detail, '$.aspects'), json_extract(a.sentiment_detail, '$.topics')
	from responses r join answers a on a.response_id = r.id
	where r.survey_version_id = ? and r.submitted_at >= ? and r.submitted_at < ? and a.sentiment_version is not null
	order by r.id, a.question_id`
);
// Unary + keeps SQLite on the day's range of the date index: through the (source, id) index it would read every review of the source for each day.
const reviewsOfDay = sqlStatement(
	`select id, reviewed_at, client_id, sentiment_language, sentiment_label, json_extract(sentiment_detail, '$.aspects'), json_extract(sentiment_detail, '$.topics')
	from reviews where +source = ? and reviewed_at >= ? and reviewed_at < ? order by id`
);

type AnswerRow = [
	id: number,
	at: number,
	responseLanguage: string,
	context: string,
	questionId: string,
	language: string | null,
	label: Label | null,
	aspects: string | null,
	topics: string | null
];
type ReviewRow = [
	id: number,
	at: number,
	clientId: number | null,
	language: string | null,
	label: Label | null,
	aspects: string | null,
	topics: string | null
];
type DayTexts = { answers: AnswerRow[] } | { reviews: ReviewRow[] };

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** `toneTexts` on SQLite, synchronously: for the reads inside better-sqlite3's transactions. */
function sqliteToneTexts(db: Queryable, source: string, day: string): DayTexts {
	const start = dayStart(day);
	if (source.startsWith('answers:')) {
		const versionId = Number(nameAfter('answers', source));
		return {
			answers: answersOfDay(db)
				.raw()
				.all(versionId, start, start + DAY_MS) as AnswerRow[]
		};
	}
	return {
		reviews: reviewsOfDay(db)
			.raw()
			.all(nameAfter('reviews', source), start, start + DAY_MS) as ReviewRow[]
	};
}

// A JSON null (or a missing key) read as SQL null, as SQLite's json_extract gives it.
const detailColumn = (detail: string, key: 'aspects' | 'topics') =>
	sql.raw(`nullif(cast(${detail} -> '${key}' as text), 'null') as ${key}`);

/** The texts of one source's day, as `sqliteToneTexts` reads them. */
async function toneTexts(db: Queryable, source: string, day: string): Promise<DayTexts> {
	if (!onPostgres(db)) return sqliteToneTexts(db, source, day);
	const start = dayStart(day);
	if (source.startsWith('answers:')) {
		const versionId = Number(nameAfter('answers', source));
		return {
			answers: await pgRows<AnswerRow>(
				db,
				sql`select r.id, r.submitted_at, r.language, r.context, a.question_id, a.sentiment_language, a.sentiment_label, ${detailColumn('a.sentiment_detail', 'aspects')}, ${detailColumn('a.sentiment_detail', 'topics')}
				from responses r join answers a on a.response_id = r.id
				where r.survey_version_id = ${versionId} and r.submitted_at >= ${start} and r.submitted_at < ${start + DAY_MS} and a.sentiment_version is not null
				order by r.id, a.question_id`
			)
		};
	}
	return {
		reviews: await pgRows<ReviewRow>(
			db,
			sql`select id, reviewed_at, client_id, sentiment_language, sentiment_label, ${detailColumn('sentiment_detail', 'aspects')}, ${detailColumn('sentiment_detail', 'topics')}
			from reviews where source = ${nameAfter('reviews', source)} and reviewed_at >= ${start} and reviewed_at < ${start + DAY_MS} order by id`
		)
	};
}

/** A day's texts as tone rows, names numbered in `names`. */
function toneRowsOf(texts: DayTexts, day: string, names: NameBook): ToneRow[] {
	const start = dayStart(day);
	// Factors and topics share the aspect columns, told apart by their names.
	const tonesOf = (aspects: string | null, topics: string | null) => [
		...(aspects === null ? [] : (JSON.parse(aspects) as StoredAspect[])).map(
			({ factor, label, comparative }) => ({
				factor: names.idOf(factorName(factor)),
				label,
				comparative
			})
		),
		...(topics === null ? [] : (JSON.parse(topics) as StoredTopic[])).map(
			({ topic, label, comparative }) => ({
				factor: names.idOf(topicName(topic)),
				label,
				comparative
			})
		)
	];
	const languageOf = (language: string | null) =>
		language === null ? 0 : names.idOf(languageName(language));
	if ('answers' in texts)
		return texts.answers.map(
			([id, at, responseLanguage, context, questionId, language, label, aspects, topics]) => {
				const signature = names.idOf(snapshotOf(context, responseLanguage).signature);
				return {
					id,
					time: at - start,
					signature,
					language: languageOf(language),
					question: names.idOf(questionName(questionId)),
					label,
					aspects: tonesOf(aspects, topics)
				};
			}
		);
	return texts.reviews.map(([id, at, clientId, language, label, aspects, topics]) => ({
		id,
		time: at - start,
		signature: clientId ?? 0,
		language: languageOf(language),
		question: 0,
		label,
		aspects: tonesOf(aspects, topics)
	}));
}

/** `toneRowsOfDay` on SQLite, synchronously. */
const sqliteToneRowsOfDay = (db: Queryable, source: string, day: string, names: NameBook) =>
	toneRowsOf(sqliteToneTexts(db, source, day), day, names);

/**
 * The tone of one source's texts on one day, as its chunk packs them: open answers once scored
 * (`sentiment_version` set), every review; names numbered in `names`.
 */
export async function toneRowsOfDay(
	db: Queryable,
	source: string,
	day: string,
	names: NameBook
): Promise<ToneRow[]> {
	if (!onPostgres(db)) return sqliteToneRowsOfDay(db, source, day, names);
	const texts = await toneTexts(db, source, day);
	// The names the rows will ask for, learnt first (PostgreSQL looks them up between queries).
	const asked = new Set<string>();
	toneRowsOf(texts, day, {
		idOf: (name) => (asked.add(name), 0),
		nameOf: () => '',
		learn: async () => undefined
	});
	await names.learn(asked);
	return toneRowsOf(texts, day, names);
}

const upsertChunk = sqlStatement(
	'insert into tone_chunks (source, day, rows) values (?, ?, ?) on conflict (source, day) do update set rows = excluded.rows'
);
const deleteChunk = sqlStatement('delete from tone_chunks where source = ? and day = ?');
const deleteStale = sqlStatement('delete from stale_tone_chunks where source = ? and day = ?');
const staleDays = sqlStatement(
	'select source, day from stale_tone_chunks order by source, day limit ?'
);

/**
 * Packs one source's day again from its texts and clears its mark, in one transaction (a
 * savepoint of the caller's, given its `tx`).
 */
export async function repackToneDay(db: Db, source: string, day: string): Promise<void> {
	await withWritingNames(db, async (names, tx) => repackToneDayWith(tx, names, source, day));
}

/** What `repackToneDay` does, on the transaction `db` queries, with names it may add to. */
export async function repackToneDayWith(
	db: Queryable,
	names: NameBook,
	source: string,
	day: string
): Promise<void> {
	if (!onPostgres(db)) {
		const rows = sqliteToneRowsOfDay(db, source, day, names);
		if (rows.length) upsertChunk(db).run(source, day, packTones(rows));
		else deleteChunk(db).run(source, day);
		deleteStale(db).run(source, day);
		return;
	}
	await lockStaleMarks(db, 'stale_tone_chunks');
	const rows = await toneRowsOfDay(db, source, day, names);
	const packed = rows.length ? packTones(rows) : null;
	await pgRows(
		db,
		packed
			? sql`insert into tone_chunks (source, day, rows) values (${source}, ${day}, ${Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength)}) on conflict (source, day) do update set rows = excluded.rows`
			: sql`delete from tone_chunks where source = ${source} and day = ${day}`
	);
	await pgRows(db, sql`delete from stale_tone_chunks where source = ${source} and day = ${day}`);
}

/** Packs up to `limit` stale days again (all by default), a day per transaction; returns how many. */
export async function repackStaleToneDays(db: Db, limit = -1): Promise<number> {
	const days = onPostgres(db)
		? await pgRows<[string, string]>(
				db,
				sql`select source, day from stale_tone_chunks order by source, day limit ${limit < 0 ? null : limit}`
			)
		: (staleDays(db).raw().all(limit) as [string, string][]);
	for (const [source, day] of days) await repackToneDay(db, source, day);
	return days.length;
}

const knownSources = sqlStatement(
	'select distinct source from tone_chunks union select source from stale_tone_chunks'
);

/** Every source that has texts packed or waiting to be. */
export const toneSources = async (db: Queryable): Promise<string[]> =>
	onPostgres(db)
		? (
				await pgRows<[string]>(
					db,
					sql`select distinct source from tone_chunks union select source from stale_tone_chunks`
				)
			).map(([source]) => source)
		: (knownSources(db).pluck().all() as string[]);

export type PackedToneDay = { source: string; day: string; chunk: ToneChunk };

const chunksIn = sqlStatement(
	'select source, day, rows from tone_chunks where source in (select value from json_each(?)) and day >= ? and day <= ? order by source, day'
);
const staleIn = sqlStatement(
	'select source, day from stale_tone_chunks where source in (select value from json_each(?)) and day >= ? and day <= ? order by source, day'
);

export type PackedToneDays = { days: PackedToneDay[]; names: NameBook };

type ToneRange = { sources: string[]; from?: string | undefined; to?: string | undefined };

/**
 * `toneDaysIn` on SQLite, synchronously, inside the caller's read transaction of better-sqlite3
 * (where nothing is kept, as in `whileUnchanged`).
 */
export const sqliteToneDaysIn = (db: Queryable, range: ToneRange): PackedToneDays =>
	readToneDays(db, range, sqliteReadingNames(db));

/**
 * The packed texts of every day of the range and sources that has any: the stored chunk, or for
 * a stale day its texts packed on the spot. Read in one transaction, and kept while the database
 * holds the same data (read-cache.ts).
 */
export function toneDaysIn(db: Queryable, range: ToneRange): Promise<PackedToneDays> {
	return whileUnchanged(
		db,
		`tones|${JSON.stringify([range.sources, range.from, range.to])}`,
		() => {
			if (onPostgres(db)) return inPgSnapshot(db, (tx) => pgReadToneDays(db, tx, range));
			const sqlite = sqliteOf(db);
			// Named before the read transaction opens: what it then reads is committed, so worth remembering.
			const names = sqliteReadingNames(db);
			const read = () => readToneDays(db, range, names);
			return sqlite.inTransaction ? read() : sqlite.transaction(read).deferred();
		},
		({ days }) =>
			days.reduce((sum, { chunk }) => sum + chunk.count * 22 + chunk.aspectFactors.length * 13, 0)
	);
}

const toneBounds = (range: ToneRange) =>
	[JSON.stringify(range.sources), range.from ?? '', range.to ?? '9999'] as const;

function readToneDays(db: Queryable, range: ToneRange, names: NameBook): PackedToneDays {
	const bounds = toneBounds(range);
	const stale = staleIn(db)
		.raw()
		.all(...bounds) as [string, string][];
	const days: PackedToneDay[] = [];
	for (const [source, day] of stale) {
		const rows = sqliteToneRowsOfDay(db, source, day, names);
		if (rows.length) days.push({ source, day, chunk: unpackTones(packTones(rows)) });
	}
	const chunks = chunksIn(db)
		.raw()
		.all(...bounds) as [string, string, Uint8Array][];
	return { days: [...days, ...freshChunks(chunks, stale)], names };
}

/** The stored chunks of the days not marked stale, unpacked. */
const freshChunks = (chunks: [string, string, Uint8Array][], stale: [string, string][]) => {
	const isStale = new Set(stale.map(([source, day]) => `${source}|${day}`));
	return chunks
		.filter(([source, day]) => !isStale.has(`${source}|${day}`))
		.map(([source, day, rows]) => ({ source, day, chunk: unpackTones(rows) }));
};

/**
 * `readToneDays` on PostgreSQL, in the snapshot `tx`: names are read there too, so every name its
 * chunks hold is known, and remembered for `db`.
 */
async function pgReadToneDays(
	db: Queryable,
	tx: Queryable,
	range: ToneRange
): Promise<PackedToneDays> {
	const [sources, from, to] = toneBounds(range);
	const where = sql`where source in (select value from json_array_elements_text(cast(${sources} as json))) and day >= ${from} and day <= ${to} order by source, day`;
	const stale = await pgRows<[string, string]>(
		tx,
		sql`select source, day from stale_tone_chunks ${where}`
	);
	const chunks = await pgRows<[string, string, Uint8Array]>(
		tx,
		sql`select source, day, rows from tone_chunks ${where}`
	);
	const names = await readingNames(db, tx);
	const days: PackedToneDay[] = [];
	for (const [source, day] of stale) {
		const rows = await toneRowsOfDay(tx, source, day, names);
		if (rows.length) days.push({ source, day, chunk: unpackTones(packTones(rows)) });
	}
	return { days: [...days, ...freshChunks(chunks, stale)], names };
}
