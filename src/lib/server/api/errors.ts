import { json } from '@sveltejs/kit';
import type { z } from 'zod';

export const errorCodes = {
	400: 'validation_failed',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	405: 'method_not_allowed',
	409: 'conflict',
	413: 'payload_too_large',
	429: 'rate_limited',
	500: 'internal_error',
	503: 'unavailable'
} as const;

export type ErrorStatus = keyof typeof errorCodes;

/** A zod issue (`path`, `code`), or a problem in one row of a bulk request (`row`, `column`). */
export type ApiIssue =
	| { path: (string | number)[]; message: string; code: string }
	| { row: number; column: string; message: string };

/** Thrown inside an API handler to answer with a JSON error of this status. */
export class ApiError extends Error {
	constructor(
		readonly status: ErrorStatus,
		message: string,
		readonly issues?: ApiIssue[],
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export function issuesOf(error: z.ZodError): ApiIssue[] {
	return error.issues.map((issue) => ({
		path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
		message: issue.message,
		code: issue.code
	}));
}

export function errorResponse(error: ApiError): Response {
	const body = {
		error: {
			code: errorCodes[error.status],
			message: error.message,
			...(error.issues ? { issues: error.issues } : {})
		}
	};
	return json(body, { status: error.status, headers: error.headers });
}
