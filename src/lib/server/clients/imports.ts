import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../audit';
import type { Db } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { clientImports, users, workerLeases } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { holdLease, releaseLease } from '../worker/lease';
import { listAttributeDefinitions } from './attributes';
import { type ParsedCsv } from '../../csv/read';
import type { RowIssue } from '../../csv/row-issue';
import {
	createRowValidator,
	guessMapping,
	type ImportField,
	isImportField,
	mappingProblems,
	parseClientCsv
} from './csv-import';
import type { ClientInput } from '../../schemas/clients';
import { columnMappingSchema } from '../../schemas/column-mapping';
import { saveClients, type ClientField } from './save';
import { withoutData } from '../log-safe';
import * as m from '../../paraglide/messages';

/** Rows checked between two pauses, so other requests are served while a big file is checked. */
const ROWS_PER_SLICE = 2000;
export const DEFAULT_LANGUAGE = 'en';

export type ClientImport = typeof clientImports.$inferSelect;

/**
 * Why an import failed, stored as a code and worded when read, in the reader's language. Imports
 * that failed before the codes were stored keep their English sentence.
 */
type ImportFailure = 'restarted' | 'crashed' | 'discarded';
const failureTexts: Record<ImportFailure, () => string> = {
	restarted: m.clients_import_failed_restart,
	crashed: m.clients_import_failed_error,
	discarded: m.clients_import_failed_discarded
};

/** The import with its failure in words: a code becomes its message, an older sentence stays. */
function withWordedFailure(found: ClientImport): ClientImport {
	const code = found.failure;
	return code !== null && Object.hasOwn(failureTexts, code)
		? { ...found, failure: failureTexts[code as ImportFailure]() }
		: found;
}

/** Imports being checked or written by this process. */
const running = new Set<number>();

/**
 * A running import also holds a lease (worker/lease.ts), renewed while it runs, so that the app's
 * other nodes know it is alive; one whose lease ran out died with its process.
 */
const IMPORT_LEASE_MS = 15_000;
const importLease = (id: number) => `client-import:${id}`;

/** Stores an uploaded file with a guessed column mapping, or says what is wrong with it. */
export async function stageImport(
	db: Db,
	file: { name: string; bytes: Uint8Array },
	userId: string
) {
	const parsed = parseClientCsv(file.bytes);
	if (!parsed.ok) return parsed;
	const attributeKeys = (await listAttributeDefinitions(db)).map((definition) => definition.key);
	const now = new Date();
	const staged = await inTransaction(db, async (tx) =>
		first(
			tx
				.insert(clientImports)
				.values({
					createdBy: userId,
					fileName: file.name,
					content: Buffer.from(file.bytes),
					status: 'uploaded',
					mapping: guessMapping(parsed.csv.headers, attributeKeys),
					totalRows: parsed.csv.rows.length,
					createdAt: now,
					updatedAt: now
				})
				.returning({ id: clientImports.id })
		)
	);
	return { ok: true as const, id: staged!.id };
}

async function diedWithRestart(db: Db, found: ClientImport): Promise<boolean> {
	if (found.status !== 'validating' && found.status !== 'importing') return false;
	if (running.has(found.id)) return false;
	const lease = await first(
		db
			.select({ name: workerLeases.name })
			.from(workerLeases)
			.where(and(eq(workerLeases.name, importLease(found.id)), gte(workerLeases.until, new Date())))
	);
	return lease === undefined;
}

export async function getImport(db: Db, id: number): Promise<ClientImport | null> {
	const found = await first(db.select().from(clientImports).where(eq(clientImports.id, id)));
	if (!found || !(await diedWithRestart(db, found))) return found ? withWordedFailure(found) : null;
	return inTransaction(db, async (tx) => {
		// Read again where the write happens: it may have been settled meanwhile.
		const current = await first(
			forUpdate(tx.select().from(clientImports).where(eq(clientImports.id, id)))
		);
		if (!current || !(await diedWithRestart(tx, current)))
			return current ? withWordedFailure(current) : null;
		const failure: ImportFailure = 'restarted';
		await tx
			.update(clientImports)
			.set({ status: 'failed', failure, updatedAt: new Date() })
			.where(eq(clientImports.id, id));
		return withWordedFailure({ ...current, status: 'failed' as const, failure });
	});
}

