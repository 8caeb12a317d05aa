import type { RequestHandler } from '@sveltejs/kit';
import { ApiError, errorResponse } from '$lib/server/api/errors';

/** Unknown API paths answer in the API's JSON error shape, not with an HTML page. */
const notFound: RequestHandler = ({ url }) =>
	errorResponse(new ApiError(404, `No API endpoint at ${url.pathname}; see /api/v1/openapi.json.`));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
