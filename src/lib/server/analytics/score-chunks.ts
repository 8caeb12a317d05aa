import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { RespondentScores } from '../../analytics/csi-cell';
import { dimensionsOf, type ResponseContext } from '../../analytics/dimensions';
import { packScores, unpackScores, type ScoreChunk } from '../../analytics/score-chunk';
import { DAY_MS, utcDay } from '../../dates';
import type { Db, Queryable } from '../db';
import { inPgSnapshot, lockStaleMarks, pgRows } from '../db/dialect';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { inTransaction, onPostgres } from '../db/transaction';
import { readingNames, sqliteReadingNames, withWritingNames, type NameBook } from './names';
import { whileUnchanged } from './read-cache';
import { sqliteSurveyVersion, surveyVersion, type Version } from './survey-versions';

/**
 * The packed responses of each survey version and day (`score_chunks`). Triggers mark a day stale
 * in the transaction that changes it (drizzle/0024_chunk_triggers.sql); `repackStaleScoreDays`
 * packs it again from its responses, and until then readers take that day from the responses, so
 * what they read always equals the responses, whatever wrote them.
 */

/** A response's dimensions, under the name its chunk stores them by. */
export const signatureName = (dimensions: string[]) => `dimensions:${JSON.stringify(dimensions)}`;
// A name's dimensions never change, and a few thousand names serve millions of responses.
const parsedSignatures = new Map<string, string[]>();
export function signatureDimensions(name: string): string[] {
	let dimensions = parsedSignatures.get(name);
	if (!dimensions)
		parsedSignatures.set(
			name,
			(dimensions = JSON.parse(name.slice('dimensions:'.length)) as string[])
		);
	return dimensions;
}

export type ScoredRow = { id: number; signature: string; scores: RespondentScores };

type Snapshot = { signature: string; value: number | null };
// Each client's snapshot recurs in every response they give: its signature is worked out once.
const snapshots = new Map<string, Map<string, Snapshot>>();
const MAX_SNAPSHOTS = 100_000;
let snapshotCount = 0;

