import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createPostgresDb, type PgDb } from './postgres';
import { onMaintenanceDatabase, withDatabase } from './test-postgres-server';

/** A copy of the run's template database: where it is, and how to drop it. */
export type TemplateCopy = { url: string; drop: () => Promise<void> };

/** Copies the run's template on the server that tests/postgres-setup.ts started. */
export async function copyTestTemplate(): Promise<TemplateCopy> {
	const adminUrl = inject('postgresAdminUrl');
	const name = `satisfy_test_${randomBytes(6).toString('hex')}`;
	await onMaintenanceDatabase(
		adminUrl,
		`create database ${name} template ${inject('postgresTemplate')}`
	);
	return {
		url: withDatabase(adminUrl, name),
		drop: () => onMaintenanceDatabase(adminUrl, `drop database ${name} with (force)`)
	};
}

/**
 * A database of its own for a test file, copied from the run's template (files in the `postgres`
 * vitest project only); `remove` drops it.
 */
export async function createTestPostgres(): Promise<{
	db: PgDb;
	url: string;
	remove: () => Promise<void>;
}> {
	const copy = await copyTestTemplate();
	const db = createPostgresDb(copy.url);
	return {
		db,
		url: copy.url,
		async remove() {
			await db.$client.end();
			await copy.drop();
		}
	};
}