export async function recentImports(db: Db, limit = 10) {
	return db
		.select({
			id: clientImports.id,
			fileName: clientImports.fileName,
			status: clientImports.status,
			totalRows: clientImports.totalRows,
			result: clientImports.result,
			createdAt: clientImports.createdAt,
			createdBy: users.name
		})
		.from(clientImports)
		.leftJoin(users, eq(users.id, clientImports.createdBy))
		.orderBy(desc(clientImports.id))
		.limit(limit);
}

/** The first rows of a staged file, for the preview next to the column mapping. */
export function previewImport(
	staged: ClientImport,
	rows = 5
): { headers: string[]; rows: string[][] } | null {
	if (!staged.content) return null;
	const parsed = parseClientCsv(staged.content);
	return parsed.ok ? { headers: parsed.csv.headers, rows: parsed.csv.rows.slice(0, rows) } : null;
}

/** The start form's column selects (`column-N`), one per column of the staged file. */
export const importMappingSchema = (columns: number) => columnMappingSchema(columns, isImportField);

/** Which client fields an update may overwrite: only those the file has columns for. */
function mappedFields(mapping: (ImportField | null)[]): Set<ClientField> {
	return new Set(
		mapping.flatMap((field) =>
			field === null ? [] : [field.startsWith('attribute:') ? 'attributes' : (field as ClientField)]
		)
	);
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export type ImportOutcome =
	| { ok: true; created: number; updated: number; skipped: number }
	| { ok: false; issues: RowIssue[] };

type ImportChoice = { mapping: (ImportField | null)[]; onExisting: 'skip' | 'update' };

/**
 * Checks every row, then, only if all are valid, writes them in one transaction. Checking pauses
 * every few thousand rows so a big file does not stall other requests; `progress` hears of it.
 */
export async function importRows(
	db: Db,
	csv: ParsedCsv,
	choice: ImportChoice,
	options: {
		actor: Actor;
		source: string;
		progress?: (checkedRows: number) => Promise<void>;
		beforeWriting?: () => Promise<void>;
	}
): Promise<ImportOutcome> {
	const checked = await checkRows(
		db,
		csv,
		choice.mapping,
		await listAttributeDefinitions(db),
		options.progress ?? (async () => {})
	);
	if (checked.issues.length) return { ok: false, issues: checked.issues };
	await options.beforeWriting?.();
	await pause();
	const saved = await saveClients(db, checked.clients, {
		onExisting: choice.onExisting,
		fields: mappedFields(choice.mapping),
		actor: options.actor,
		source: options.source
	});
	if (!saved.ok) {
		return {
			ok: false,
			issues: saved.issues.map((issue) => ({
				line: checked.lines[issue.index]!,
				column: issue.field,
				message: issue.message
			}))
		};
	}
	return { ok: true, created: saved.created, updated: saved.updated, skipped: saved.skipped };
}

/** The problems that keep a mapping from use, against the workspace's custom fields. */
export async function mappingProblemsFor(
	db: Db,
	csv: ParsedCsv,
	mapping: (ImportField | null)[]
): Promise<string[]> {
	return mappingProblems(
		mapping,
		csv.headers,
		(await listAttributeDefinitions(db)).map((definition) => definition.key)
	);
}

/**
 * Starts a staged import in the background and returns at once, or returns the problems that keep
 * it from starting. Progress and outcome are stored on the import for the page to show.
 */
export async function startImport(
	db: Db,
	id: number,
	choice: ImportChoice,
	actor: Actor
): Promise<{ ok: false; problems: string[] } | { ok: true; done: Promise<void> }> {
	const cannotStart = { ok: false as const, problems: [m.clients_import_cannot_restart()] };
	const staged = await getImport(db, id);
	if (!staged?.content || running.has(id)) return cannotStart;
	const parsed = parseClientCsv(staged.content);
	if (!parsed.ok) return { ok: false, problems: [parsed.message] };
	const problems = await mappingProblemsFor(db, parsed.csv, choice.mapping);
	if (problems.length) return { ok: false, problems };

	// Checked again with no await in between: another request may have started it meanwhile.
	if (running.has(id)) return cannotStart;
	running.add(id);
	const update = (values: Partial<ClientImport>) =>
		inTransaction(db, async (tx) => {
			await tx
				.update(clientImports)
				.set({ ...values, updatedAt: new Date() })
				.where(eq(clientImports.id, id));
		});
	let claimed: boolean;
	try {
		claimed = await inTransaction(db, async (tx) => {
			// The file read above must still be there (not discarded meanwhile) when it starts.
			const current = await first(
				forUpdate(
					tx
						.select({ content: clientImports.content })
						.from(clientImports)
						.where(eq(clientImports.id, id))
				)
			);
			// Another node may be running it: its lease, held and renewed, says so.
			if (!current?.content || !(await holdLease(tx, importLease(id), IMPORT_LEASE_MS)))
				return false;
			await tx
				.update(clientImports)
				.set({
					status: 'validating',
					mapping: choice.mapping,
					onExisting: choice.onExisting,
					processedRows: 0,
					issues: null,
					failure: null,
					updatedAt: new Date()
				})
				.where(eq(clientImports.id, id));
			return true;
		});
	} catch (error) {
		running.delete(id);
		throw error;
	}
	if (!claimed) {
		running.delete(id);
		return cannotStart;
	}
	const renewal = setInterval(() => {
		holdLease(db, importLease(id), IMPORT_LEASE_MS).catch((error: unknown) =>
			console.error(`The lease on client import ${id} could not be renewed:`, error)
		);
	}, IMPORT_LEASE_MS / 3);

	const done = importRows(db, parsed.csv, choice, {
		actor,
		source: `CSV import ${staged.fileName}`,
		progress: (processedRows) => update({ processedRows }),
		beforeWriting: () => update({ status: 'importing' })
	})
		.then(async (outcome) => {
			// Once imported, the file's personal data is dropped; only the outcome is kept.
			if (outcome.ok)
				await update({
					status: 'done',
					content: null,
					result: { created: outcome.created, updated: outcome.updated, skipped: outcome.skipped }
				});
			else await update({ status: 'invalid', issues: outcome.issues });
		})
		.catch(async (error: unknown) => {
			console.error(`Client import ${id} failed:`, withoutData(error));
			await update({ status: 'failed', failure: 'crashed' satisfies ImportFailure });
		})
		.finally(() => {
			clearInterval(renewal);
			running.delete(id);
			// Not given back, it runs out on its own: nothing more to do about a failure here.
			return releaseLease(db, importLease(id)).catch((error: unknown) =>
				console.error(`The lease on client import ${id} could not be released:`, error)
			);
		});
	return { ok: true, done };
}

async function checkRows(
	db: Db,
	csv: ParsedCsv,
	mapping: (ImportField | null)[],
	attributes: { key: string; type: 'string' | 'number' | 'date' }[],
	progress: (processedRows: number) => Promise<void>
) {
	const staffEmails = new Set(
		(await db.select({ email: users.email }).from(users).where(isNull(users.deactivatedAt))).map(
			(user) => user.email
		)
	);
	const validate = createRowValidator(mapping, csv.headers, {
		attributes,
		staffEmails,
		defaultLanguage: DEFAULT_LANGUAGE
	});
	const clients: ClientInput[] = [];
	const lines: number[] = [];
	const issues: RowIssue[] = [];
	for (let start = 0; start < csv.rows.length; start += ROWS_PER_SLICE) {
		const end = Math.min(start + ROWS_PER_SLICE, csv.rows.length);
		for (let index = start; index < end; index++) {
			const result = validate(csv.rows[index]!, csv.lines[index]!);
			if (result.ok) {
				clients.push(result.client);
				lines.push(csv.lines[index]!);
			} else {
				issues.push(...result.issues);
			}
		}
		await progress(end);
		await pause();
	}
	return { clients, lines, issues };
}

/** Drops staged files nobody imported, so uploaded personal data does not linger. */
export async function discardImports(db: Db, ids: number[]): Promise<void> {
	if (ids.length)
		await inTransaction(db, async (tx) => {
			await tx
				.update(clientImports)
				.set({ content: null, status: 'failed', failure: 'discarded' satisfies ImportFailure })
				.where(inArray(clientImports.id, ids));
		});
}
