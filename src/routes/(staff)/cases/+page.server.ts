import { activeStatuses } from '$lib/followups/case-model';
import { caseListParamsSchema, type CaseListParams } from '$lib/schemas/followups';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf } from '$lib/server/auth/scope';
import { seesContactData } from '$lib/server/auth/visibility';
import { appDb } from '$lib/server/db/app-db';
import { followupMetrics } from '$lib/server/followups/metrics';
import { listCases, withoutContactData, type CaseQuery } from '$lib/server/followups/queries';
import { activeStaff } from '$lib/server/followups/rules';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** The tab decides whose cases; the filters narrow further (the assignee filter only under "All"). */
function caseQuery(params: CaseListParams, userId: string): CaseQuery {
	const statuses =
		params.status === 'any'
			? undefined
			: params.status === 'active'
				? activeStatuses
				: [params.status];
	const base: CaseQuery = {
		statuses,
		trigger: params.trigger,
		overdue: params.overdue || undefined,
		search: params.search
	};
	switch (params.view) {
		case 'mine':
			return { ...base, assigneeId: userId };
		case 'unassigned':
			return { ...base, assigneeId: null };
		case 'overdue':
			return { ...base, statuses: activeStatuses, overdue: true };
		case 'all':
			return { ...base, assigneeId: params.assignee === 'none' ? null : params.assignee };
	}
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = appDb();
	const params = caseListParamsSchema.parse(Object.fromEntries(event.url.searchParams));
	const contact = seesContactData(user);
	const limit = await scopeOf(db, user);
	const query = { ...caseQuery(params, user.id), searchEmails: contact, limit };
	const { items, total } = await listCases(db, query, {
		limit: PAGE_SIZE,
		offset: (params.page - 1) * PAGE_SIZE
	});
	const counted = async (query: CaseQuery) =>
		(await listCases(db, { ...query, limit }, { limit: 0, offset: 0 })).total;
	return {
		params,
		items: contact ? items : items.map(withoutContactData),
		seesContactData: contact,
		total,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		tabCounts: {
			mine: await counted({ statuses: activeStatuses, assigneeId: user.id }),
			overdue: await counted({ overdue: true }),
			unassigned: await counted({ statuses: activeStatuses, assigneeId: null })
		},
		staff: await activeStaff(db),
		metrics: await followupMetrics(db, { limit })
	};
};
