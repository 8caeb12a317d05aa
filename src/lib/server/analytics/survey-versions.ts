import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { surveyDefinitionSchema, type SurveyDefinition } from '../../schemas/survey';
import { ratedItems, respondentScorer } from '../../surveys/scores';
import type { Queryable } from '../db';
import { dataState } from '../db/data-state';
import { pgRows } from '../db/dialect';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { onPostgres } from '../db/transaction';

export type Version = {
	definition: SurveyDefinition;
	items: string[];
	scorer: ReturnType<typeof respondentScorer>;
};

const selectDefinition = sqlStatement('select definition from survey_versions where id = ?');
const known = new WeakMap<Database.Database, Map<number, Version>>();

const parsed = (stored: string): Version => {
	const definition = surveyDefinitionSchema.parse(JSON.parse(stored));
	return { definition, items: ratedItems(definition), scorer: respondentScorer(definition) };
};

/**
 * `surveyVersion` on SQLite, synchronously: for the reads inside better-sqlite3's transactions.
 * Versions are immutable once answered, so each connection parses one once.
 */
export function sqliteSurveyVersion(db: Queryable, versionId: number): Version | null {
	const sqlite = sqliteOf(db);
	let versions = known.get(sqlite);
	if (!versions) known.set(sqlite, (versions = new Map()));
	let version = versions.get(versionId);
	if (!version) {
		const stored = selectDefinition(db).pluck().get(versionId) as string | undefined;
		if (stored === undefined) return null;
		versions.set(versionId, (version = parsed(stored)));
	}
	return version;
}

// PostgreSQL: kept by database (or transaction) while its data state holds, since an emptied
// database (tests do that) numbers its versions again from 1.
const knownOnPg = new WeakMap<object, { state: string; versions: Map<number, Version> }>();

/**
 * A survey version's parsed definition, rated items and scorer, or null when there is no such
 * version.
 */
export async function surveyVersion(db: Queryable, versionId: number): Promise<Version | null> {
	if (!onPostgres(db)) return sqliteSurveyVersion(db, versionId);
	return (await surveyVersions(db, [versionId])).get(versionId) ?? null;
}

/** `surveyVersion` of several versions at once, by id (those that exist). */
export async function surveyVersions(
	db: Queryable,
	versionIds: Iterable<number>
): Promise<Map<number, Version>> {
	const wanted = [...new Set(versionIds)];
	const found = new Map<number, Version>();
	if (!onPostgres(db)) {
		for (const id of wanted) {
			const version = sqliteSurveyVersion(db, id);
			if (version) found.set(id, version);
		}
		return found;
	}
	const state = await dataState(db);
	let memory = knownOnPg.get(db);
	if (!memory || memory.state !== state)
		knownOnPg.set(db, (memory = { state, versions: new Map() }));
	const missing = wanted.filter((id) => !memory.versions.has(id));
	if (missing.length)
		for (const [id, stored] of await pgRows<[number, string]>(
			db,
			sql`select id, definition from survey_versions where id in (select cast(value as bigint) from json_array_elements_text(cast(${JSON.stringify(missing)} as json)))`
		))
			memory.versions.set(id, parsed(stored));
	for (const id of wanted) {
		const version = memory.versions.get(id);
		if (version) found.set(id, version);
	}
	return found;
}
