import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from './index';
import { closeSqlite, openSqlite } from './sqlite-connections';

/** A real, migrated SQLite file in a fresh temporary folder, for tests; `remove` deletes it. */
export function createTestDatabase(): { db: Db; url: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-test-'));
	const url = join(dir, 'app.db');
	const db = openSqlite(url);
	return {
		db,
		url,
		remove() {
			closeSqlite(db);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
