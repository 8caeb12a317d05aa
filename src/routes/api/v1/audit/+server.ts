import { apiRoute } from '$lib/server/api/endpoint';
import { listAudit } from '$lib/server/api/endpoints/audit';
import { auditPage, auditPageJson } from '$lib/server/audit-log/queries';
import { appDb } from '$lib/server/db/app-db';

export const GET = apiRoute(listAudit, async ({ query }) =>
	auditPageJson(await auditPage(appDb(), query))
);
