import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestSqlite, type TestDatabase } from './test-database';
import { createTestPostgres } from './test-postgres';
import { inTransaction } from './transaction';

// The PostgreSQL triggers (drizzle-pg/0001_search_and_triggers.sql) against their SQLite twins
// (drizzle/0021_response_inbox_triggers.sql, 0024_chunk_triggers.sql): the same statements run on
// both engines, one step at a time, and must leave the same rows behind — the stale chunk days
// each step marks (cleared before it), each response's segments and its searchable texts.

const day = (iso: string) => Date.parse(`${iso}Z`);
const lateJanuary = day('2026-01-31T23:59:59.999');
const february = day('2026-02-01T00:00:00.000');
// SQLite truncates to whole seconds toward zero before taking the day: half a second before the
// epoch is still 1970-01-01, a second and a half before it 1969-12-31.
const justBeforeEpoch = -500;
const wellBeforeEpoch = -1500;

const setUp = [
	`insert into surveys (id, name, status, created_at, updated_at) values (1, 'Service', 'open', 0, 0)`,
	`insert into survey_versions (id, survey_id, version, definition, created_at, updated_at)
		values (1, 1, 1, '{}', 0, 0), (2, 1, 2, '{}', 0, 0)`,
	`insert into clients (id, email, name, language, created_at, updated_at)
		values (1, 'ada@example.com', 'Ada', 'en', 0, 0)`
];

type Step = { does: string; statements: string[] };

const steps: Step[] = [
	{
		does: 'a response marks its day and lists its segments once each',
		statements: [
			`insert into responses (id, survey_version_id, client_id, language, submitted_at, context)
				values (1, 1, 1, 'de', ${lateJanuary}, '{"segments":[3,1,3]}')`
		]
	},
	{
		does: 'responses inserted together mark their days, truncated to the second as SQLite does',
		statements: [
			`insert into responses (id, survey_version_id, client_id, language, submitted_at, context)
				values (2, 2, null, 'en', ${justBeforeEpoch}, '{}'),
				(3, 1, 1, 'en', ${wellBeforeEpoch}, '{"segments":[]}'),
				(4, 2, 1, 'en', ${february}, '{"tags":["vip"]}')`
		]
	},
	{
		does: 'answers mark the score day for a rating, the tone day for a scored text, and index texts',
		statements: [
			`insert into answers (response_id, question_id, score, text, sentiment_version)
				values (1, 'q1', 4, null, null), (1, 'q3', null, 'Zu teuer', null),
				(1, 'q2', null, 'Très bien, merci', 'v1'), (1, 'q4', null, null, null)`
		]
	},
	{
		does: 'an answer with neither a rating nor a scored text marks nothing',
		statements: [`insert into answers (response_id, question_id) values (4, 'q9')`]
	},
	{
		does: 'a changed rating marks the score day',
		statements: [`update answers set score = 5 where response_id = 1 and question_id = 'q1'`]
	},
	{
		does: 'a changed text marks the tone day and is re-indexed',
		statements: [
			`update answers set text = 'Viel zu teuer' where response_id = 1 and question_id = 'q3'`
		]
	},
	{
		does: 'a text given to an answer without one is indexed',
		statements: [`update answers set text = 'Später' where response_id = 4 and question_id = 'q9'`]
	},
	{
		does: 'a changed tone marks the tone day',
		statements: [
			`update answers set sentiment_label = 'negative' where response_id = 1 and question_id = 'q2'`
		]
	},
	{
		does: 'a change of anything else of an answer marks nothing',
		statements: [
			`update answers set not_applicable = not_applicable where response_id = 1 and question_id = 'q1'`
		]
	},
	{
		does: 'a response moved to another day marks both days in both chunks',
		statements: [`update responses set submitted_at = ${february} where id = 1`]
	},
	{
		does: 'a changed context re-lists the segments and marks the day',
		statements: [`update responses set context = '{"segments":[2]}' where id = 1`]
	},
	{
		does: 'a note marks nothing',
		statements: [`update responses set note = 'called back' where id = 1`]
	},
	{
		does: 'a response moved to another survey version marks both versions',
		statements: [`update responses set survey_version_id = 2 where id = 1`]
	},
	{
		does: 'a deleted answer marks both chunks and leaves the other texts indexed',
		statements: [`delete from answers where response_id = 1 and question_id = 'q2'`]
	},
	{
		does: 'a deleted response takes its answers, texts and segments, and marks both chunks',
		statements: [`delete from responses where id = 1`]
	},
	{
		does: 'a review marks the tone day of its source',
		statements: [
			`insert into reviews (id, source, external_id, text, reviewed_at, client_id, imported_at)
				values (1, 'google', 'g1', 'Great', ${lateJanuary}, 1, 0)`
		]
	},
	{
		does: 'a review’s new tone marks its day',
		statements: [`update reviews set sentiment_label = 'positive' where id = 1`]
	},
	{
		does: 'a review moved to another source and day marks both',
		statements: [`update reviews set source = 'trustpilot', reviewed_at = ${february} where id = 1`]
	},
	{
		does: 'a review’s title marks nothing',
		statements: [`update reviews set title = 'Nice' where id = 1`]
	},
	{
		// As privacy/erasure.ts does it: reviews unlinked first (see the last test for why).
		does: 'an erased client’s review, unlinked, marks its day; the deletion unlinks the responses',
		statements: [
			`update reviews set author = null, client_id = null where client_id = 1`,
			`delete from clients where id = 1`
		]
	},
	{
		does: 'a deleted review marks its day',
		statements: [`delete from reviews where id = 1`]
	}
];

