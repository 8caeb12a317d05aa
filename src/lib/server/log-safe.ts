import { DrizzleQueryError } from 'drizzle-orm';

/**
 * An error as it may be logged, or kept as a job's failure. drizzle's query errors carry the
 * statement's parameters in their message — a client's email, an answer, a note — and
 * PostgreSQL's errors the values that broke a constraint in `detail`: such an error becomes the
 * query's text and the database's own reason, with its stack, and no values. Any other error is
 * given back as it is.
 */
export function withoutData(error: unknown): unknown {
	if (!(error instanceof DrizzleQueryError)) return error;
	const cause: unknown = error.cause;
	const reason = cause instanceof Error ? cause.message : 'no reason given';
	const code = (cause as { code?: unknown } | undefined)?.code;
	const safe = new Error(
		`The database refused a query${typeof code === 'string' ? ` (${code})` : ''}: ${reason}\nQuery: ${error.query}`
	);
	const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
	safe.stack = [`Error: ${safe.message}`, ...frames].join('\n');
	return safe;
}

/** The message of an error as it may be kept and shown to staff: a failed job's reason. */
export const safeMessage = (error: unknown): string => {
	const safe = withoutData(error);
	return safe instanceof Error ? safe.message : String(safe);
};
