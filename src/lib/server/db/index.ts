import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { engineOf } from './engine';
import { unsafeSqliteBuild } from './native-build';
import * as schema from './schema/all';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** `DATABASE_URL` may be a plain path, a `file:` URL or `:memory:`. */
export function databasePath(url: string): string {
	if (url === ':memory:') return url;
	// Taken as a path, a PostgreSQL URL would become a SQLite file in a folder named "postgres:".
	if (engineOf(url) === 'postgres') throw new Error('A PostgreSQL URL is no SQLite file');
	return resolve(url.replace(/^file:(\/\/)?/, ''));
}

export function migrationsFolder(): string {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

let nativeBuildChecked = false;

/** Opens the database, sets the pragmas every connection needs and applies pending migrations. */
export function createDb(url: string): Db {
	if (!nativeBuildChecked) {
		// Refused at once rather than crashing later, under load, in the middle of someone's request.
		const unsafe = unsafeSqliteBuild();
		if (unsafe) throw new Error(unsafe);
		nativeBuildChecked = true;
	}
	const path = databasePath(url);
	if (path !== ':memory:') {
		mkdirSync(dirname(path), { recursive: true });
		// The file holds personal data: a new one is readable by its owner only. SQLite gives the
		// -wal and -shm files it creates later the main file's mode. An existing file keeps its mode.
		closeSync(openSync(path, 'a', 0o600));
	}
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// Safe with WAL: a power cut may lose the last transactions but never corrupts the file.
	sqlite.pragma('synchronous = NORMAL');
	// Deleted rows are overwritten, not just unlinked: erased personal data must not linger in the file.
	sqlite.pragma('secure_delete = ON');
	const db = drizzle(sqlite, { schema });
	// Transactions begin IMMEDIATE: they take the write lock before their first read. A deferred one
	// reads first, and if another process (two servers on one file, as in a rolling restart) writes
	// meanwhile, its own first write fails at once with SQLITE_BUSY — its snapshot is stale, so
	// busy_timeout cannot help. An immediate one waits its turn instead. Nested ones stay savepoints.
	const begin = db.transaction.bind(db);
	db.transaction = (work, config) => begin(work, { behavior: 'immediate', ...config });
	migrate(db, { migrationsFolder: migrationsFolder() });
	return db;
}

/** What a helper queries through: the database, or the `tx` of the transaction it runs in. */
export type Queryable = Db;
