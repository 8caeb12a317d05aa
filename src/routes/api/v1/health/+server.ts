import { sql } from 'drizzle-orm';
import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { health } from '$lib/server/api/endpoints/system';
import { appDb } from '$lib/server/db/app-db';

export const GET = apiRoute(health, () => {
	try {
		appDb().get(sql`select 1`);
	} catch (error) {
		console.error('Health check: database unavailable', error);
		throw new ApiError(503, 'The database is unavailable.');
	}
	return { status: 'ok' as const };
});
