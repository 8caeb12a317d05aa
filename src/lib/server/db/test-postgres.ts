import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createPostgresDb, type PgDb } from './postgres';
import { onMaintenanceDatabase, withDatabase } from './test-postgres-server';

/**
 * A database of its own for a test file, copied from the run's template on the server that
 * tests/postgres-setup.ts started (files in the `postgres` vitest project only); `remove` drops it.
 */
export async function createTestPostgres(): Promise<{
	db: PgDb;
	url: string;
	remove: () => Promise<void>;
}> {
	const adminUrl = inject('postgresAdminUrl');
	const name = `satisfy_test_${randomBytes(6).toString('hex')}`;
	await onMaintenanceDatabase(
		adminUrl,
		`create database ${name} template ${inject('postgresTemplate')}`
	);
	const url = withDatabase(adminUrl, name);
	const db = createPostgresDb(url);
	return {
		db,
		url,
		async remove() {
			await db.$client.end();
			await onMaintenanceDatabase(adminUrl, `drop database ${name} with (force)`);
		}
	};
}
