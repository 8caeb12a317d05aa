import { filterDimensions } from '$lib/schemas/analytics';
import { responsesCsv } from '$lib/server/analytics/responses-csv';
import { recordAudit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guards';
import { csvDownload } from '$lib/server/csv-download';
import { exportedView } from '../_export.server';
import type { RequestHandler } from './$types';
import { utcDay } from '$lib/dates';

/** Every response in the dashboard's selection; a manager's download, since it holds client emails. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const { db, query, scope } = exportedView(event);
	await recordAudit(
		db,
		{ userId: user.id },
		'responses.export',
		`surveys:${scope.surveyIds.join(',')}`,
		{
			query
		}
	);
	const chunks = responsesCsv(db, {
		versionIds: scope.surveyVersionIds,
		from: query.from,
		to: query.to,
		required: filterDimensions(query)
	});
	return csvDownload(chunks, `responses-${utcDay(new Date())}.csv`);
};
