import { error, type RequestEvent } from '@sveltejs/kit';
import { analyticsQueryFromSearchParams } from '$lib/schemas/analytics';
import { dashboardScope } from '$lib/server/analytics/dashboard';
import { appDb } from '$lib/server/db/app-db';

/**
 * The view an export is for. Unlike the page, an export refuses filters it does not understand:
 * a file must hold exactly what was asked for.
 */
export function exportedView({ url }: Pick<RequestEvent, 'url'>) {
	const parsed = analyticsQueryFromSearchParams(url.searchParams);
	if (!parsed.success) error(400, parsed.error.issues.map(({ message }) => message).join('; '));
	const db = appDb();
	const scope = dashboardScope(db, parsed.data);
	if (!scope.ok) error(scope.status, scope.message);
	if ('empty' in scope) error(404, 'No survey measures a CSI model yet.');
	return { db, query: parsed.data, scope };
}
