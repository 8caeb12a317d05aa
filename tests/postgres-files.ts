/**
 * The server test files the `server-pg` vitest project does not run on PostgreSQL, each with its
 * reason. `server-pg` runs every other server test file a second time, on PostgreSQL, so a new test
 * file runs on both engines unless it is named here.
 */
export const notOnPostgres: Record<string, string> = {
	'src/lib/server/db/checkpoints.test.ts':
		'SQLite only: WAL checkpoints, which PostgreSQL makes itself',
	'src/lib/server/db/index.test.ts':
		'SQLite only: createDb’s file, pragmas and WAL, and a second process writing to the same file',
	'src/lib/server/db/native-build.test.ts':
		'SQLite only: checks the native build of better-sqlite3, opening no database',
	'src/lib/server/db/schema-pg.test.ts':
		'touches no database: compares the two schemas’ declarations, so runs once, in `server`',
	'src/lib/server/api/openapi.test.ts': 'touches no database: runs once, in `server`',
	'src/lib/server/auth/password.test.ts': 'touches no database: runs once, in `server`',
	'src/lib/server/auth/redirect-target.test.ts': 'touches no database: runs once, in `server`',
	'src/lib/server/auth/token.test.ts': 'touches no database: runs once, in `server`'
};
