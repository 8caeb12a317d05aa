import type { RequestHandler } from '@sveltejs/kit';
import { ApiError, errorResponse } from '$lib/server/api/errors';
import * as m from '$lib/paraglide/messages';

/** Unknown API paths answer in the API's JSON error shape, not with an HTML page. */
const notFound: RequestHandler = ({ url }) =>
	errorResponse(new ApiError(404, m.api_not_found_path({ path: url.pathname })));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
