import { sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db';
import { pgRows } from '../db/dialect';
import { sqlStatement } from '../db/prepared';
import { onPostgres } from '../db/transaction';
import { yieldToRequests } from '../worker/jobs';
import { repackScoreDay, repackStaleScoreDays } from './score-chunks';
import { answerSource, repackStaleToneDays, repackToneDay, reviewSource } from './tone-chunks';

/** Days packed (or summed) between two yields: about 30 ms of work at a million responses. */
export const DAYS_PER_SLICE = 4;

/**
 * The analytics worker's round: packs again every day a trigger marked stale since the last one
 * (new responses, an import, a segment's new members, a re-scoring), a few days per slice.
 */
export async function repackStaleDays(db: Db): Promise<void> {
	while ((await repackStaleScoreDays(db, DAYS_PER_SLICE)).days === DAYS_PER_SLICE)
		await yieldToRequests();
	while ((await repackStaleToneDays(db, DAYS_PER_SLICE)) === DAYS_PER_SLICE)
		await yieldToRequests();
}

const responseDays = sqlStatement(
	"select distinct survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') from responses where client_id = ?"
);
const reviewDays = sqlStatement(
	"select distinct source, strftime('%Y-%m-%d', reviewed_at / 1000, 'unixepoch') from reviews where client_id = ?"
);

export type ClientDays = { responses: [number, string][]; reviews: [string, string][] };

/** The days whose chunks hold a client's responses, answers or reviews. */
export const daysOfClient = async (db: Queryable, clientId: number): Promise<ClientDays> =>
	onPostgres(db)
		? {
				// utc_day: the day as strftime gives it (drizzle-pg/0001_search_and_triggers.sql).
				responses: await pgRows<[number, string]>(
					db,
					sql`select distinct survey_version_id, utc_day(submitted_at) from responses where client_id = ${clientId}`
				),
				reviews: await pgRows<[string, string]>(
					db,
					sql`select distinct source, utc_day(reviewed_at) from reviews where client_id = ${clientId}`
				)
			}
		: {
				responses: responseDays(db).raw().all(clientId) as [number, string][],
				reviews: reviewDays(db).raw().all(clientId) as [string, string][]
			};

/**
 * Packs those days again at once, in the caller's transaction (pass its `tx`): an erased client
 * leaves no record in a chunk.
 */
export async function repackDaysOfClient(tx: Db, days: ClientDays): Promise<void> {
	for (const [versionId, day] of days.responses) {
		await repackScoreDay(tx, versionId, day);
		await repackToneDay(tx, answerSource(versionId), day);
	}
	for (const [source, day] of days.reviews) await repackToneDay(tx, reviewSource(source), day);
}
