import { csiTrend } from '$lib/server/analytics/dashboard';
import { factorTableCsv } from '$lib/server/analytics/factor-table-csv';
import { csvHeaders } from '$lib/server/csv-download';
import { exportedView } from '../_export.server';
import type { RequestHandler } from './$types';

/** The factor table with the dashboard's filters; figures only, so every role may have it. */
export const GET: RequestHandler = async (event) => {
	const { db, query, scope } = await exportedView(event);
	const trend = await csiTrend(db, scope, query);
	const latest = trend.groups.length >= 2 ? trend.groups.at(-1)! : null;
	// The byte-order mark makes spreadsheet programs read the file as UTF-8.
	return new Response(`\uFEFF${factorTableCsv(trend.factors, latest)}`, {
		headers: csvHeaders('factors.csv')
	});
};
