/**
 * The server test files the `server-pg` vitest project runs on PostgreSQL, as well as on SQLite
 * (`server`). Issue #17 moves the services over area by area; a file joins this list once its
 * area runs on PostgreSQL, until the list is every server test file but those only SQLite can run,
 * each with its reason.
 */
export const onPostgres = [
	'src/lib/server/users/service.test.ts',
	'src/lib/server/auth/session.test.ts',
	'src/lib/server/api-keys/service.test.ts',
	'src/lib/server/db/data-state.test.ts',
	'src/lib/server/worker/lease.test.ts',
	'src/lib/server/api/rate-limit.test.ts',
	'src/lib/server/db/prepared.test.ts',
	'src/lib/server/responses/record.test.ts',
	'src/lib/server/responses/scores.test.ts',
	'src/lib/server/sentiment/columns.test.ts',
	'src/lib/server/followups/rules.test.ts',
	'src/lib/server/analytics/dashboard.test.ts',
	'src/lib/server/analytics/rebuild.test.ts',
	'src/lib/server/analytics/cell-targets.test.ts',
	'src/lib/server/analytics/factor-table-csv.test.ts',
	'src/lib/server/analytics/selection.test.ts',
	'src/lib/server/analytics/sentiment.test.ts',
	'src/lib/server/analytics/settings.test.ts',
	'src/lib/server/sentiment/rescore.test.ts'
];
