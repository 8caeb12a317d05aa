import { DrizzleQueryError } from 'drizzle-orm';
import { MAX_REVIEWS_PER_CALL, type ReviewFormat, type ReviewIssue } from '../../reviews/fields';
import {
	readReviewFile,
	readReviewItems,
	type ReviewColumns,
	type ReviewFileChoice
} from '../../reviews/review-file';
import type { CheckedReview } from '../../reviews/review-schema';
import type { ReviewOrigin } from '../../jobs/job-text';
import { recordAudit, type Actor } from '../audit';
import { domainEvents } from '../events/bus';
import type { ImportedReview } from '../events/domain-events';
import { MAX_IMPORT_BYTES, tooLargeMessage } from '../../csv/read';
import type { Db } from '../db';
import { plainSql } from '../db/plain-sql';
import { sqliteOf } from '../db/prepared';
import { inTransaction, onPostgres } from '../db/transaction';
import { createJob, reportProgress, runJob, yieldToRequests } from '../worker/jobs';
import { currentScorer, sentimentColumnsFor } from '../sentiment/columns';
import { refuse, type Refusal } from '../../result';
import { formatNumber } from '../../i18n/format';
import * as m from '../../paraglide/messages';

/** Reviews scored between two pauses, so a big import does not stall other requests. */
const SCORED_PER_SLICE = 2000;

export type ReviewImportSummary = {
	format: ReviewFormat;
	/** Reviews in the file or call, including those skipped for having no words. */
	total: number;
	created: number;
	/** Found by source and id: imported before, left as they are. */
	alreadyImported: number;
	/** Of the new reviews: linked to a client by email, and with an email no client has (kept unlinked). */
	linked: number;
	unknownEmails: number;
	/** Ratings without any words (Google allows them): not imported. */
	withoutText: number;
	/** Of the new reviews, by the tone of their text; "not scored" where no word list fits the language. */
	sentiment: { positive: number; neutral: number; negative: number; notScored: number };
};

export type ReviewImportRefusal = Refusal & {
	/** What keeps a generic CSV's column mapping from use. */
	problems: string[];
	/** The first problems of the reviews themselves; `issueCount` counts them all. */
	issues: ReviewIssue[];
	issueCount: number;
	format: ReviewFormat | null;
	columns: ReviewColumns | null;
};

export type ReviewImportOutcome =
	({ ok: true; columns: ReviewColumns | null } & ReviewImportSummary) | ReviewImportRefusal;

type ImportOptions = {
	actor: Actor;
	/** Where the reviews came from: the job's reason and the audit log say it. */
	origin: ReviewOrigin;
	/** Checks and counts everything, and writes nothing. */
	dryRun?: boolean;
	now?: Date;
};

/** The origin as the audit log has always kept it, a record rather than a sentence: "file reviews.csv". */
const auditOrigin = (origin: ReviewOrigin) =>
	origin.kind === 'file'
		? `file ${origin.name}`
		: origin.kind === 'apiKey'
			? `API key ${origin.name}`
			: 'demo seed';

const refusal = (
	message: string,
	extra: Partial<ReviewImportRefusal> = {}
): ReviewImportRefusal => ({
	...refuse(400, message),
	problems: [],
	issues: [],
	issueCount: 0,
	format: null,
	columns: null,
	...extra
});

function invalid(
	issueCount: number,
	issues: ReviewIssue[],
	extra: Partial<ReviewImportRefusal>
): ReviewImportRefusal {
	const message =
		issueCount > issues.length
			? m.import_nothing_imported_first_listed({ count: issueCount, listed: issues.length })
			: m.import_nothing_imported({ count: issueCount });
	return refusal(message, {
		issues,
		issueCount,
		...extra
	});
}

/**
 * Imports a review file in any supported format, all or nothing: every review is checked first,
 * reviews already stored (same source and id) are left alone, and the new ones are scored and
 * written in one transaction.
 */
export async function importReviewFile(
	db: Db,
	bytes: Uint8Array,
	choice: ReviewFileChoice,
	options: ImportOptions
): Promise<ReviewImportOutcome> {
	if (bytes.byteLength > MAX_IMPORT_BYTES)
		return refusal(tooLargeMessage(bytes.byteLength), { status: 413 });
	const read = readReviewFile(bytes, { ...choice, now: options.now });
	if (!read.ok)
		return refusal(read.message, {
			problems: read.problems,
			format: read.format,
			columns: read.columns
		});
	if (read.issueCount)
		return invalid(read.issueCount, read.issues, { format: read.format, columns: read.columns });
	const summary = await storeReviews(db, read.reviews, {
		...options,
		format: read.format,
		withoutText: read.withoutText
	});
	return { ok: true, columns: read.columns, ...summary };
}

