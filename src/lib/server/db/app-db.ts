import { appConfig } from '../config';
import { engineOf } from './engine';
import type { Db } from './index';
import { openDatabase } from './open';
import { openSqlite } from './sqlite-connections';

let db: Db | undefined;
let opening: Promise<Db> | undefined;

/**
 * Opens and migrates the app's database: the server awaits this at start (hooks.server.ts init),
 * scripts before their work. PostgreSQL can only be opened this way, its migrations being
 * asynchronous.
 */
export function openAppDb(): Promise<Db> {
	opening ??= db
		? Promise.resolve(db)
		: openDatabase(appConfig().databaseUrl).then((opened) => (db = opened));
	return opening;
}

/**
 * The app's database. A SQLite file is opened (and migrated) on first use if start-up has not
 * opened it yet, as tests and scripts of a SQLite workspace expect; PostgreSQL must be opened by
 * openAppDb first.
 */
export function appDb(): Db {
	if (db) return db;
	const url = appConfig().databaseUrl;
	if (engineOf(url) === 'postgres')
		throw new Error('The PostgreSQL database is opened at start: await openAppDb() first');
	db = openSqlite(url);
	return db;
}
