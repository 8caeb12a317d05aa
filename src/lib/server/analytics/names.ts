import type Database from 'better-sqlite3';
import type { Db, Queryable } from '../db';
import { sqliteOf, sqlStatement } from '../db/prepared';
import { sqliteWriterOf } from '../db/sqlite-connections';
import { inTransaction } from '../db/transaction';

/**
 * Numbers for the names packed chunks hold (`analytics_names`): a response's dimensions, a
 * language, a question, a factor. Names are only ever added, so a number read from a committed
 * row keeps its name and each connection remembers what it has read.
 */
export type NameBook = { idOf(name: string): number; nameOf(id: number): string };

const selectId = sqlStatement('select id from analytics_names where name = ?');
const insertName = sqlStatement('insert into analytics_names (name) values (?)');
const namesAfter = sqlStatement('select id, name from analytics_names where id > ? order by id');

type Remembered = { byId: Map<number, string>; byName: Map<string, number>; lastId: number };
const remembered = new WeakMap<Database.Database, Remembered>();

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
			}
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

function memoryOf(sqlite: Database.Database): Remembered {
	let memory = remembered.get(sqlite);
	if (!memory) remembered.set(sqlite, (memory = { byId: new Map(), byName: new Map(), lastId: 0 }));
	return memory;
}

/**
 * Names for a reader, without writing: stored names by their number, and numbers of its own for
 * names only unpacked rows have so far. Inside a transaction nothing is remembered for later, as
 * what it reads might still be rolled back.
 */
export function readingNames(db: Queryable): NameBook {
	const sqlite = sqliteOf(db);
	const shared = memoryOf(sqlite);
	const fresh: Remembered = sqlite.inTransaction
		? { byId: new Map(shared.byId), byName: new Map(shared.byName), lastId: shared.lastId }
		: shared;
	const unstored = new Map<string, number>();
	const unstoredNames = new Map<number, string>();
	let loaded = false;
	const loadNew = () => {
		if (loaded) return;
		loaded = true;
		for (const { id, name } of namesAfter(db).all(fresh.lastId) as { id: number; name: string }[]) {
			fresh.byId.set(id, name);
			fresh.byName.set(name, id);
			fresh.lastId = id;
		}
	};
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
		}
	};
}