/** The API's import: items of the generic JSON shape, the same checks and the same single transaction. */
export async function importReviewItems(
	db: Db,
	items: unknown[],
	options: ImportOptions
): Promise<ReviewImportOutcome> {
	if (items.length === 0) return refusal(m.reviews_import_no_items());
	if (items.length > MAX_REVIEWS_PER_CALL)
		return refusal(m.reviews_import_too_many_items({ max: formatNumber(MAX_REVIEWS_PER_CALL) }));
	const read = readReviewItems(items, ['reviews'], { now: options.now });
	if (read.issueCount) return invalid(read.issueCount, read.issues, { format: 'json' });
	const summary = await storeReviews(db, read.reviews, {
		...options,
		format: 'json',
		withoutText: 0
	});
	return { ok: true, columns: null, ...summary };
}

/** The ids of a source's stored reviews, once per source in the import rather than once per review. */
async function storedIds(db: Db, reviews: CheckedReview[]): Promise<Map<string, Set<string>>> {
	const sources = [...new Set(reviews.map((review) => review.source))];
	const bySource = new Map(sources.map((source) => [source, new Set<string>()]));
	if (onPostgres(db)) {
		const rows = await plainSql(db).all<{ source: string; externalId: string }>(
			'select source, external_id as "externalId" from reviews where source in (select json_array_elements_text(cast(@sources as json)))',
			{ sources: JSON.stringify(sources) }
		);
		for (const { source, externalId } of rows) bySource.get(source)!.add(externalId);
		return bySource;
	}
	const statement = db.$client.prepare('select external_id from reviews where source = ?').pluck();
	for (const source of sources) bySource.set(source, new Set(statement.all(source) as string[]));
	return bySource;
}

async function clientIdsByEmail(
	db: Db,
	reviews: CheckedReview[]
): Promise<Map<string, number | null>> {
	// Client emails are stored lower-case, as review emails are once checked.
	const emails = [...new Set(reviews.flatMap(({ email }) => (email === null ? [] : [email])))];
	const byEmail = new Map<string, number | null>(emails.map((email) => [email, null]));
	if (onPostgres(db)) {
		const rows = await plainSql(db).all<{ id: number; email: string }>(
			'select id, email from clients where email in (select json_array_elements_text(cast(@emails as json)))',
			{ emails: JSON.stringify(emails) }
		);
		for (const { id, email } of rows) byEmail.set(email, id);
		return byEmail;
	}
	const statement = db.$client.prepare('select id from clients where email = ?').pluck();
	for (const email of emails)
		byEmail.set(email, (statement.get(email) as number | undefined) ?? null);
	return byEmail;
}

/** A review as stored: its date as epoch milliseconds, its client by id, its tone scored. */
type ReviewRow = Omit<CheckedReview, 'email' | 'reviewedAt'> & {
	reviewedAt: number;
	clientId: number | null;
	importedAt: number;
} & ReturnType<typeof sentimentColumnsFor>;

const insertReview = `
	insert into reviews (
		source, external_id, author, stars, title, text, reviewed_at, language, client_id, tag, imported_at,
		sentiment_language, sentiment_label, sentiment_score, sentiment_comparative, sentiment_detail, sentiment_version
	) values (
		@source, @externalId, @author, @stars, @title, @text, @reviewedAt, @language, @clientId, @tag, @importedAt,
		@sentimentLanguage, @sentimentLabel, @sentimentScore, @sentimentComparative, @sentimentDetail, @sentimentVersion
	)
	on conflict (source, external_id) do nothing`;

// PostgreSQL takes the rows as one JSON parameter: one round trip for the whole import, and no
// limit on the number of bound parameters (65,535) for a big file.
const insertReviewsFromJson = `
	insert into reviews (
		source, external_id, author, stars, title, text, reviewed_at, language, client_id, tag, imported_at,
		sentiment_language, sentiment_label, sentiment_score, sentiment_comparative, sentiment_detail, sentiment_version
	)
	select
		source, "externalId", author, stars, title, text, "reviewedAt", language, "clientId", tag, "importedAt",
		"sentimentLanguage", "sentimentLabel", "sentimentScore", "sentimentComparative", "sentimentDetail", "sentimentVersion"
	from json_to_recordset(cast(@rows as json)) as review (
		source text, "externalId" text, author text, stars integer, title text, text text, "reviewedAt" bigint,
		language text, "clientId" integer, tag text, "importedAt" bigint, "sentimentLanguage" text,
		"sentimentLabel" text, "sentimentScore" double precision, "sentimentComparative" double precision,
		"sentimentDetail" json, "sentimentVersion" text
	)
	on conflict (source, external_id) do nothing
	returning id, source, external_id as "externalId"`;

