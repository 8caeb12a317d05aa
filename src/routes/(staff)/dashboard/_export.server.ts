import { error, type RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { analyticsQueryFromSearchParams } from '$lib/schemas/analytics';
import { dashboardScope } from '$lib/server/analytics/dashboard';
import { appDb } from '$lib/server/db/app-db';
import { scopedQuery } from '$lib/server/auth/scope';
import { viewerScope } from './_view.server';

/**
 * The view an export is for. Unlike the page, an export refuses filters it does not understand:
 * a file must hold exactly what was asked for.
 */
export async function exportedView(event: Pick<RequestEvent, 'url' | 'locals'>) {
	const parsed = analyticsQueryFromSearchParams(event.url.searchParams);
	if (!parsed.success) error(400, parsed.error.issues.map(({ message }) => message).join('; '));
	const db = appDb();
	const query = scopedQuery(parsed.data, await viewerScope(event, db));
	const scope = await dashboardScope(db, query);
	if (!scope.ok) error(scope.status, scope.message);
	if ('empty' in scope) error(404, m.dashboard_no_csi_model());
	return { db, query, scope };
}
