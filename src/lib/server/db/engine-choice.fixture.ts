import { count, eq } from 'drizzle-orm';
import { caseless, forUpdate } from './dialect';
import type { Db } from './index';
import { clientImports, clients, clientTags, segments, tags } from './schema';
import { inTransaction } from './transaction';

// A service written once, as converted services will be: async queries on the chosen tables,
// typed as SQLite's, run on either engine. tables.pg.test.ts loads it under each engine.

// Built when the module is evaluated, as responses/inbox.ts builds its cursor position.
const byName = caseless(tags.name);

/** Every tag with the number of clients carrying it, by name regardless of case. */
export const listTags = (db: Db) =>
	db
		.select({ name: tags.name, clients: count(clientTags.clientId) })
		.from(tags)
		.leftJoin(clientTags, eq(clientTags.tagId, tags.id))
		.groupBy(tags.id)
		.orderBy(byName);

/** The new tag's id, or null when a tag differing only in case exists. */
export const addTag = (db: Db, name: string) =>
	inTransaction(db, async (tx) => {
		const [row] = await tx
			.insert(tags)
			.values({ name })
			.onConflictDoNothing()
			.returning({ id: tags.id });
		return row?.id ?? null;
	});

export const addTaggedClient = (db: Db, email: string, tagId: number) =>
	inTransaction(db, async (tx) => {
		const now = new Date();
		const [client] = await tx
			.insert(clients)
			.values({ email, name: email, language: 'en', createdAt: now, updatedAt: now })
			.returning({ id: clients.id });
		if (!client) throw new Error('no client inserted');
		await tx.insert(clientTags).values({ clientId: client.id, tagId });
		return client.id;
	});

export const addImport = (db: Db) =>
	inTransaction(db, async (tx) => {
		const now = new Date();
		const [row] = await tx
			.insert(clientImports)
			.values({
				fileName: 'clients.csv',
				status: 'importing',
				mapping: [],
				totalRows: 100,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: clientImports.id });
		if (!row) throw new Error('no import inserted');
		return row.id;
	});

const processedOf = async (db: Db, id: number, lock: boolean) => {
	const query = db
		.select({ processed: clientImports.processedRows })
		.from(clientImports)
		.where(eq(clientImports.id, id));
	const [row] = await (lock ? forUpdate(query) : query);
	if (!row) throw new Error(`no import ${id}`);
	return row.processed;
};

export const processedRows = (db: Db, id: number) => processedOf(db, id, false);

/** Counts `rows` more processed rows, one read and write each, in one transaction. */
export const countProcessed = (db: Db, id: number, rows: number) =>
	inTransaction(db, async (tx) => {
		for (let i = 0; i < rows; i++) {
			const processed = await processedOf(tx, id, true);
			await tx
				.update(clientImports)
				.set({ processedRows: processed + 1 })
				.where(eq(clientImports.id, id));
		}
	});

/** Saves a segment and reads back what was stored. */
export const addSegment = (db: Db, name: string, filter: unknown) =>
	inTransaction(db, async (tx) => {
		const now = new Date();
		const [row] = await tx
			.insert(segments)
			.values({ name, filter, createdAt: now, updatedAt: now })
			.returning({ filter: segments.filter, createdAt: segments.createdAt });
		return row;
	});
