import { is, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Queryable } from '../db';
import { pgRows } from '../db/dialect';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { sqliteWriterOf } from '../db/sqlite-connections';
import { inTransaction, onPostgres } from '../db/transaction';

/**
 * Numbers for the names packed chunks hold (`analytics_names`): a response's dimensions, a
 * language, a question, a factor. Names are only ever added, so a number read from a committed
 * row keeps its name and each connection remembers what it has read.
 */
export type NameBook = {
	idOf(name: string): number;
	nameOf(id: number): string;
	/**
	 * Makes `idOf` of these names answer from memory: PostgreSQL's queries cannot run inside it, so
	 * code that runs there names what it will ask for first (SQLite's books look names up as asked).
	 */
	learn(names: Iterable<string>): Promise<void>;
};

const selectId = sqlStatement('select id from analytics_names where name = ?');
const insertName = sqlStatement('insert into analytics_names (name) values (?)');
const namesAfter = sqlStatement('select id, name from analytics_names where id > ? order by id');

type Remembered = {
	byId: Map<number, string>;
	byName: Map<string, number>;
	lastId: number;
	/** PostgreSQL: the table's file, which an emptied database (tests do that) replaces. */
	table?: number;
};
// By SQLite connection, or by PostgreSQL database object (a pool shared by the app's requests).
const remembered = new WeakMap<object, Remembered>();

// Numbers for names a reader meets in rows not packed yet (it never writes): from the top of the range down, never stored.
const FIRST_UNSTORED = 0xffff_ffff;

/** Whether a number names a stored row (small and dense) rather than a reader's own name. */
export const isStoredName = (id: number) => id < 0x8000_0000;

/**
 * Something worked out once per name number, read back per packed row: stored numbers are small
 * and dense, so they index an array (a map only for a reader's own numbers).
 */
export class ByName<T> {
	private readonly stored: T[] = [];
	private readonly others = new Map<number, T>();

	constructor(private readonly workOut: (id: number) => T) {}

	get(id: number): T {
		let value = isStoredName(id) ? this.stored[id] : this.others.get(id);
		if (value === undefined) {
			value = this.workOut(id);
			if (isStoredName(id)) this.stored[id] = value;
			else this.others.set(id, value);
		}
		return value;
	}

	/** Every number worked out so far, with its value. */
	entries(): [number, T][] {
		return [
			...this.stored.flatMap((value, id): [number, T][] =>
				value === undefined ? [] : [[id, value]]
			),
			...this.others
		];
	}
}

/**
 * Runs `work` in one transaction with names it may add to (a new name is stored, and goes if the
 * transaction rolls back): a transaction of its own given the app's database, a savepoint of the
 * caller's given its `tx`. `work` queries through the `tx` it is given. Only a transaction of its
 * own has committed when this returns: then the writer remembers the names it wrote. A savepoint
 * publishes nothing, as the caller's transaction may still roll back.
 */
export async function withWritingNames<T>(
	db: Db,
	work: (names: NameBook, tx: Db) => Promise<T>
): Promise<T> {
	if (onPostgres(db)) return inTransaction(db, async (tx) => work(pgWritingNames(tx), tx));
	// Given the database (not a transaction's tx), inTransaction opens and commits one of its own.
	const outermost = sqliteWriterOf(db) !== undefined;
	let shared: Remembered | undefined;
	const written = new Map<string, number>();
	const result = await inTransaction(db, async (tx) => {
		const memory = (shared = memoryOf(sqliteOf(tx)));
		const names: NameBook = {
			idOf(name) {
				let id = memory.byName.get(name) ?? written.get(name);
				if (id === undefined) {
					id =
						(selectId(tx).pluck().get(name) as number | undefined) ??
						Number(insertName(tx).run(name).lastInsertRowid);
					written.set(name, id);
				}
				return id;
			},
			nameOf(id) {
				const name = memory.byId.get(id);
				if (name === undefined) throw new Error(`No analytics name ${id} remembered`);
				return name;
			},
			learn: async () => undefined
		};
		return work(names, tx);
	});
	if (outermost && shared)
		for (const [name, id] of written) {
			shared.byName.set(name, id);
			shared.byId.set(id, name);
		}
	return result;
}

function memoryOf(owner: object): Remembered {
	let memory = remembered.get(owner);
	if (!memory) remembered.set(owner, (memory = emptyMemory()));
	return memory;
}

const emptyMemory = (): Remembered => ({ byId: new Map(), byName: new Map(), lastId: 0 });

const namesJson = (names: Iterable<string>) =>
	sql`(select value from json_array_elements_text(cast(${JSON.stringify([...names])} as json)))`;

/**
 * PostgreSQL's book for a writing transaction: the names it learns are looked up, and stored when
 * new, in that transaction. Two nodes storing one name meet at its unique key: the second waits for
 * the first to commit and then reads its number.
 */
