import { error } from '@sveltejs/kit';
import { auditFilterFromSearchParams } from '$lib/schemas/audit-filter';
import { auditCsv } from '$lib/server/audit-log/csv';
import { csvDownload } from '$lib/server/csv-download';
import { appDb } from '$lib/server/db/app-db';
import type { RequestHandler } from './$types';
import { utcDay } from '$lib/dates';

/** Every entry the page's filters match, newest first, not only the page shown. */
export const GET: RequestHandler = ({ url }) => {
	const filter = auditFilterFromSearchParams(url.searchParams);
	if (!filter.success) error(400, filter.error.issues.map(({ message }) => message).join('; '));
	return csvDownload(auditCsv(appDb(), filter.data), `audit-log-${utcDay(new Date())}.csv`);
};