/** Writes the rows, giving each its new id, or null for a review another import stored meanwhile. */
async function insertedIds(tx: Db, rows: ReviewRow[]): Promise<(number | null)[]> {
	if (onPostgres(tx)) {
		const inserted = await plainSql(tx)
			.all<{ id: number; source: string; externalId: string }>(insertReviewsFromJson, {
				rows: JSON.stringify(rows)
			})
			.catch((error: unknown) => {
				// Drizzle's wrapper quotes the parameter, every review of the import: the job's failure
				// and the log get the database's own error.
				throw error instanceof DrizzleQueryError && error.cause ? error.cause : error;
			});
		const ids = new Map(inserted.map((row) => [`${row.source}\n${row.externalId}`, row.id]));
		return rows.map((row) => ids.get(`${row.source}\n${row.externalId}`) ?? null);
	}
	// Prepared on the writer connection the transaction runs on.
	const insert = sqliteOf(tx).prepare(insertReview);
	return rows.map((row) => {
		const result = insert.run({
			...row,
			sentimentDetail: row.sentimentDetail === null ? null : JSON.stringify(row.sentimentDetail)
		});
		return result.changes === 0 ? null : Number(result.lastInsertRowid);
	});
}

async function storeReviews(
	db: Db,
	reviews: CheckedReview[],
	options: ImportOptions & { format: ReviewFormat; withoutText: number }
): Promise<ReviewImportSummary> {
	const stored = await storedIds(db, reviews);
	const fresh = reviews.filter((review) => !stored.get(review.source)!.has(review.externalId));
	const clients = await clientIdsByEmail(db, fresh);
	const clientIds = fresh.map((review) =>
		review.email === null ? null : clients.get(review.email)!
	);
	const summary: ReviewImportSummary = {
		format: options.format,
		total: reviews.length + options.withoutText,
		created: fresh.length,
		alreadyImported: reviews.length - fresh.length,
		linked: clientIds.filter((id) => id !== null).length,
		unknownEmails: fresh.filter(
			(review, index) => review.email !== null && clientIds[index] === null
		).length,
		withoutText: options.withoutText,
		sentiment: { positive: 0, neutral: 0, negative: 0, notScored: 0 }
	};
	if (options.dryRun) return summary;

	// The import page polls this job for its progress bar; it ends done or failed, never left running.
	const job = await createJob(
		db,
		'reviews',
		{ code: 'reviewImport', params: { origin: options.origin } },
		fresh.length
	);
	await runJob(db, job.id, () =>
		writeReviews(db, reviews, fresh, clientIds, summary, job.id, options)
	);
	return summary;
}

/** Scores the new reviews a slice at a time, reporting each slice to the job, then writes them all in one transaction. */
async function writeReviews(
	db: Db,
	reviews: CheckedReview[],
	fresh: CheckedReview[],
	clientIds: (number | null)[],
	summary: ReviewImportSummary,
	jobId: number,
	options: ImportOptions & { format: ReviewFormat }
): Promise<void> {
	if (fresh.length === 0) return;
	// Scoring is the slow part, so it happens before the transaction opens, in slices.
	const scorer = await currentScorer(db);
	const scores: ReturnType<typeof sentimentColumnsFor>[] = [];
	for (let start = 0; start < fresh.length; start += SCORED_PER_SLICE) {
		for (const review of fresh.slice(start, start + SCORED_PER_SLICE))
			scores.push(sentimentColumnsFor(review.text, review.language, scorer));
		await reportProgress(db, jobId, scores.length);
		await yieldToRequests();
	}

	const now = options.now ?? new Date();
	const importedAt = now.getTime();
	let created = 0;
	summary.linked = summary.unknownEmails = 0;
	await inTransaction(db, async (tx) => {
		// The email only finds the client: neither the row nor the event carries it.
		const rows = fresh.map(({ email: _email, ...review }, index) => ({
			...review,
			clientId: clientIds[index] ?? null,
			...scores[index]!
		}));
		const ids = await insertedIds(
			tx,
			rows.map((row) => ({ ...row, reviewedAt: row.reviewedAt.getTime(), importedAt }))
		);
		const imported: ImportedReview[] = [];
		rows.forEach(({ tag: _tag, ...row }, index) => {
			const id = ids[index] ?? null;
			if (id === null) return;
			created += 1;
			imported.push({ ...row, id, language: row.sentimentLanguage ?? row.language });
			if (row.clientId !== null) summary.linked += 1;
			else if (fresh[index]!.email !== null) summary.unknownEmails += 1;
			summary.sentiment[row.sentimentLabel ?? 'notScored'] += 1;
		});
		await domainEvents.dispatch(tx, 'review.imported', { reviews: imported, at: now });
		await recordAudit(tx, options.actor, 'reviews.import', `reviews:${created}`, {
			origin: auditOrigin(options.origin),
			format: options.format,
			created,
			alreadyImported: reviews.length - created
		});
	});
	// Another import may have stored some of the same reviews while these were being scored.
	summary.alreadyImported += summary.created - created;
	summary.created = created;
}
