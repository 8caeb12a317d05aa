import { and, count, eq, sql } from 'drizzle-orm';
import {
	checkResponseCsv,
	checkResponseItems,
	MAX_IMPORTED_RESPONSES,
	type ImportedResponse,
	type ItemIssue,
	type ResponseImportContext,
	type ResponseItem
} from '../../surveys/response-import';
import type { RowIssue } from '../../csv/row-issue';
import type { SurveyDefinition } from '../../schemas/survey';
import { recordAudit, type Actor } from '../audit';
import { parseCsv } from '../../csv/read';
import { formatNumber } from '../../i18n/format';
import * as m from '../../paraglide/messages';
import type { Db } from '../db';
import { serializeOn } from '../db/dialect';
import { plainSql } from '../db/plain-sql';
import { first } from '../db/queries';
import { inTransaction, onPostgres } from '../db/transaction';
import { clients, responses, surveyVersions } from '../db/schema';
import { getSurvey, getSurveyVersion } from '../surveys/service';
import { recordResponses } from './record';

/** Problems beyond these are counted, not listed: the first ones show what to fix. */
export const MAX_REPORTED_ISSUES = 1000;

export type ImportSummary = {
	imported: number;
	/** Of those, responses without a client. */
	anonymous: number;
	version: number;
	/** The earliest and latest answer imported. */
	from: Date;
	to: Date;
};

export type ImportOutcome<Issue> =
	| ({ ok: true } & ImportSummary)
	| { ok: false; status: 400 | 404 | 409; message: string; issues: Issue[]; issueCount: number };

type Target = {
	surveyId: number;
	versionId: number;
	version: number;
	definition: SurveyDefinition;
};
type ImportOptions = { actor: Actor; source: string; version?: number };

const refusal = (status: 400 | 404 | 409, message: string) => ({
	ok: false as const,
	status,
	message,
	issues: [],
	issueCount: 0
});

/** The version answers are imported into: the one named, or the survey's current one. */
async function targetVersion(
	db: Db,
	surveyId: number,
	version: number | undefined
): Promise<Target | ReturnType<typeof refusal>> {
	const survey = await getSurvey(db, surveyId);
	if (!survey) return refusal(404, m.surveys_not_found());
	if (survey.status === 'archived') return refusal(409, m.responses_import_archived());
	if (version === undefined || version === survey.version) {
		return {
			surveyId,
			versionId: survey.versionId,
			version: survey.version,
			definition: survey.definition
		};
	}
	const found = await getSurveyVersion(db, surveyId, version);
	if (!found)
		return refusal(404, m.responses_import_no_such_version({ version, latest: survey.version }));
	return { surveyId, versionId: found.id, version: found.version, definition: found.definition };
}

/**
 * Lookups against the database for checking the rows, asked inside the import's transaction, so
 * what they find still holds when the responses are written. `check` is the checking they serve.
 */
async function importContext(
	db: Db,
	target: Target,
	check: (context: ResponseImportContext) => unknown
): Promise<ResponseImportContext> {
	return onPostgres(db) ? fetchedContext(db, target, check) : preparedContext(db, target);
}

/** SQLite's lookups, prepared once: a file asks them once per row, each answered in microseconds. */
function preparedContext(db: Db, target: Target): ResponseImportContext {
	const byEmail = db
		.select({ id: clients.id })
		.from(clients)
		.where(eq(clients.email, sql.placeholder('email')))
		.prepare();
	const byId = db
		.select({ id: clients.id })
		.from(clients)
		.where(eq(clients.id, sql.placeholder('id')))
		.prepare();
	const stored = db
		.select({ id: responses.id })
		.from(responses)
		.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
		.where(
			and(
				eq(responses.clientId, sql.placeholder('clientId')),
				eq(responses.submittedAt, sql.placeholder('at')),
				eq(surveyVersions.surveyId, target.surveyId)
			)
		)
		.prepare();
	return {
		definition: target.definition,
		now: new Date(),
		clientIdByEmail: (email) => byEmail.get({ email })?.id,
		clientExists: (id) => byId.get({ id }) !== undefined,
		isStored: (clientId, at) => stored.get({ clientId, at: at.getTime() }) !== undefined
	};
}

/**
 * PostgreSQL's lookups, which a synchronous check cannot wait for: a first run of `check` notes
 * the emails and client ids the rows name, three queries fetch the answers for all of them (a
 * round trip per row would make a big file take minutes), and the real check reads those.
 */
async function fetchedContext(
	db: Db,
	target: Target,
	check: (context: ResponseImportContext) => unknown
): Promise<ResponseImportContext> {
	// Two imports into one survey run one after the other: each sees what the other stored.
	await serializeOn(db, `responses.import:${target.surveyId}`);
	const emails = new Set<string>();
	const ids = new Set<number>();
	const now = new Date();
	check({
		definition: target.definition,
		now,
		clientIdByEmail: (email) => void emails.add(email),
		clientExists: (id) => {
			ids.add(id);
			return false;
		},
		isStored: () => false
	});
	const plain = plainSql(db);
	const owners = await plain.all<{ id: number; email: string }>(
		'select id, email from clients where email in (select json_array_elements_text(cast(@emails as json)))',
		{ emails: JSON.stringify([...emails]) }
	);
	const existing = await plain.all<{ id: number }>(
		'select id from clients where id in (select cast(json_array_elements_text(cast(@ids as json)) as integer))',
		{ ids: JSON.stringify([...ids]) }
	);
	const byEmail = new Map(owners.map(({ id, email }) => [email, id]));
	const clientIds = new Set([...existing.map(({ id }) => id), ...byEmail.values()]);
	const stored = await plain.all<{ clientId: number; at: number }>(
		`select responses.client_id as "clientId", responses.submitted_at as "at"
		from responses join survey_versions on survey_versions.id = responses.survey_version_id
		where survey_versions.survey_id = @surveyId
		and responses.client_id in (select cast(json_array_elements_text(cast(@clientIds as json)) as integer))`,
		{ surveyId: target.surveyId, clientIds: JSON.stringify([...clientIds]) }
	);
	const moments = new Set(stored.map(({ clientId, at }) => `${clientId}@${at}`));
	return {
		definition: target.definition,
		now,
		clientIdByEmail: (email) => byEmail.get(email),
		clientExists: (id) => clientIds.has(id),
		isStored: (clientId, at) => moments.has(`${clientId}@${at.getTime()}`)
	};
}