/** What the triggers leave, read the same way on both engines. */
const derived = {
	staleScores:
		'select survey_version_id as version, day from stale_score_chunks order by version, day',
	staleTones: 'select source, day from stale_tone_chunks order by source, day',
	segments:
		'select response_id as response, segment_id as segment from response_segments order by response, segment'
};
const sqliteTexts = 'select rowid as response, text from response_texts order by rowid';
const pgTexts = 'select response_id as response, text from response_texts order by response_id';
const clearStale = ['delete from stale_score_chunks', 'delete from stale_tone_chunks'];

type Rows = Record<keyof typeof derived | 'texts', unknown[]>;

let sqlite: TestDatabase;
let postgres: Awaited<ReturnType<typeof createTestPostgres>>;

const onSqlite = {
	run: (statements: string[]) =>
		inTransaction(sqlite.db, async (tx) => {
			for (const statement of statements) tx.$client.exec(statement);
		}),
	read(): Rows {
		const all = (query: string) => sqlite.db.$client.prepare(query).all();
		return {
			staleScores: all(derived.staleScores),
			staleTones: all(derived.staleTones),
			segments: all(derived.segments),
			texts: all(sqliteTexts)
		};
	}
};

const onPostgres = {
	run: (statements: string[]) =>
		inTransaction(postgres.db, async (tx) => {
			for (const statement of statements) await tx.execute(sql.raw(statement));
		}),
	async read(): Promise<Rows> {
		const all = async (query: string) => (await postgres.db.$client.query(query)).rows;
		return {
			staleScores: await all(derived.staleScores),
			staleTones: await all(derived.staleTones),
			segments: await all(derived.segments),
			texts: await all(pgTexts)
		};
	}
};

beforeAll(async () => {
	sqlite = await openTestSqlite();
	postgres = await createTestPostgres();
	await onSqlite.run(setUp);
	await onPostgres.run(setUp);
});
afterAll(async () => {
	await sqlite.remove();
	await postgres.remove();
});

describe('the PostgreSQL triggers do what the SQLite ones do', () => {
	// Each step starts from the rows the previous ones left.
	it.each(steps)('$does', async ({ statements }) => {
		await onSqlite.run([...clearStale, ...statements]);
		await onPostgres.run([...clearStale, ...statements]);
		expect(await onPostgres.read()).toEqual(onSqlite.read());
	});

	// A foreign key's `on delete set null` runs the update trigger, and SQLite runs a trigger fired
	// by a foreign key's action under that action's ABORT policy: before 0025 its INSERT OR IGNORE
	// of the same day twice (old and new rows share it) failed the deletion. Both engines mark the
	// day ON CONFLICT DO NOTHING now.
	it('deletes a client still linked to a review, and marks the review’s day, on both engines', async () => {
		const linked = [
			`insert into clients (id, email, name, language, created_at, updated_at)
				values (2, 'bo@example.com', 'Bo', 'en', 0, 0)`,
			`insert into reviews (id, source, external_id, text, reviewed_at, client_id, imported_at)
				values (2, 'google', 'g2', 'Fine', ${lateJanuary}, 2, 0)`
		];
		await onSqlite.run(linked);
		await onPostgres.run(linked);
		const deletion = [...clearStale, 'delete from clients where id = 2'];
		await onSqlite.run(deletion);
		await onPostgres.run(deletion);
		const marked = [{ source: 'reviews:google', day: '2026-01-31' }];
		expect(onSqlite.read().staleTones).toEqual(marked);
		expect((await onPostgres.read()).staleTones).toEqual(marked);
	});

	it('wrote what SQLite writes: the days as text, truncated to the second', async () => {
		await onSqlite.run([...clearStale, 'update responses set language = language']);
		await onPostgres.run([...clearStale, 'update responses set language = language']);
		const expected = [
			{ version: 1, day: '1969-12-31' },
			{ version: 2, day: '1970-01-01' },
			{ version: 2, day: '2026-02-01' }
		];
		expect(onSqlite.read().staleScores).toEqual(expected);
		expect((await onPostgres.read()).staleScores).toEqual(expected);
	});
});
