import { asc, eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './index';
import type { PgDb } from './postgres';
import * as sqliteSchema from './schema/all';
import * as pgSchema from './schema-pg';
import { closeSqlite, openSqlite } from './sqlite-connections';
import { createTestPostgres } from './test-postgres';
import { inTransaction, type PgTx } from './transaction';

/**
 * The same few queries on either engine, through a database or a transaction's `tx`, so one test
 * body runs on both. `transaction` is inTransaction on what the session queries through.
 */
type Session = {
	transaction: <T>(work: (tx: Session) => Promise<T>) => Promise<T>;
	addTag: (name: string) => Promise<void>;
	tagNames: () => Promise<string[]>;
	clearTags: () => Promise<void>;
	/** Reads the import's processed count, then writes it back one higher. */
	increment: (importId: number) => Promise<void>;
	processed: (importId: number) => Promise<number>;
	addImport: () => Promise<number>;
};

const newImport = {
	fileName: 'clients.csv',
	status: 'importing' as const,
	mapping: [],
	totalRows: 100,
	createdAt: new Date(),
	updatedAt: new Date()
};

function sqliteSession(db: Db): Session {
	const { tags, clientImports } = sqliteSchema;
	const processed = async (id: number) => {
		const [row] = await db
			.select({ processed: clientImports.processedRows })
			.from(clientImports)
			.where(eq(clientImports.id, id));
		if (!row) throw new Error(`no import ${id}`);
		return row.processed;
	};
	return {
		transaction: (work) => inTransaction(db, (tx) => work(sqliteSession(tx))),
		addTag: async (name) => {
			await db.insert(tags).values({ name });
		},
		tagNames: async () =>
			(await db.select({ name: tags.name }).from(tags).orderBy(asc(tags.name))).map(
				(tag) => tag.name
			),
		clearTags: async () => {
			await db.delete(tags);
		},
		processed,
		async increment(id) {
			const value = await processed(id);
			await db
				.update(clientImports)
				.set({ processedRows: value + 1 })
				.where(eq(clientImports.id, id));
		},
		async addImport() {
			const [row] = await db
				.insert(clientImports)
				.values(newImport)
				.returning({ id: clientImports.id });
			if (!row) throw new Error('no import inserted');
			return row.id;
		}
	};
}

function pgSession(db: PgDb | PgTx): Session {
	const { tags, clientImports } = pgSchema;
	const processed = async (id: number, forUpdate = false) => {
		const query = db
			.select({ processed: clientImports.processedRows })
			.from(clientImports)
			.where(eq(clientImports.id, id));
		const [row] = forUpdate ? await query.for('update') : await query;
		if (!row) throw new Error(`no import ${id}`);
		return row.processed;
	};
	return {
		transaction: (work) => inTransaction(db, (tx) => work(pgSession(tx))),
		addTag: async (name) => {
			await db.insert(tags).values({ name });
		},
		tagNames: async () =>
			(await db.select({ name: tags.name }).from(tags).orderBy(asc(tags.name))).map(
				(tag) => tag.name
			),
		clearTags: async () => {
			await db.delete(tags);
		},
		processed: (id) => processed(id),
		async increment(id) {
			// READ COMMITTED: without the row lock, two transactions could read the same value.
			const value = await processed(id, true);
			await db
				.update(clientImports)
				.set({ processedRows: value + 1 })
				.where(eq(clientImports.id, id));
		},
		async addImport() {
			const [row] = await db
				.insert(clientImports)
				.values(newImport)
				.returning({ id: clientImports.id });
			if (!row) throw new Error('no import inserted');
			return row.id;
		}
	};
}

/** A promise and the function that settles it, to hold a transaction open at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

let sqliteDir: string;
let sqliteDb: Db;
let postgres: Awaited<ReturnType<typeof createTestPostgres>>;
beforeAll(async () => {
	sqliteDir = mkdtempSync(join(tmpdir(), 'satisfy-tx-'));
	sqliteDb = openSqlite(join(sqliteDir, 'app.db'));
	postgres = await createTestPostgres();
});
afterAll(async () => {
	closeSqlite(sqliteDb);
	rmSync(sqliteDir, { recursive: true, force: true });
	await postgres.remove();
});

describe.each([
	['SQLite', () => sqliteSession(sqliteDb)],
	['PostgreSQL', () => pgSession(postgres.db)]
])('inTransaction on %s', (_engine, sessionOf) => {
	let db: Session;
	beforeEach(async () => {
		db = sessionOf();
		await db.transaction((tx) => tx.clearTags());
	});

	it('keeps every write of a transaction that finishes, and returns its result', async () => {
		const result = await db.transaction(async (tx) => {
			await tx.addTag('a');
			await tx.addTag('b');
			return 'done';
		});
		expect(result).toBe('done');
		expect(await db.tagNames()).toEqual(['a', 'b']);
	});

	it('keeps none of the writes of a transaction that throws after two inserts', async () => {
		await expect(
			db.transaction(async (tx) => {
				await tx.addTag('a');
				await tx.addTag('b');
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		expect(await db.tagNames()).toEqual([]);
	});

	it('gives exactly 100 when two concurrent transactions each increment a count 50 times', async () => {
		const id = await db.transaction((tx) => tx.addImport());
		const fiftyIncrements = () =>
			db.transaction(async (tx) => {
				for (let i = 0; i < 50; i++) await tx.increment(id);
			});
		await Promise.all([fiftyIncrements(), fiftyIncrements()]);
		expect(await db.processed(id)).toBe(100);
	});

	it('gives exactly 100 from 100 small transactions, two at a time', async () => {
		const id = await db.transaction((tx) => tx.addImport());
		const fiftyTransactions = async () => {
			for (let i = 0; i < 50; i++) await db.transaction((tx) => tx.increment(id));
		};
		await Promise.all([fiftyTransactions(), fiftyTransactions()]);
		expect(await db.processed(id)).toBe(100);
	});

	it('shows reads outside a transaction none of its writes until it commits', async () => {
		const written = gate();
		const finish = gate();
		const transaction = db.transaction(async (tx) => {
			await tx.addTag('pending');
			expect(await tx.tagNames()).toEqual(['pending']);
			written.open();
			await finish.opened;
		});
		await written.opened;
		expect(await db.tagNames()).toEqual([]);
		finish.open();
		await transaction;
		expect(await db.tagNames()).toEqual(['pending']);
	});

	it('undoes only a nested transaction that throws (a savepoint), keeping the outer one’s writes', async () => {
		await db.transaction(async (tx) => {
			await tx.addTag('outer');
			await expect(
				tx.transaction(async (inner) => {
					await inner.addTag('inner');
					throw new Error('inner refused');
				})
			).rejects.toThrow('inner refused');
			await tx.transaction((inner) => inner.addTag('second inner'));
		});
		expect(await db.tagNames()).toEqual(['outer', 'second inner']);
	});

	it('undoes a nested transaction that finished when the outer one throws', async () => {
		await expect(
			db.transaction(async (tx) => {
				await tx.transaction((inner) => inner.addTag('inner'));
				throw new Error('outer refused');
			})
		).rejects.toThrow('outer refused');
		expect(await db.tagNames()).toEqual([]);
	});

	it('refuses a transaction on the database inside one, which would wait for itself', async () => {
		await expect(
			db.transaction(async () => {
				await db.transaction((tx) => tx.addTag('escaped'));
			})
		).rejects.toThrow('pass its tx');
		expect(await db.tagNames()).toEqual([]);
	});

	it('refuses a transaction’s tx once the transaction has ended', async () => {
		const leaked = await db.transaction(async (tx) => tx);
		await expect(leaked.transaction((tx) => tx.addTag('late'))).rejects.toThrow();
		expect(await db.tagNames()).toEqual([]);
	});
});

describe('inTransaction on SQLite only', () => {
	const db = () => sqliteSession(sqliteDb);

	// PostgreSQL has no such guard: a write outside a transaction commits on its own there.
	it('refuses a write outside a transaction at once', async () => {
		await expect(db().addTag('outside')).rejects.toThrow('attempt to write a readonly database');
		expect(await db().tagNames()).not.toContain('outside');
	});

	// On PostgreSQL transactions run side by side; only the rows they lock make others wait.
	it('starts a transaction only once the one before it has ended', async () => {
		const events: string[] = [];
		const finish = gate();
		const started = gate();
		const first = db().transaction(async () => {
			events.push('first starts');
			started.open();
			await finish.opened;
			events.push('first ends');
		});
		await started.opened;
		const second = db().transaction(async () => {
			events.push('second starts');
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
		events.push('first released');
		finish.open();
		await Promise.all([first, second]);
		expect(events).toEqual(['first starts', 'first released', 'first ends', 'second starts']);
	});
});

describe('inTransaction on PostgreSQL only', () => {
	// On SQLite the second transaction cannot start while the first is open, so the two reads
	// below cannot interleave there.
	it('loses an increment when a read that decides a write does not lock its row', async () => {
		const { clientImports } = pgSchema;
		const db = postgres.db;
		const id = await pgSession(db).addImport();
		const readUnlocked = async (tx: PgTx) => {
			const [row] = await tx
				.select({ processed: clientImports.processedRows })
				.from(clientImports)
				.where(eq(clientImports.id, id));
			return row?.processed ?? Number.NaN;
		};
		const write = (tx: PgTx, value: number) =>
			tx.update(clientImports).set({ processedRows: value }).where(eq(clientImports.id, id));
		const firstRead = gate();
		const secondRead = gate();
		const first = inTransaction(db, async (tx) => {
			const value = await readUnlocked(tx);
			firstRead.open();
			await secondRead.opened;
			await write(tx, value + 1);
		});
		const second = inTransaction(db, async (tx) => {
			await firstRead.opened;
			const value = await readUnlocked(tx);
			secondRead.open();
			// Waits for the first transaction's row lock, then overwrites its result.
			await write(tx, value + 1);
		});
		await Promise.all([first, second]);
		expect(await pgSession(db).processed(id)).toBe(1);
	});
});