/** A response's snapshot as chunks store it: the name of its dimensions, its client's value. */
export function snapshotOf(context: string, language: string): Snapshot {
	let snapshot = snapshots.get(language)?.get(context);
	if (!snapshot) {
		if (snapshotCount >= MAX_SNAPSHOTS) {
			snapshots.clear();
			snapshotCount = 0;
		}
		const parsed = JSON.parse(context) as ResponseContext;
		snapshot = {
			signature: signatureName(dimensionsOf(parsed, language)),
			value: parsed.annualValue ?? null
		};
		let ofLanguage = snapshots.get(language);
		if (!ofLanguage) snapshots.set(language, (ofLanguage = new Map()));
		ofLanguage.set(context, snapshot);
		snapshotCount++;
	}
	return snapshot;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The query of a version's scored questions, one row per response; prepared once per connection. */
function dayQuery(db: Queryable, questions: string[]): Database.Statement {
	const sqlite = sqliteOf(db);
	let byText = statements.get(sqlite);
	if (!byText) statements.set(sqlite, (byText = new Map()));
	const text =
		'select r.id, r.language, r.context' +
		questions
			.map(() => ', (select score from answers where response_id = r.id and question_id = ?)')
			.join('') +
		' from responses r where r.survey_version_id = ? and r.submitted_at >= ? and r.submitted_at < ? order by r.id';
	let statement = byText.get(text);
	if (!statement) byText.set(text, (statement = sqlite.prepare(text).raw()));
	return statement;
}

type DayRow = [id: number, language: string, context: string, ...scores: (number | null)[]];

/** The rows of a day's query scored by `respondentScores` exactly as the cells count them. */
function scoredRows(version: Version, rows: DayRow[]): ScoredRow[] {
	const { score } = version.scorer;
	return rows.map(([id, language, context, ...scores]) => {
		const { signature, value } = snapshotOf(context, language);
		return { id, signature, scores: score(scores, value) };
	});
}

const dayBounds = (day: string) => {
	const start = Date.parse(`${day}T00:00:00Z`);
	return [start, start + DAY_MS] as const;
};

/** `scoreRowsOfDay` on SQLite, synchronously: for the reads inside better-sqlite3's transactions. */
function sqliteScoreRowsOfDay(db: Queryable, versionId: number, day: string): ScoredRow[] {
	const version = sqliteSurveyVersion(db, versionId);
	if (!version) return [];
	const { questions } = version.scorer;
	const rows = dayQuery(db, questions).all(...questions, versionId, ...dayBounds(day)) as DayRow[];
	return scoredRows(version, rows);
}

/** `scoreRowsOfDay` on PostgreSQL: the same query, each question's score in a column of its own. */
async function pgScoreRowsOfDay(
	db: Queryable,
	versionId: number,
	day: string
): Promise<ScoredRow[]> {
	const version = await surveyVersion(db, versionId);
	if (!version) return [];
	const [start, end] = dayBounds(day);
	const scores = version.scorer.questions.map(
		(question, i) =>
			sql`, (select score from answers where response_id = r.id and question_id = ${question}) as ${sql.raw(`s${i}`)}`
	);
	const rows = await pgRows<DayRow>(
		db,
		sql`select r.id, r.language, r.context${sql.join(scores)} from responses r where r.survey_version_id = ${versionId} and r.submitted_at >= ${start} and r.submitted_at < ${end} order by r.id`
	);
	return scoredRows(version, rows);
}

/**
 * The responses of one version and UTC day, scored by `respondentScores` exactly as the cells
 * count them: what the day's chunk packs. One indexed query, a row per response.
 */
export async function scoreRowsOfDay(
	db: Queryable,
	versionId: number,
	day: string
): Promise<ScoredRow[]> {
	return onPostgres(db)
		? pgScoreRowsOfDay(db, versionId, day)
		: sqliteScoreRowsOfDay(db, versionId, day);
}

/** Scored rows (those with an id up to `upToId`) packed, signatures named in `names`; null for none. */
function packedRows(
	version: Version | null,
	scored: ScoredRow[],
	names: NameBook,
	upToId: number
): Uint8Array | null {
	const rows = scored.filter(({ id }) => id <= upToId);
	if (!rows.length || !version) return null;
	return packScores(
		version.items,
		rows.map(({ id, signature, scores }) => ({ id, signature: names.idOf(signature), scores }))
	);
}

/**
 * A day's responses (those with an id up to `upToId`) packed, signatures named in `names`; null
 * for a day without any. Synchronous on SQLite, for its read transactions.
 */
function sqlitePackDay(
	db: Queryable,
	versionId: number,
	day: string,
	names: NameBook,
	upToId = Number.POSITIVE_INFINITY
): Uint8Array | null {
	const rows = sqliteScoreRowsOfDay(db, versionId, day);
	return packedRows(sqliteSurveyVersion(db, versionId), rows, names, upToId);
}

/** `sqlitePackDay` on either engine. */
async function packDay(
	db: Queryable,
	versionId: number,
	day: string,
	names: NameBook,
	upToId = Number.POSITIVE_INFINITY
): Promise<Uint8Array | null> {
	if (!onPostgres(db)) return sqlitePackDay(db, versionId, day, names, upToId);
	const rows = await pgScoreRowsOfDay(db, versionId, day);
	await names.learn(rows.filter(({ id }) => id <= upToId).map(({ signature }) => signature));
	return packedRows(await surveyVersion(db, versionId), rows, names, upToId);
}

const upsertChunk = sqlStatement(
	'insert into score_chunks (survey_version_id, day, rows) values (?, ?, ?) on conflict (survey_version_id, day) do update set rows = excluded.rows'
);
const deleteChunk = sqlStatement(
	'delete from score_chunks where survey_version_id = ? and day = ?'
);
const deleteStale = sqlStatement(
	'delete from stale_score_chunks where survey_version_id = ? and day = ?'
);
const staleDays = sqlStatement(
	'select survey_version_id, day from stale_score_chunks order by survey_version_id, day limit ?'
);

/**
 * Packs one day again from its responses and clears its mark, in one transaction (a savepoint of
 * the caller's, given its `tx`); returns its responses.
 */
export function repackScoreDay(db: Db, versionId: number, day: string): Promise<number> {
	return withWritingNames(db, async (names, tx) => repackScoreDayWith(tx, names, versionId, day));
}

/** What `repackScoreDay` does, on the transaction `db` queries, with names it may add to. */
export async function repackScoreDayWith(
	db: Queryable,
	names: NameBook,
	versionId: number,
	day: string
): Promise<number> {
	if (onPostgres(db)) await lockStaleMarks(db, 'stale_score_chunks');
	const packed = await packDay(db, versionId, day, names);
	if (onPostgres(db)) {
		await pgRows(
			db,
			packed
				? sql`insert into score_chunks (survey_version_id, day, rows) values (${versionId}, ${day}, ${Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength)}) on conflict (survey_version_id, day) do update set rows = excluded.rows`
				: sql`delete from score_chunks where survey_version_id = ${versionId} and day = ${day}`
		);
		await pgRows(
			db,
			sql`delete from stale_score_chunks where survey_version_id = ${versionId} and day = ${day}`
		);
	} else {
		if (packed) upsertChunk(db).run(versionId, day, packed);
		else deleteChunk(db).run(versionId, day);
		deleteStale(db).run(versionId, day);
	}
	return packed ? unpackScores(packed).count : 0;
}

/**
 * Packs up to `limit` stale days again (all of them by default), a day per transaction: a caller
 * that must let requests in calls it slice by slice. Returns how many days and responses.
 */
export async function repackStaleScoreDays(
	db: Db,
	limit = -1
): Promise<{ days: number; responses: number }> {
	const days = onPostgres(db)
		? await pgRows<[number, string]>(
				db,
				sql`select survey_version_id, day from stale_score_chunks order by survey_version_id, day limit ${limit < 0 ? null : limit}`
			)
		: (staleDays(db).raw().all(limit) as [number, string][]);
	let responses = 0;
	for (const [versionId, day] of days) responses += await repackScoreDay(db, versionId, day);
	return { days: days.length, responses };
}

const versionIds = sqlStatement('select id from survey_versions order by id');
const firstAnswerFrom = sqlStatement(
	'select min(submitted_at) from responses where survey_version_id = ? and submitted_at >= ?'
);
const markStale = sqlStatement(
	'insert or ignore into stale_score_chunks (survey_version_id, day) values (?, ?)'
);
const markStoredStale = sqlStatement(
	'insert or ignore into stale_score_chunks (survey_version_id, day) select survey_version_id, day from score_chunks'
);

// The earliest moment a Date can hold.
const EARLIEST = -8_640_000_000_000_000;

/**
 * Marks every day that has responses, or a chunk, stale: a full rebuild packs everything again
 * from the responses, trusting no chunk. Steps along the (version, submitted) index a day at a
 * time, so it costs a lookup per day, not a read of every response.
 */
export async function markEveryScoreDayStale(db: Db): Promise<void> {
	if (onPostgres(db)) return pgMarkEveryScoreDayStale(db);
	await inTransaction(db, async (tx) => {
		for (const versionId of versionIds(tx).pluck().all() as number[]) {
			let from = EARLIEST;
			for (;;) {
				const first = firstAnswerFrom(tx).pluck().get(versionId, from) as number | null;
				if (first === null) break;
				const day = utcDay(first);
				markStale(tx).run(versionId, day);
				from = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
			}
		}
		markStoredStale(tx).run();
	});
}

/**
 * `markEveryScoreDayStale` on PostgreSQL, in one statement: a recursive query takes the same steps
 * along the (version, submitted) index, a day at a time.
 */
async function pgMarkEveryScoreDayStale(db: Db): Promise<void> {
	await inTransaction(db, async (tx) => {
		await pgRows(
			tx,
			sql`with recursive answered (version_id, at) as (
				select id, (select min(submitted_at) from responses where survey_version_id = v.id) from survey_versions v
				union all
				select version_id, (select min(submitted_at) from responses where survey_version_id = version_id and submitted_at >= (at / cast(${DAY_MS} as bigint) + 1) * cast(${DAY_MS} as bigint))
				from answered where at is not null
			)
			insert into stale_score_chunks (survey_version_id, day)
			select version_id, utc_day(at) from answered where at is not null
			union select survey_version_id, day from score_chunks
			on conflict do nothing`
		);
	});
}

const chunkDays = sqlStatement(
	'select survey_version_id, day from score_chunks union select survey_version_id, day from stale_score_chunks order by 1, 2'
);

/** Every version and day that has a chunk or a stale mark, in order. */
export const scoreDays = async (db: Queryable): Promise<[number, string][]> =>
	onPostgres(db)
		? pgRows(
				db,
				sql`select survey_version_id, day from score_chunks union select survey_version_id, day from stale_score_chunks order by 1, 2`
			)
		: (chunkDays(db).raw().all() as [number, string][]);

export type DayRange = { versionIds: number[]; from?: string | undefined; to?: string | undefined };
export type PackedDay = { versionId: number; day: string; chunk: ScoreChunk };

const chunksIn = sqlStatement(
	'select survey_version_id, day, rows from score_chunks where survey_version_id in (select value from json_each(?)) and day >= ? and day <= ? order by survey_version_id, day'
);
const staleIn = sqlStatement(
	'select survey_version_id, day from stale_score_chunks where survey_version_id in (select value from json_each(?)) and day >= ? and day <= ? order by survey_version_id, day'
);

/** The packed responses of a range's days, and the names their signatures have. */
export type PackedDays = { days: PackedDay[]; names: NameBook };

/**
 * The packed responses of every day of the range that has any: the stored chunk, or for a stale
 * day the responses packed on the spot. Read in one transaction, so from one state of the
 * database, and kept while it holds the same data (read-cache.ts).
 */
export function scoreDaysIn(db: Queryable, range: DayRange): Promise<PackedDays> {
	return whileUnchanged(
		db,
		`scores|${JSON.stringify([range.versionIds, range.from, range.to])}`,
		() => {
			if (onPostgres(db)) return inPgSnapshot(db, (tx) => pgReadScoreDays(db, tx, range));
			const sqlite = sqliteOf(db);
			// Named before the read transaction opens: what it then reads is committed, so worth remembering.
			const names = sqliteReadingNames(db);
			const read = () => readScoreDays(db, range, names);
			return sqlite.inTransaction ? read() : sqlite.transaction(read).deferred();
		},
		({ days }) => days.reduce((sum, { chunk }) => sum + chunk.count * (17 + chunk.width), 0)
	);
}

const rangeBounds = (range: DayRange) =>
	[JSON.stringify(range.versionIds), range.from ?? '', range.to ?? '9999'] as const;

function readScoreDays(db: Queryable, range: DayRange, names: NameBook): PackedDays {
	const bounds = rangeBounds(range);
	const stale = staleIn(db)
		.raw()
		.all(...bounds) as [number, string][];
	// All at once: a statement being iterated keeps the connection from the stale days' queries.
	const chunks = chunksIn(db)
		.raw()
		.all(...bounds) as [number, string, Uint8Array][];
	return {
		days: mergedDays(chunks, stale, (versionId, day) => sqlitePackDay(db, versionId, day, names)),
		names
	};
}

/**
 * `readScoreDays` on PostgreSQL, in the snapshot `tx`: names are read there too, so every name its
 * chunks hold is known, and remembered for `db`.
 */
async function pgReadScoreDays(db: Queryable, tx: Queryable, range: DayRange): Promise<PackedDays> {
	const [versions, from, to] = rangeBounds(range);
	const where = sql`where survey_version_id in (select cast(value as bigint) from json_array_elements_text(cast(${versions} as json))) and day >= ${from} and day <= ${to} order by survey_version_id, day`;
	const stale = await pgRows<[number, string]>(
		tx,
		sql`select survey_version_id, day from stale_score_chunks ${where}`
	);
	const chunks = await pgRows<[number, string, Uint8Array]>(
		tx,
		sql`select survey_version_id, day, rows from score_chunks ${where}`
	);
	const names = await readingNames(db, tx);
	const packed = new Map<string, Uint8Array | null>();
	for (const [versionId, day] of stale)
		packed.set(`${versionId}|${day}`, await packDay(tx, versionId, day, names));
	return {
		days: mergedDays(chunks, stale, (versionId, day) => packed.get(`${versionId}|${day}`)!),
		names
	};
}

/** The stored chunks of a range in order, each stale day's taken from `packStale` instead. */
function mergedDays(
	chunks: [number, string, Uint8Array][],
	stale: [number, string][],
	packStale: (versionId: number, day: string) => Uint8Array | null
): PackedDay[] {
	const isStale = new Set(stale.map(([versionId, day]) => `${versionId}|${day}`));
	const days: PackedDay[] = [];
	let next = 0;
	const staleBefore = (versionId: number, day: string) => {
		for (; next < stale.length; next++) {
			const [staleVersion, staleDay] = stale[next]!;
			if (staleVersion > versionId || (staleVersion === versionId && staleDay >= day)) return;
			const packed = packStale(staleVersion, staleDay);
			if (packed)
				days.push({ versionId: staleVersion, day: staleDay, chunk: unpackScores(packed) });
		}
	};
	for (const [versionId, day, rows] of chunks) {
		staleBefore(versionId, day);
		if (!isStale.has(`${versionId}|${day}`))
			days.push({ versionId, day, chunk: unpackScores(rows) });
	}
	staleBefore(Number.POSITIVE_INFINITY, '');
	return days;
}

/**
 * A day's responses with an id up to `upToId`, packed from the responses: for a rebuild that met
 * a chunk holding responses newer than it counts (it adds those when it swaps its cells in).
 */
export async function packedDayUpTo(
	db: Queryable,
	versionId: number,
	day: string,
	upToId: number,
	names: NameBook
): Promise<ScoreChunk | null> {
	const packed = await packDay(db, versionId, day, names, upToId);
	return packed && unpackScores(packed);
}
