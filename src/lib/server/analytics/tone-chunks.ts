import type { Label } from '../../analytics/sentiment-summary';
import { packTones, unpackTones, type ToneChunk, type ToneRow } from '../../analytics/tone-chunk';
import { DAY_MS } from '../../dates';
import type { Db, Queryable } from '../db';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { readingNames, withWritingNames, type NameBook } from './names';
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
export const nameAfter = (prefix: string, name: string) => name.slice(prefix.length + 1);

type StoredAspect = { factor: string; label: Label; comparative: number };

const answersOfDay = sqlStatement(
	`select r.id, r.submitted_at, r.language, r.context, a.question_id, a.sentiment_language, a.sentiment_label, json_extract(a.sentiment_detail, '$.aspects')
	from responses r join answers a on a.response_id = r.id
	where r.survey_version_id = ? and r.submitted_at >= ? and r.submitted_at < ? and a.sentiment_version is not null
	order by r.id, a.question_id`
);
// Unary + keeps SQLite on the day's range of the date index: through the (source, id) index it would read every review of the source for each day.
const reviewsOfDay = sqlStatement(
	`select id, reviewed_at, client_id, sentiment_language, sentiment_label, json_extract(sentiment_detail, '$.aspects')
	from reviews where +source = ? and reviewed_at >= ? and reviewed_at < ? order by id`
);

/**
 * The tone of one source's texts on one day, as its chunk packs them: open answers once scored
 * (`sentiment_version` set), every review; names numbered in `names`.
 */
export function toneRowsOfDay(
	db: Queryable,
	source: string,
	day: string,
	names: NameBook
): ToneRow[] {
	const start = Date.parse(`${day}T00:00:00Z`);
	const aspectsOf = (stored: string | null) =>
		stored === null
			? []
			: (JSON.parse(stored) as StoredAspect[]).map(({ factor, label, comparative }) => ({
					factor: names.idOf(factorName(factor)),
					label,
					comparative
				}));
	const languageOf = (language: string | null) =>
		language === null ? 0 : names.idOf(languageName(language));
	if (source.startsWith('answers:')) {
		const versionId = Number(nameAfter('answers', source));
		return (
			answersOfDay(db)
				.raw()
				.all(versionId, start, start + DAY_MS) as [
				number,
				number,
				string,
				string,
				string,
				string | null,
				Label | null,
				string | null
			][]
		).map(([id, at, responseLanguage, context, questionId, language, label, aspects]) => {
			const signature = names.idOf(snapshotOf(context, responseLanguage).signature);
			return {
				id,
				time: at - start,
				signature,
				language: languageOf(language),
				question: names.idOf(questionName(questionId)),
				label,
				aspects: aspectsOf(aspects)
			};
		});
	}
	return (
		reviewsOfDay(db)
			.raw()
			.all(nameAfter('reviews', source), start, start + DAY_MS) as [
			number,
			number,
			number | null,
			string | null,
			Label | null,
			string | null
		][]
	).map(([id, at, clientId, language, label, aspects]) => ({
		id,
		time: at - start,
		signature: clientId ?? 0,
		language: languageOf(language),
		question: 0,
		label,
		aspects: aspectsOf(aspects)
	}));
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
export function repackToneDayWith(
	db: Queryable,
	names: NameBook,
	source: string,
	day: string
): void {
	const rows = toneRowsOfDay(db, source, day, names);
	if (rows.length) upsertChunk(db).run(source, day, packTones(rows));
	else deleteChunk(db).run(source, day);
	deleteStale(db).run(source, day);
}

/** Packs up to `limit` stale days again (all by default), a day per transaction; returns how many. */
export async function repackStaleToneDays(db: Db, limit = -1): Promise<number> {
	const days = staleDays(db).raw().all(limit) as [string, string][];
	for (const [source, day] of days) await repackToneDay(db, source, day);
	return days.length;
}

const knownSources = sqlStatement(
	'select distinct source from tone_chunks union select source from stale_tone_chunks'
);

/** Every source that has texts packed or waiting to be. */
export const toneSources = async (db: Queryable) => knownSources(db).pluck().all() as string[];

export type PackedToneDay = { source: string; day: string; chunk: ToneChunk };

const chunksIn = sqlStatement(
	'select source, day, rows from tone_chunks where source in (select value from json_each(?)) and day >= ? and day <= ? order by source, day'
);
const staleIn = sqlStatement(
	'select source, day from stale_tone_chunks where source in (select value from json_each(?)) and day >= ? and day <= ? order by source, day'
);

export type PackedToneDays = { days: PackedToneDay[]; names: NameBook };

/**
 * The packed texts of every day of the range and sources that has any: the stored chunk, or for
 * a stale day its texts packed on the spot. Read in one transaction, and kept while the database
 * holds the same data (read-cache.ts).
 */
export function toneDaysIn(
	db: Queryable,
	range: { sources: string[]; from?: string | undefined; to?: string | undefined }
): PackedToneDays {
	return whileUnchanged(
		db,
		`tones|${JSON.stringify([range.sources, range.from, range.to])}`,
		() => {
			const sqlite = sqliteOf(db);
			// Named before the read transaction opens: what it then reads is committed, so worth remembering.
			const names = readingNames(db);
			const read = () => readToneDays(db, range, names);
			return sqlite.inTransaction ? read() : sqlite.transaction(read).deferred();
		},
		({ days }) =>
			days.reduce((sum, { chunk }) => sum + chunk.count * 22 + chunk.aspectFactors.length * 13, 0)
	);
}

function readToneDays(
	db: Queryable,
	range: { sources: string[]; from?: string | undefined; to?: string | undefined },
	names: NameBook
): PackedToneDays {
	const bounds = [JSON.stringify(range.sources), range.from ?? '', range.to ?? '9999'];
	const stale = staleIn(db)
		.raw()
		.all(...bounds) as [string, string][];
	const isStale = new Set(stale.map(([source, day]) => `${source}|${day}`));
	const days: PackedToneDay[] = [];
	for (const [source, day] of stale) {
		const rows = toneRowsOfDay(db, source, day, names);
		if (rows.length) days.push({ source, day, chunk: unpackTones(packTones(rows)) });
	}
	for (const [source, day, rows] of chunksIn(db)
		.raw()
		.all(...bounds) as [string, string, Uint8Array][])
		if (!isStale.has(`${source}|${day}`)) days.push({ source, day, chunk: unpackTones(rows) });
	return { days, names };
}
