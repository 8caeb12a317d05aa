import { filterDimensions } from '$lib/schemas/analytics';
import { responsesCsv } from '$lib/server/analytics/responses-csv';
import { recordAudit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guards';
import { csvHeaders, exportedView } from '../_export.server';
import type { RequestHandler } from './$types';

/** Every response in the dashboard's selection; a manager's download, since it holds client emails. */
export const GET: RequestHandler = (event) => {
	const user = requireUser(event);
	const { db, query, scope } = exportedView(event);
	recordAudit(db, { userId: user.id }, 'responses.export', `surveys:${scope.surveyIds.join(',')}`, { query });
	const chunks = responsesCsv(db, { versionIds: scope.surveyVersionIds, from: query.from, to: query.to, required: filterDimensions(query) });
	const encoder = new TextEncoder();
	// One batch per pull: the file streams out while other requests are served in between.
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode('\uFEFF'));
		},
		pull(controller) {
			const next = chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		cancel() {
			chunks.return(undefined);
		}
	});
	return new Response(body, { headers: csvHeaders(`responses-${new Date().toISOString().slice(0, 10)}.csv`) });
};
