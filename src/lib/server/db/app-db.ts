import { appConfig } from '../config';
import type { Db } from './index';
import { openSqlite } from './sqlite-connections';

let db: Db | undefined;

/** The app's database (see openSqlite), opened and migrated on first use rather than at import. */
export function appDb(): Db {
	db ??= openSqlite(appConfig().databaseUrl);
	return db;
}
