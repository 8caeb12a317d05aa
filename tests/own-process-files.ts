/**
 * The server test files that each need a process of their own, with the reason. The others share
 * one process per project (vitest's `isolate: false`), which spares every file loading the
 * server's modules again: that loading, not the tests, took most of the unit run's time.
 * A file belongs here when it changes what a process holds once: the app's own database and the
 * configuration read from the environment at first use, or a module it mocks under the code it
 * tests (a module another file loaded first would not be mocked).
 */
const appDatabase =
	'points the app’s own database (appDb) and its configuration at a test database of its own';
const mocksJobs = 'mocks worker/jobs’ yieldToRequests to pause the code under test where it yields';

export const ownProcess: Record<string, string> = {
	'src/lib/server/health.test.ts': appDatabase,
	'src/lib/server/api/request-text.test.ts': appDatabase,
	'src/lib/server/reviews/import.test.ts': mocksJobs,
	'src/lib/server/analytics/rebuild.test.ts': mocksJobs
};