function pgWritingNames(tx: Queryable): NameBook {
	const byName = new Map<string, number>();
	const byId = new Map<number, string>();
	return {
		idOf(name) {
			const id = byName.get(name);
			if (id === undefined) throw new Error(`The analytics name ${name} was not learnt first`);
			return id;
		},
		nameOf(id) {
			const name = byId.get(id);
			if (name === undefined) throw new Error(`No analytics name ${id} remembered`);
			return name;
		},
		async learn(names) {
			const lookUp = async (wanted: string[]) => {
				for (const [id, name] of await pgRows<[number, string]>(
					tx,
					sql`select id, name from analytics_names where name in ${namesJson(wanted)}`
				)) {
					byName.set(name, id);
					byId.set(id, name);
				}
			};
			const missing = [...new Set(names)].filter((name) => !byName.has(name));
			if (!missing.length) return;
			await lookUp(missing);
			// Only names not stored yet are inserted: an insert that meets its conflict still uses up
			// a number, and readers index by number.
			const unstored = missing.filter((name) => !byName.has(name));
			if (!unstored.length) return;
			await pgRows(
				tx,
				sql`insert into analytics_names (name) select value from ${namesJson(unstored)} as n on conflict (name) do nothing`
			);
			await lookUp(unstored);
		}
	};
}

/**
 * PostgreSQL: the stored names `memory` does not hold yet, read through `db`. Names are only ever
 * added, so the ones after its last number; all of them again when the table was emptied since.
 * Two transactions may commit their new names out of their numbers' order, so `lastId` only moves
 * past numbers read without a gap: a number missing below may still arrive.
 */
async function pgLoadNames(db: Queryable, memory: Remembered): Promise<void> {
	const after = async (lastId: number) =>
		pgRows<[number, number | null, string | null]>(
			db,
			sql`select cast(pg_relation_filenode('analytics_names') as bigint), n.id, n.name from (select 1) one left join analytics_names n on n.id > ${lastId} order by n.id`
		);
	let rows = await after(memory.lastId);
	if (memory.table !== undefined && rows[0]![0] !== memory.table) {
		Object.assign(memory, emptyMemory());
		rows = await after(0);
	}
	memory.table = rows[0]![0];
	for (const [, id, name] of rows) {
		if (id === null || name === null) continue;
		memory.byId.set(id, name);
		memory.byName.set(name, id);
		if (id === memory.lastId + 1) memory.lastId = id;
	}
}

/**
 * Names for a reader, without writing: stored names by their number, and numbers of its own for
 * names only unpacked rows have so far. Inside a transaction nothing is remembered for later, as
 * what it reads might still be rolled back. On PostgreSQL the stored names are read at once,
 * through `through` (the snapshot the reader reads its chunks in; `db` by default).
 */
export async function readingNames(db: Queryable, through: Queryable = db): Promise<NameBook> {
	if (!onPostgres(db)) return sqliteReadingNames(db);
	const shared = memoryOf(db);
	const fresh = is(db, PgTransaction) ? copied(shared) : shared;
	await pgLoadNames(through, fresh);
	return namesReadFrom(fresh, () => undefined);
}

const copied = (memory: Remembered): Remembered => ({
	...memory,
	byId: new Map(memory.byId),
	byName: new Map(memory.byName)
});

/** `readingNames` on SQLite, synchronously: for the reads inside better-sqlite3's transactions. */
export function sqliteReadingNames(db: Queryable): NameBook {
	const sqlite = sqliteOf(db);
	const shared = memoryOf(sqlite);
	const fresh: Remembered = sqlite.inTransaction ? copied(shared) : shared;
	let loaded = false;
	return namesReadFrom(fresh, () => {
		if (loaded) return;
		loaded = true;
		for (const { id, name } of namesAfter(db).all(fresh.lastId) as { id: number; name: string }[]) {
			fresh.byId.set(id, name);
			fresh.byName.set(name, id);
			fresh.lastId = id;
		}
	});
}

/** A reader's book over what `fresh` remembers, `loadNew` reading the names stored since. */
function namesReadFrom(fresh: Remembered, loadNew: () => void): NameBook {
	const unstored = new Map<string, number>();
	const unstoredNames = new Map<number, string>();
	return {
		idOf(name) {
			let id = fresh.byName.get(name) ?? unstored.get(name);
			if (id === undefined) {
				loadNew();
				id = fresh.byName.get(name);
			}
			if (id === undefined) {
				id = FIRST_UNSTORED - unstored.size;
				unstored.set(name, id);
				unstoredNames.set(id, name);
			}
			return id;
		},
		nameOf(id) {
			let name = fresh.byId.get(id) ?? unstoredNames.get(id);
			if (name === undefined) {
				loadNew();
				name = fresh.byId.get(id);
			}
			if (name === undefined) throw new Error(`No analytics name ${id}`);
			return name;
		},
		// Names it does not hold get numbers of its own, as asked.
		learn: async () => undefined
	};
}
