/**
 * The server test files the `server-pg` vitest project does not run on PostgreSQL, each with its
 * reason. `server-pg` runs every other server test file a second time, on PostgreSQL, so a new test
 * file runs on both engines unless it is named here.
 */
const noDatabase = 'touches no database: runs once, in `server`';

export const notOnPostgres: Record<string, string> = {
	'src/lib/server/db/checkpoints.test.ts':
		'SQLite only: WAL checkpoints, which PostgreSQL makes itself',
	'src/lib/server/db/index.test.ts':
		'SQLite only: createDb’s file, pragmas and WAL, a second process writing to the same file; ' +
		'transaction.pg.test.ts tests PostgreSQL’s transactions and savepoints',
	'src/lib/server/db/native-build.test.ts':
		'SQLite only: checks the native build of better-sqlite3, opening no database',
	'src/lib/server/db/schema-pg.test.ts': `${noDatabase}; compares the two schemas’ declarations`,
	'src/lib/server/api/openapi.test.ts': noDatabase,
	'src/lib/server/api/endpoints/responses.test.ts': noDatabase,
	'src/lib/server/api/endpoints/reviews.test.ts': noDatabase,
	'src/lib/server/api/endpoints/sentiment.test.ts': noDatabase,
	'src/lib/server/auth/access.test.ts': noDatabase,
	'src/lib/server/auth/guards.test.ts': noDatabase,
	'src/lib/server/auth/password.test.ts': noDatabase,
	'src/lib/server/auth/redirect-target.test.ts': noDatabase,
	'src/lib/server/auth/token.test.ts': noDatabase,
	'src/lib/server/auth/visibility.test.ts': noDatabase,
	'src/lib/server/analytics/cell-targets.test.ts': noDatabase,
	'src/lib/server/analytics/factor-table-csv.test.ts': noDatabase,
	'src/lib/server/clients/csv-import.test.ts': noDatabase,
	'src/lib/server/clients/export-csv.test.ts': noDatabase,
	'src/lib/server/events/bus.test.ts': noDatabase,
	'src/lib/server/mail/invitation-email.test.ts': noDatabase,
	'src/lib/server/surveys/builder-form.test.ts': noDatabase,
	'src/lib/server/surveys/qr.test.ts': noDatabase,
	'src/lib/server/webhooks/target-addresses.test.ts': noDatabase,
	'src/lib/server/worker/claimed-queue.test.ts': noDatabase,
	'src/lib/server/worker/loop.test.ts': noDatabase,
	'src/lib/server/csrf.test.ts': noDatabase,
	'src/lib/server/forms.test.ts': noDatabase,
	'src/lib/server/refusals.test.ts': noDatabase,
	'src/lib/server/security-headers.test.ts': noDatabase,
	'src/lib/server/request-body.test.ts': noDatabase
};
