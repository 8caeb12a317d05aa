import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError } from './api/errors';

const idSchema = z.coerce.number().int().positive();

/** A route's numeric `[id]`, or a 404 page naming what was not found. */
export function pageId(param: string | undefined, notFound: string): number {
	const id = idSchema.safeParse(param);
	if (!id.success) error(404, notFound);
	return id.data;
}

/** A route's numeric `{id}` in the API, or a 404 in the API's error shape. */
export function apiId(param: string | undefined, notFound: string): number {
	const id = idSchema.safeParse(param);
	if (!id.success) throw new ApiError(404, notFound);
	return id.data;
}
