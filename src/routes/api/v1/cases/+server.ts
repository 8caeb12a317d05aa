import { activeStatuses } from '$lib/followups/case-model';
import { apiRoute } from '$lib/server/api/endpoint';
import { listCases as listEndpoint } from '$lib/server/api/endpoints/cases';
import { ApiError } from '$lib/server/api/errors';
import { appDb } from '$lib/server/db/app-db';
import { caseJson } from '$lib/server/followups/case-json';
import { listCases } from '$lib/server/followups/queries';
import { findUserByEmail } from '$lib/server/users/service';
import * as m from '$lib/paraglide/messages';

export const GET = apiRoute(listEndpoint, async ({ query }) => {
	const db = appDb();
	let assigneeId: string | null | undefined;
	if (query.assignee === 'none') assigneeId = null;
	else if (query.assignee) {
		const user = await findUserByEmail(db, query.assignee);
		if (!user) throw new ApiError(400, m.api_no_staff_user_email({ email: query.assignee }));
		assigneeId = user.id;
	}
	const statuses =
		query.status === 'any'
			? undefined
			: query.status === 'active'
				? activeStatuses
				: [query.status];
	const { items, total } = await listCases(
		db,
		{
			statuses,
			assigneeId,
			trigger: query.trigger,
			overdue: query.overdue || undefined,
			clientId: query.clientId,
			search: query.search
		},
		{ limit: query.limit, offset: query.offset }
	);
	return { items: items.map(caseJson), total };
});
