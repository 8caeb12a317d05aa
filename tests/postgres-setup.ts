import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../src/lib/server/db/test-postgres-server';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The test server's maintenance database, as a role that may create databases. */
		postgresAdminUrl: string;
		/** The database each test file's own database is copied from. */
		postgresTemplate: string;
	}
}

/** Vitest's global setup for the `postgres` project: one server for the run, stopped at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const server = await startTestPostgres();
	project.provide('postgresAdminUrl', server.adminUrl);
	project.provide('postgresTemplate', server.template);
	return server.stop;
}