function invalid<Issue>(issues: Issue[]): ImportOutcome<Issue> {
	return {
		ok: false,
		status: 400,
		message:
			issues.length > MAX_REPORTED_ISSUES
				? m.import_nothing_imported_first_listed({
						count: issues.length,
						listed: MAX_REPORTED_ISSUES
					})
				: m.import_nothing_imported({ count: issues.length }),
		issues: issues.slice(0, MAX_REPORTED_ISSUES),
		issueCount: issues.length
	};
}

/** Writes every response, its answers and the dashboard's sums in the import's transaction (`tx`): all of them or none. */
async function store(
	tx: Db,
	target: Target,
	imported: ImportedResponse[],
	options: ImportOptions
): Promise<ImportSummary> {
	const times = imported.map((response) => response.submittedAt.getTime());
	const summary: ImportSummary = {
		imported: imported.length,
		anonymous: imported.filter((response) => response.clientId === null).length,
		version: target.version,
		from: new Date(Math.min(...times)),
		to: new Date(Math.max(...times))
	};
	await recordResponses(
		tx,
		imported.map((response) => ({
			...response,
			surveyVersionId: target.versionId,
			definition: target.definition,
			source: 'import' as const
		}))
	);
	await recordAudit(tx, options.actor, 'responses.import', `survey:${target.surveyId}`, {
		version: summary.version,
		imported: summary.imported,
		anonymous: summary.anonymous,
		source: options.source
	});
	return summary;
}

/**
 * Imports a CSV file of past responses (one row per respondent) into a survey, all or nothing;
 * a refusal lists each problem with its line and column. One transaction from the survey's
 * lookup to the last write: what the checks saw is what gets written.
 */
export function importResponseCsv(
	db: Db,
	surveyId: number,
	file: Uint8Array | string,
	options: ImportOptions
): Promise<ImportOutcome<RowIssue>> {
	return inTransaction(db, (tx) => importCsvIn(tx, surveyId, file, options));
}

async function importCsvIn(
	db: Db,
	surveyId: number,
	file: Uint8Array | string,
	options: ImportOptions
): Promise<ImportOutcome<RowIssue>> {
	const target = await targetVersion(db, surveyId, options.version);
	if ('ok' in target) return target;
	const parsed = parseCsv(file, { emptyMessage: m.responses_import_empty_file() });
	if (!parsed.ok) return refusal(400, parsed.message);
	const rows = parsed.csv.rows.length;
	if (rows === 0) return refusal(400, m.responses_import_no_rows());
	if (rows > MAX_IMPORTED_RESPONSES) {
		return refusal(
			400,
			m.responses_import_too_many_rows({ rows, max: formatNumber(MAX_IMPORTED_RESPONSES) })
		);
	}
	const checkFile = (context: ResponseImportContext) => checkResponseCsv(parsed.csv, context);
	const checked = checkFile(await importContext(db, target, checkFile));
	if (checked.issues.length) return invalid(checked.issues);
	return { ok: true, ...(await store(db, target, checked.responses, options)) };
}

/** The API's import: the same checks and the same single transaction, problems named by JSON path. */
export function importResponseItems(
	db: Db,
	surveyId: number,
	items: ResponseItem[],
	options: ImportOptions
): Promise<ImportOutcome<ItemIssue>> {
	return inTransaction(db, (tx) => importItemsIn(tx, surveyId, items, options));
}

async function importItemsIn(
	db: Db,
	surveyId: number,
	items: ResponseItem[],
	options: ImportOptions
): Promise<ImportOutcome<ItemIssue>> {
	const target = await targetVersion(db, surveyId, options.version);
	if ('ok' in target) return target;
	if (items.length === 0) return refusal(400, m.responses_import_no_items());
	if (items.length > MAX_IMPORTED_RESPONSES) {
		return refusal(
			400,
			m.responses_import_too_many_items({ max: formatNumber(MAX_IMPORTED_RESPONSES) })
		);
	}
	const checkItems = (context: ResponseImportContext) => checkResponseItems(items, context);
	const checked = checkItems(await importContext(db, target, checkItems));
	if (checked.issues.length) return invalid(checked.issues);
	return { ok: true, ...(await store(db, target, checked.responses, options)) };
}

/** How many of a survey's responses came from imports, so nobody imports the same history twice unawares. */
export async function importedResponseCount(db: Db, surveyId: number): Promise<number> {
	const found = await first(
		db
			.select({ n: count() })
			.from(responses)
			.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
			.where(and(eq(surveyVersions.surveyId, surveyId), eq(responses.source, 'import')))
	);
	return found?.n ?? 0;
}
