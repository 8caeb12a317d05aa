import { appConfig } from '../config';
import { createDb, type Db } from './index';

let db: Db | undefined;

/** The app's one connection, opened (and migrated) on first use rather than at import. */
export function appDb(): Db {
	db ??= createDb(appConfig().databaseUrl);
	return db;
}
