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
	'src/lib/server/campaigns/funnels.test.ts',
	'src/lib/server/followups/digest.test.ts',
	'src/lib/server/followups/metrics.test.ts',
	'src/lib/server/followups/queries.test.ts',
	'src/lib/server/followups/workflow.test.ts',
	'src/lib/server/invitations/answer-page.test.ts',
	'src/lib/server/mail/delivery.test.ts',
	'src/lib/server/mail/invitation-email.test.ts',
	'src/lib/server/mail/link-secret.test.ts',
	'src/lib/server/mail/retry.test.ts',
	'src/lib/server/webhooks/chat-delivery.test.ts',
	'src/lib/server/webhooks/delivery.test.ts',
	'src/lib/server/webhooks/emit.test.ts',
	'src/lib/server/webhooks/service.test.ts',
	'src/lib/server/webhooks/target-addresses.test.ts'
];
