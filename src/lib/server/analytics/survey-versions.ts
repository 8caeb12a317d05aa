import type Database from 'better-sqlite3';
import { surveyDefinitionSchema, type SurveyDefinition } from '../../schemas/survey';
import { ratedItems, respondentScorer } from '../../surveys/scores';
import type { Queryable } from '../db';
import { sqliteOf, sqlStatement } from '../db/prepared';

type Version = {
	definition: SurveyDefinition;
	items: string[];
	scorer: ReturnType<typeof respondentScorer>;
};

const selectDefinition = sqlStatement('select definition from survey_versions where id = ?');
const known = new WeakMap<Database.Database, Map<number, Version>>();

/**
 * A survey version's parsed definition, rated items and scorer, or null when there is no such
 * version.
 * Versions are immutable once answered, so each connection parses one once.
 */
export function surveyVersion(db: Queryable, versionId: number): Version | null {
	const sqlite = sqliteOf(db);
	let versions = known.get(sqlite);
	if (!versions) known.set(sqlite, (versions = new Map()));
	let version = versions.get(versionId);
	if (!version) {
		const stored = selectDefinition(db).pluck().get(versionId) as string | undefined;
		if (stored === undefined) return null;
		const definition = surveyDefinitionSchema.parse(JSON.parse(stored));
		version = { definition, items: ratedItems(definition), scorer: respondentScorer(definition) };
		versions.set(versionId, version);
	}
	return version;
}
