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
	'src/lib/server/audit-log/queries.test.ts',
	'src/lib/server/config.test.ts',
	'src/lib/server/csrf.test.ts',
	'src/lib/server/events/bus.test.ts',
	'src/lib/server/forms.test.ts',
	'src/lib/server/refusals.test.ts',
	'src/lib/server/request-body.test.ts',
	'src/lib/server/security-headers.test.ts',
	'src/lib/server/worker/claimed-queue.test.ts',
	'src/lib/server/worker/jobs.test.ts',
	'src/lib/server/worker/loop.test.ts',
	'src/lib/server/health.test.ts',
	'src/lib/server/reviews/queries.test.ts',
	'src/lib/server/reviews/import.test.ts',
	'src/lib/server/responses/import.test.ts',
	'src/lib/server/responses/inbox.test.ts',
	'src/lib/server/privacy/client-export.test.ts',
	'src/lib/server/admin/backup.test.ts',
	'src/lib/server/admin/cli.test.ts'
];
